#include "gantry/db/identifiers.hpp"

#include <gtest/gtest.h>

namespace gantry::db {
namespace {

TEST(Identifiers, QuotesAndEscapesPerDialect) {
    EXPECT_EQ(QuoteIdentifier(Dialect::kPostgres, "a\"b"), "\"a\"\"b\"");
    EXPECT_EQ(QuoteIdentifier(Dialect::kMariaDb, "a`b"), "`a``b`");
    EXPECT_EQ(QuoteIdentifier(Dialect::kSqlite, "t; DROP TABLE x"), "\"t; DROP TABLE x\"");
    EXPECT_EQ(QuoteQualifiedName(Dialect::kPostgres, "s.t"), "\"s\".\"t\"");
    EXPECT_EQ(SplitQualifiedName("t").first, "");
}

}  // namespace
}  // namespace gantry::db
