#include "gantry/turso/pull_protocol.hpp"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <gtest/gtest.h>

#include "fake_http_client.hpp"
#include "gantry/turso/retrying_http_client.hpp"
#include "gantry/turso/v1/sync_protocol.pb.h"

namespace gantry::turso {
namespace {

std::string Delimited(const google::protobuf::MessageLite& m) {
    std::string out;
    google::protobuf::io::StringOutputStream raw(&out);
    google::protobuf::io::CodedOutputStream coded(&raw);
    coded.WriteVarint32(static_cast<uint32_t>(m.ByteSizeLong()));
    m.SerializeToCodedStream(&coded);
    coded.Trim();
    return out;
}

std::string Page1(uint16_t page_size) {
    std::string page(kPageSize, '\0');
    std::memcpy(page.data(), "SQLite format 3\0", 16);
    page[16] = static_cast<char>(page_size >> 8);
    page[17] = static_cast<char>(page_size & 0xff);
    page[18] = 2;
    page[19] = 2;
    return page;
}

std::string Response(const std::string& revision, uint64_t db_size,
                     const std::vector<std::pair<uint64_t, std::string>>& pages, bool zstd = false) {
    v1::PullUpdatesRespProtoBody header;
    header.set_server_revision(revision);
    header.set_db_size(db_size);
    if (zstd) {
        header.mutable_zstd_encoding()->set_level(1);
    } else {
        header.mutable_raw_encoding();
    }
    std::string out = Delimited(header);
    for (const auto& [id, data] : pages) {
        v1::PageData p;
        p.set_page_id(id);
        p.set_encoded_page(data);
        out += Delimited(p);
    }
    return out;
}

TEST(PullProtocol, RequestMatchesTheBytesTursodbExpects) {
    EXPECT_EQ(EncodePullRequest("5"), std::string("\x1a\x01\x35", 3));
    EXPECT_EQ(EncodePullRequest(""), "");  // bootstrap: an empty body
}

TEST(PullProtocol, DecodesTheHeaderBytesFromTheBrief) {
    auto r = DecodePullResponse(std::string("\x07\x0a\x01\x37\x10\x03\x1a\x00", 8));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->revision, "7");
    EXPECT_EQ(r->db_size, 3u);
    EXPECT_TRUE(r->pages.empty());
}

TEST(PullProtocol, DecodesPagesAsOneBasedNumbers) {
    auto r = DecodePullResponse(Response("12", 3, {{0, Page1(4096)}, {2, std::string(kPageSize, 'c')}}));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->pages.size(), 2u);
    EXPECT_EQ(r->pages[0].number, 1u);
    EXPECT_EQ(r->pages[1].number, 3u);
    EXPECT_EQ(r->pages[1].data, std::string(kPageSize, 'c'));
}

TEST(PullProtocol, RefusesZstdByName) {
    auto r = DecodePullResponse(Response("1", 1, {}, true));
    EXPECT_EQ(r.status().reason(), "UNSUPPORTED_PAGE_ENCODING");
    EXPECT_NE(r.status().message().find("ZSTD"), std::string::npos);
}

TEST(PullProtocol, RefusesAnUnknownEncoding) {
    v1::PullUpdatesRespProtoBody header;
    header.set_server_revision("1");
    auto r = DecodePullResponse(Delimited(header));
    EXPECT_EQ(r.status().reason(), "UNSUPPORTED_PAGE_ENCODING");
}

TEST(PullProtocol, RefusesPageSizeMismatches) {
    auto short_page = DecodePullResponse(Response("1", 2, {{1, std::string(1024, 'x')}}));
    EXPECT_EQ(short_page.status().reason(), "PAGE_SIZE_MISMATCH");
    auto header_says_8k = DecodePullResponse(Response("1", 1, {{0, Page1(8192)}}));
    EXPECT_EQ(header_says_8k.status().reason(), "PAGE_SIZE_MISMATCH");
    EXPECT_NE(header_says_8k.status().message().find("8192-byte pages"), std::string::npos);
}

TEST(PullProtocol, RefusesTornAndOutOfRangeResponses) {
    std::string full = Response("1", 2, {{1, std::string(kPageSize, 'x')}});
    EXPECT_FALSE(DecodePullResponse(full.substr(0, full.size() - 10)).ok());
    EXPECT_FALSE(DecodePullResponse(Response("1", 1, {{1, std::string(kPageSize, 'x')}})).ok());
    EXPECT_FALSE(DecodePullResponse("").ok());
}

/// Records what the decoder hands over.
struct RecordingSink final : PullSink {
    Status OnHeader(const std::string& revision, uint64_t db_size) override {
        headers.push_back(revision + "/" + std::to_string(db_size));
        pages.clear();
        return Status::Ok();
    }
    Status OnPage(uint64_t number, std::string_view data) override {
        pages.push_back({number, std::string(data)});
        return Status::Ok();
    }
    std::vector<std::string> headers;
    std::vector<Page> pages;
};

TEST(PullDecoder, GivesTheSameMessagesWhereverTheBodyIsCut) {
    const std::string body =
        Response("12", 300, {{0, Page1(4096)}, {2, std::string(kPageSize, 'c')}, {299, std::string(kPageSize, 'z')}});
    for (size_t piece : {size_t{1}, size_t{2}, size_t{3}, size_t{7}, size_t{4095}, size_t{4103}, size_t{4104},
                         size_t{5000}, body.size()}) {
        RecordingSink sink;
        PullDecoder decoder(sink);
        for (size_t pos = 0; pos < body.size(); pos += piece) {
            ASSERT_TRUE(decoder.Feed(std::string_view(body).substr(pos, piece)).ok()) << "pieces of " << piece;
        }
        ASSERT_TRUE(decoder.Finish().ok()) << "pieces of " << piece;
        EXPECT_EQ(sink.headers, std::vector<std::string>{"12/300"});
        ASSERT_EQ(sink.pages.size(), 3u) << "pieces of " << piece;
        EXPECT_EQ(sink.pages[0].number, 1u);
        EXPECT_EQ(sink.pages[1].data, std::string(kPageSize, 'c'));
        EXPECT_EQ(sink.pages[2].number, 300u);
        EXPECT_EQ(decoder.summary().pages, 3u);
        EXPECT_EQ(decoder.summary().bytes, body.size());
    }
}

TEST(PullDecoder, RefusesATruncatedBodyAnAbsurdLengthAndAnEmptyBody) {
    const std::string body = Response("1", 2, {{1, std::string(kPageSize, 'x')}});
    for (size_t cut : {size_t{1}, size_t{5}, body.size() - 1}) {
        RecordingSink sink;
        PullDecoder decoder(sink);
        ASSERT_TRUE(decoder.Feed(body.substr(0, cut)).ok());
        EXPECT_EQ(decoder.Finish().code(), StatusCode::kUnavailable) << "cut at " << cut;
    }
    RecordingSink sink;
    PullDecoder huge(sink);
    EXPECT_FALSE(huge.Feed(std::string("\xff\xff\xff\xff\x7f", 5)).ok()) << "a message over 16 MiB is refused";
    PullDecoder empty(sink);
    EXPECT_FALSE(empty.Finish().ok());
}

/// Streams the first attempt's body only partly, then fails like a reset connection; later attempts whole.
class CutOnceHttpClient final : public HttpClient {
public:
    explicit CutOnceHttpClient(std::string body) : body_(std::move(body)) {}
    StatusOr<HttpResponse> Send(const HttpRequest&) override { return UnavailableError("unused"); }
    StatusOr<long> Stream(const HttpRequest&, BodySink& sink) override {
        GANTRY_RETURN_IF_ERROR(sink.Start(200));
        if (attempts_++ == 0) {
            GANTRY_RETURN_IF_ERROR(sink.Write(body_.substr(0, body_.size() / 2)));
            return UnavailableError("connection reset");
        }
        for (size_t pos = 0; pos < body_.size(); pos += 1000)
            GANTRY_RETURN_IF_ERROR(sink.Write(body_.substr(pos, 1000)));
        return 200L;
    }
    int attempts_ = 0;

private:
    std::string body_;
};

TEST(PullClient, AStreamCutMidwayIsRetriedFromTheStartAndTheSinkStartsOver) {
    CutOnceHttpClient cut(Response(
        "7", 4,
        {{1, std::string(kPageSize, 'a')}, {2, std::string(kPageSize, 'b')}, {3, std::string(kPageSize, 'c')}}));
    RetryingHttpClient http(cut, {3, std::chrono::milliseconds(0), std::chrono::milliseconds(0)}, [](auto) {});
    PullClient client(http, "http://h", std::chrono::milliseconds(500));
    RecordingSink sink;
    auto r = client.Pull("6", sink);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(cut.attempts_, 2);
    EXPECT_EQ(sink.headers.size(), 2u) << "the header came again with the retry";
    EXPECT_EQ(sink.pages.size(), 3u);
    EXPECT_EQ(r->pages, 3u);
    EXPECT_EQ(r->revision, "7");
}

TEST(PullClient, AnErrorFromTheSinkIsNotRetried) {
    CutOnceHttpClient cut(Response("7", 2, {{1, std::string(kPageSize, 'a')}}));
    cut.attempts_ = 1;  // deliver whole
    RetryingHttpClient http(cut, {3, std::chrono::milliseconds(0), std::chrono::milliseconds(0)}, [](auto) {});
    PullClient client(http, "http://h", std::chrono::milliseconds(500));
    struct FullDisk final : PullSink {
        Status OnHeader(const std::string&, uint64_t) override { return Status::Ok(); }
        Status OnPage(uint64_t, std::string_view) override { return UnavailableError("disk full"); }
    } sink;
    auto r = client.Pull("6", sink);
    EXPECT_EQ(r.status().message(), "disk full");
    EXPECT_EQ(cut.attempts_, 2) << "one attempt only";
}

TEST(PullClient, PostsProtobufAsAnIdempotentRequest) {
    testing::FakeHttpClient http;
    http.Reply(200, Response("9", 0, {}));
    http.Reply(500, "Zstd encoding is not supported");
    PullClient client(http, "http://h", std::chrono::milliseconds(500));
    auto r = client.Pull("8");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->revision, "9");
    EXPECT_EQ(http.requests[0].url, "http://h/pull-updates");
    EXPECT_EQ(http.requests[0].headers.at("content-type"), "application/protobuf");
    EXPECT_TRUE(http.requests[0].idempotent);
    EXPECT_EQ(http.requests[0].timeout, std::chrono::milliseconds(500));
    auto failed = client.Pull("9");
    EXPECT_EQ(failed.status().code(), StatusCode::kUnavailable);
    EXPECT_NE(failed.status().message().find("Zstd encoding is not supported"), std::string::npos);
}

}  // namespace
}  // namespace gantry::turso
