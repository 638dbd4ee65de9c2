#include "gantry/mcp/http_checks.hpp"

#include <openssl/crypto.h>

#include <algorithm>
#include <cctype>

namespace gantry::mcp {
namespace {

std::string Lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

std::string_view Trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

bool IsAllowedName(const std::string& name, const std::vector<std::string>& allowed) {
    if (name.empty()) return false;
    return std::any_of(allowed.begin(), allowed.end(), [&](const std::string& a) { return Lower(a) == name; });
}

}  // namespace

std::string HostHeaderName(std::string_view host) {
    host = Trim(host);
    if (!host.empty() && host.front() == '[') {
        const auto end = host.find(']');
        return end == std::string_view::npos ? "" : Lower(host.substr(1, end - 1));
    }
    return Lower(host.substr(0, host.find(':')));
}

std::string OriginHostName(std::string_view origin) {
    origin = Trim(origin);
    const auto scheme = origin.find("://");
    if (scheme == std::string_view::npos) return "";
    auto rest = origin.substr(scheme + 3);
    rest = rest.substr(0, rest.find('/'));
    return HostHeaderName(rest);
}

bool IsAllowedHost(std::string_view host, const std::vector<std::string>& allowed) {
    return IsAllowedName(HostHeaderName(host), allowed);
}

bool IsAllowedOrigin(std::string_view origin, const std::vector<std::string>& allowed) {
    if (Trim(origin).empty()) return true;
    return IsAllowedName(OriginHostName(origin), allowed);
}

bool Accepts(std::string_view accept, std::string_view type) {
    const auto wanted = Lower(type);
    const auto wildcard = wanted.substr(0, wanted.find('/')) + "/*";
    size_t start = 0;
    while (start <= accept.size()) {
        auto end = accept.find(',', start);
        if (end == std::string_view::npos) end = accept.size();
        auto item = accept.substr(start, end - start);
        item = Trim(item.substr(0, item.find(';')));
        const auto media = Lower(item);
        if (media == wanted || media == wildcard || media == "*/*") return true;
        start = end + 1;
    }
    return false;
}

bool IsJsonContentType(std::string_view content_type) {
    return Lower(Trim(content_type.substr(0, content_type.find(';')))) == "application/json";
}

bool BearerTokenMatches(std::string_view authorization, const std::string& token) {
    authorization = Trim(authorization);
    constexpr std::string_view kBearer = "bearer ";
    if (authorization.size() <= kBearer.size() || Lower(authorization.substr(0, kBearer.size())) != kBearer) {
        return false;
    }
    const auto given = Trim(authorization.substr(kBearer.size()));
    return given.size() == token.size() && CRYPTO_memcmp(given.data(), token.data(), token.size()) == 0;
}

}  // namespace gantry::mcp
