#include "gantry/turso/pull_protocol.hpp"

#include <google/protobuf/io/coded_stream.h>

#include "gantry/turso/hrana_codec.hpp"
#include "gantry/turso/v1/sync_protocol.pb.h"

namespace gantry::turso {
namespace {

using google::protobuf::io::CodedInputStream;

/// Reads one varint-length-prefixed message; false at a clean end of input, error on a torn message.
template <typename Message>
StatusOr<bool> ReadDelimited(CodedInputStream& in, Message& message, const char* what) {
    if (in.ExpectAtEnd()) return false;
    uint32_t size = 0;
    if (!in.ReadVarint32(&size)) return UnavailableError(std::string("pull response: torn length of ") + what);
    const auto limit = in.PushLimit(static_cast<int>(size));
    if (!message.ParseFromCodedStream(&in) || !in.ConsumedEntireMessage()) {
        return UnavailableError(std::string("pull response: malformed or truncated ") + what);
    }
    in.PopLimit(limit);
    return true;
}

uint32_t HeaderPageSize(const std::string& page1) {
    const uint32_t raw = (static_cast<uint8_t>(page1[16]) << 8) | static_cast<uint8_t>(page1[17]);
    return raw == 1 ? 65536 : raw;
}

}  // namespace

std::string EncodePullRequest(const std::string& client_revision) {
    v1::PullUpdatesReqProtoBody req;
    req.set_encoding(v1::PAGE_UPDATES_ENCODING_REQ_RAW);
    req.set_client_revision(client_revision);
    return req.SerializeAsString();
}

StatusOr<PullResult> DecodePullResponse(const std::string& body) {
    CodedInputStream in(reinterpret_cast<const uint8_t*>(body.data()), static_cast<int>(body.size()));
    in.SetTotalBytesLimit(INT32_MAX);
    v1::PullUpdatesRespProtoBody header;
    GANTRY_ASSIGN_OR_RETURN(bool has_header, ReadDelimited(in, header, "header"));
    if (!has_header) return UnavailableError("pull response is empty: the server sent no header");
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
    PullResult out;
    out.revision = header.server_revision();
    out.db_size = header.db_size();
    out.bytes = body.size();
    v1::PageData page;
    for (;;) {
        page.Clear();
        GANTRY_ASSIGN_OR_RETURN(bool more, ReadDelimited(in, page, "page"));
        if (!more) break;
        if (page.encoded_page().size() != kPageSize) {
            return FailedPreconditionError("the server sent a page of " + std::to_string(page.encoded_page().size()) +
                                           " bytes; this client supports 4096-byte pages only")
                .WithReason("PAGE_SIZE_MISMATCH");
        }
        if (page.page_id() >= out.db_size) {
            return UnavailableError("pull response: page " + std::to_string(page.page_id() + 1) +
                                    " lies beyond the database size of " + std::to_string(out.db_size) + " pages");
        }
        if (page.page_id() == 0 && HeaderPageSize(page.encoded_page()) != kPageSize) {
            return FailedPreconditionError("the remote database uses " +
                                           std::to_string(HeaderPageSize(page.encoded_page())) +
                                           "-byte pages; the replica supports 4096-byte pages only")
                .WithReason("PAGE_SIZE_MISMATCH");
        }
        out.pages.push_back({page.page_id() + 1, std::move(*page.mutable_encoded_page())});
    }
    return out;
}

StatusOr<PullResult> PullClient::Pull(const std::string& client_revision) {
    HttpRequest req;
    req.url = base_url_ + "/pull-updates";
    req.headers["content-type"] = "application/protobuf";
    req.headers["accept-encoding"] = "application/protobuf";
    req.body = EncodePullRequest(client_revision);
    req.timeout = timeout_;
    req.idempotent = true;
    GANTRY_ASSIGN_OR_RETURN(auto resp, http_.Send(req));
    if (resp.status < 200 || resp.status >= 300) {
        return UnavailableError("pull from " + base_url_ + " failed: HTTP " + std::to_string(resp.status) + ": " +
                                hrana::DescribeErrorBody(resp.body))
            .WithReason("PULL_FAILED");
    }
    return DecodePullResponse(resp.body);
}

}  // namespace gantry::turso
