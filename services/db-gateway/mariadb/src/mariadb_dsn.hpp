#pragma once
/// @file "host=127.0.0.1 port=3306 dbname=app" -> connection parameters.

#include <string>

#include "gantry/common/status.hpp"

namespace gantry::db::mariadb {

struct Dsn {
    std::string host = "127.0.0.1";
    unsigned port = 3306;
    std::string database;
    std::string socket;
    std::string user;
};

StatusOr<Dsn> ParseDsn(const std::string& text);

}  // namespace gantry::db::mariadb
