#include "mariadb_dsn.hpp"

#include <sstream>

namespace gantry::db::mariadb {

StatusOr<Dsn> ParseDsn(const std::string& text) {
    Dsn dsn;
    std::istringstream in(text);
    std::string token;
    while (in >> token) {
        const auto eq = token.find('=');
        if (eq == std::string::npos || eq == 0) {
            return InvalidArgumentError("mariadb dsn: '" + token + "' is not key=value (keys: host, port, dbname, "
                                        "socket, user)");
        }
        const std::string key = token.substr(0, eq);
        const std::string value = token.substr(eq + 1);
        if (key == "host") {
            dsn.host = value;
        } else if (key == "port") {
            try {
                size_t used = 0;
                const unsigned long port = std::stoul(value, &used);
                if (used != value.size() || port == 0 || port > 65535) throw std::out_of_range(value);
                dsn.port = static_cast<unsigned>(port);
            } catch (const std::exception&) {
                return InvalidArgumentError("mariadb dsn: port '" + value + "' is not a port number");
            }
        } else if (key == "dbname" || key == "database") {
            dsn.database = value;
        } else if (key == "socket") {
            dsn.socket = value;
        } else if (key == "user") {
            dsn.user = value;
        } else if (key == "password") {
            return InvalidArgumentError("mariadb dsn: put the password in 'password' or 'password_file', not the dsn");
        } else {
            return InvalidArgumentError("mariadb dsn: unknown key '" + key + "' (keys: host, port, dbname, socket, user)");
        }
    }
    return dsn;
}

}  // namespace gantry::db::mariadb
