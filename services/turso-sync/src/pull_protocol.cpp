#include "gantry/turso/pull_protocol.hpp"

#include <algorithm>
#include <optional>

#include "gantry/turso/hrana_codec.hpp"

namespace gantry::turso {
namespace {

constexpr uint64_t kMaxMessage = 16u << 20;  // a page message is ~4 KiB; anything this large is not a pull
constexpr size_t kMaxErrorBody = 64u << 10;  // how much of a failed pull's body is kept for its message

/// Reads a varint at the start of `in`: the number of bytes it took, 0 when `in` ends inside it, -1 when it is
/// longer than ten bytes.
int ReadVarint(std::string_view in, uint64_t& value) {
    value = 0;
    for (size_t i = 0; i < std::min<size_t>(in.size(), 10); ++i) {
        const auto byte = static_cast<uint8_t>(in[i]);
        value |= static_cast<uint64_t>(byte & 0x7f) << (7 * i);
        if (!(byte & 0x80)) return static_cast<int>(i + 1);
    }
    return in.size() >= 10 ? -1 : 0;
}

/// The length prefix of the message at the start of `in`: its size in bytes including the prefix, or 0 when
/// `in` ends inside the prefix.
StatusOr<uint64_t> FramedSize(std::string_view in) {
    uint64_t length = 0;
    const int prefix = ReadVarint(in, length);
    if (prefix < 0 || length > kMaxMessage) return UnavailableError("pull response: malformed message length");
    return prefix == 0 ? 0 : prefix + length;
}

uint32_t HeaderPageSize(std::string_view page1) {
    const uint32_t raw = (static_cast<uint8_t>(page1[16]) << 8) | static_cast<uint8_t>(page1[17]);
    return raw == 1 ? 65536 : raw;
}

/// Keeps a whole pull in memory.
class CollectingSink final : public PullSink {
public:
    Status OnHeader(const std::string& revision, uint64_t db_size) override {
        result.revision = revision;
        result.db_size = db_size;
        result.pages.clear();
        return Status::Ok();
    }
    Status OnPage(uint64_t number, std::string_view data) override {
        result.pages.push_back({number, std::string(data)});
        return Status::Ok();
    }
    PullResult result;
};

/// The HTTP side of a pull: a 2xx body goes through a fresh decoder per attempt; any other body is kept (up to
/// kMaxErrorBody) for the error message.
class PullBodySink final : public BodySink {
public:
    explicit PullBodySink(PullSink& pages) : pages_(pages) {}
    Status Start(long status) override {
        status_ = status;
        error_body_.clear();
        decoder_.emplace(pages_);
        return Status::Ok();
    }
    Status Write(std::string_view piece) override {
        if (status_ >= 200 && status_ < 300) return decoder_->Feed(piece);
        error_body_.append(piece.substr(0, kMaxErrorBody - std::min(kMaxErrorBody, error_body_.size())));
        return Status::Ok();
    }
    const PullDecoder& decoder() const { return *decoder_; }
    const std::string& error_body() const { return error_body_; }

private:
    PullSink& pages_;
    long status_ = 0;
    std::optional<PullDecoder> decoder_;
    std::string error_body_;
};

}  // namespace

Status PullDecoder::Feed(std::string_view piece) {
    summary_.bytes += piece.size();
    if (!partial_.empty()) {
        // Complete the message split across pieces: first its length prefix, byte by byte, then its body.
        uint64_t size = 0;
        while (!piece.empty()) {
            GANTRY_ASSIGN_OR_RETURN(size, FramedSize(partial_));
            const size_t take = size == 0 ? 1 : std::min<uint64_t>(size - partial_.size(), piece.size());
            partial_.append(piece.substr(0, take));
            piece.remove_prefix(take);
            if (size != 0 && partial_.size() == size) break;
        }
        GANTRY_ASSIGN_OR_RETURN(size, FramedSize(partial_));
        if (size == 0 || partial_.size() < size) return Status::Ok();  // the piece ended first
        GANTRY_RETURN_IF_ERROR(Consume(partial_));
        partial_.clear();
    }
    // Whole messages straight from the piece; only a message cut by its end is copied.
    while (!piece.empty()) {
        GANTRY_ASSIGN_OR_RETURN(uint64_t size, FramedSize(piece));
        if (size == 0 || size > piece.size()) {
            partial_.assign(piece);
            return Status::Ok();
        }
        GANTRY_RETURN_IF_ERROR(Consume(piece.substr(0, size)));
        piece.remove_prefix(size);
    }
    return Status::Ok();
}

Status PullDecoder::Finish() const {
    if (!partial_.empty()) return UnavailableError("pull response: the body ended inside a message (truncated)");
    if (!have_header_) return UnavailableError("pull response is empty: the server sent no header");
    return Status::Ok();
}

Status PullDecoder::Consume(std::string_view framed) {
    uint64_t length = 0;
    const int prefix = ReadVarint(framed, length);
    const std::string_view message = framed.substr(static_cast<size_t>(prefix));
    if (!have_header_) {
        v1::PullUpdatesRespProtoBody header;
        if (!header.ParseFromArray(message.data(), static_cast<int>(message.size()))) {
            return UnavailableError("pull response: malformed header");
        }
        if (header.has_zstd_encoding()) {
            return FailedPreconditionError(
                       "the server sent pages with the ZSTD encoding, which this client does not "
                       "decode; it asked for the raw encoding")
                .WithReason("UNSUPPORTED_PAGE_ENCODING");
        }
        if (!header.has_raw_encoding()) {
            return FailedPreconditionError("the server sent pages in an unknown encoding (neither raw nor zstd)")
                .WithReason("UNSUPPORTED_PAGE_ENCODING");
        }
        have_header_ = true;
        summary_.revision = header.server_revision();
        summary_.db_size = header.db_size();
        return sink_.OnHeader(summary_.revision, summary_.db_size);
    }
    page_.Clear();
    if (!page_.ParseFromArray(message.data(), static_cast<int>(message.size()))) {
        return UnavailableError("pull response: malformed page");
    }
    const std::string& data = page_.encoded_page();
    if (data.size() != kPageSize) {
        return FailedPreconditionError("the server sent a page of " + std::to_string(data.size()) +
                                       " bytes; this client supports 4096-byte pages only")
            .WithReason("PAGE_SIZE_MISMATCH");
    }
    if (page_.page_id() >= summary_.db_size) {
        return UnavailableError("pull response: page " + std::to_string(page_.page_id() + 1) +
                                " lies beyond the database size of " + std::to_string(summary_.db_size) + " pages");
    }
    if (page_.page_id() == 0 && HeaderPageSize(data) != kPageSize) {
        return FailedPreconditionError("the remote database uses " + std::to_string(HeaderPageSize(data)) +
                                       "-byte pages; the replica supports 4096-byte pages only")
            .WithReason("PAGE_SIZE_MISMATCH");
    }
    ++summary_.pages;
    return sink_.OnPage(page_.page_id() + 1, data);
}

std::string EncodePullRequest(const std::string& client_revision) {
    v1::PullUpdatesReqProtoBody req;
    req.set_encoding(v1::PAGE_UPDATES_ENCODING_REQ_RAW);
    req.set_client_revision(client_revision);
    return req.SerializeAsString();
}

StatusOr<PullResult> DecodePullResponse(const std::string& body) {
    CollectingSink sink;
    PullDecoder decoder(sink);
    GANTRY_RETURN_IF_ERROR(decoder.Feed(body));
    GANTRY_RETURN_IF_ERROR(decoder.Finish());
    sink.result.bytes = decoder.summary().bytes;
    return std::move(sink.result);
}

StatusOr<PullSummary> PullClient::Pull(const std::string& client_revision, PullSink& sink) {
    HttpRequest req;
    req.url = base_url_ + "/pull-updates";
    req.headers["content-type"] = "application/protobuf";
    req.headers["accept-encoding"] = "application/protobuf";
    req.body = EncodePullRequest(client_revision);
    req.timeout = timeout_;
    req.idempotent = true;
    PullBodySink body(sink);
    GANTRY_ASSIGN_OR_RETURN(long status, http_.Stream(req, body));
    if (status < 200 || status >= 300) {
        return UnavailableError("pull from " + base_url_ + " failed: HTTP " + std::to_string(status) + ": " +
                                hrana::DescribeErrorBody(body.error_body()))
            .WithReason("PULL_FAILED");
    }
    GANTRY_RETURN_IF_ERROR(body.decoder().Finish());
    return body.decoder().summary();
}

StatusOr<PullResult> PullClient::Pull(const std::string& client_revision) {
    CollectingSink sink;
    GANTRY_ASSIGN_OR_RETURN(auto summary, Pull(client_revision, sink));
    sink.result.bytes = summary.bytes;
    return std::move(sink.result);
}

}  // namespace gantry::turso
