#pragma once
/// @file The request checks of the Streamable HTTP transport, as pure functions: DNS-rebinding
/// protection (Host and Origin), content negotiation and the bearer token.

#include <string>
#include <string_view>
#include <vector>

namespace gantry::mcp {

/// The host name of a Host header, without the port: "localhost:8080" -> "localhost", "[::1]:80" -> "::1".
std::string HostHeaderName(std::string_view host);
/// The host name of an Origin header: "http://localhost:3000" -> "localhost"; "" when it has none ("null").
std::string OriginHostName(std::string_view origin);
/// Whether the Host header names one of `allowed` (host names, compared without case and port).
bool IsAllowedHost(std::string_view host, const std::vector<std::string>& allowed);
/// Whether an Origin header is absent (not a browser) or names one of `allowed`.
bool IsAllowedOrigin(std::string_view origin, const std::vector<std::string>& allowed);
/// Whether an Accept header accepts `type` (exactly, by "type/*" or by "*/*").
bool Accepts(std::string_view accept, std::string_view type);
/// Whether a Content-Type header is application/json (parameters such as charset allowed).
bool IsJsonContentType(std::string_view content_type);
/// Whether an Authorization header carries `token` as "Bearer <token>" (constant-time comparison).
bool BearerTokenMatches(std::string_view authorization, const std::string& token);

}  // namespace gantry::mcp
