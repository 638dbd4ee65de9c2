#include "mariadb_dsn.hpp"

#include <gtest/gtest.h>

namespace gantry::db::mariadb {
namespace {

TEST(MariaDbDsn, ParsesKeys) {
    auto d = ParseDsn("host=10.0.0.1 port=3307 dbname=app user=me");
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->host, "10.0.0.1");
    EXPECT_EQ(d->port, 3307u);
    EXPECT_EQ(d->database, "app");
    EXPECT_EQ(d->user, "me");
    auto s = ParseDsn("socket=/run/mysqld/mysqld.sock");
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(s->socket, "/run/mysqld/mysqld.sock");
}

TEST(MariaDbDsn, RefusesBadInputAndPasswords) {
    EXPECT_EQ(ParseDsn("port=abc").status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(ParseDsn("port=70000").status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(ParseDsn("colour=red").status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(ParseDsn("hostonly").status().code(), StatusCode::kInvalidArgument);
    const auto pw = ParseDsn("password=secret");
    EXPECT_EQ(pw.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(pw.status().message().find("secret"), std::string::npos);
}

}  // namespace
}  // namespace gantry::db::mariadb
