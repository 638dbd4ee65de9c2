#include "gantry/turso/remote_url.hpp"

namespace gantry::turso {

StatusOr<std::string> NormalizeRemoteUrl(const std::string& url) {
    std::string out = url;
    if (out.rfind("libsql://", 0) == 0) out = "https://" + out.substr(9);
    if (out.rfind("https://", 0) != 0 && out.rfind("http://", 0) != 0) {
        return InvalidArgumentError("remote URL '" + url + "' must start with libsql://, https:// or http://");
    }
    while (!out.empty() && out.back() == '/') out.pop_back();
    if (out.find('?') != std::string::npos) {
        return InvalidArgumentError("remote URL '" + url +
                                    "' must not carry a query string; give the token separately");
    }
    const auto host_start = out.find("://") + 3;
    if (host_start >= out.size()) return InvalidArgumentError("remote URL '" + url + "' has no host");
    return out;
}

}  // namespace gantry::turso
