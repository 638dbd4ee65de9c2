// Golden SQL per dialect for every case in cases.cpp, plus the parameters' order.
#include <gtest/gtest.h>

#include "cases.hpp"
#include "gantry/db/querybuilder/build.hpp"

namespace gantry::db::querybuilder::testing {
namespace {

class GoldenTest : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(GoldenTest, EveryDialect) {
    const GoldenCase& c = GetParam();
    ASSERT_EQ(c.expected.size(), 4u) << "a case must state all four dialects";
    for (const auto& [dialect, expected] : c.expected) {
        const auto built = BuildQuery(dialect, c.statement);
        if (expected.starts_with("error: ")) {
            ASSERT_FALSE(built.ok()) << DialectName(dialect) << " built: " << built->sql;
            EXPECT_EQ(built.status().code(), StatusCode::kInvalidArgument);
            EXPECT_NE(built.status().message().find(expected.substr(7)), std::string::npos)
                << DialectName(dialect) << ": " << built.status().message();
            continue;
        }
        ASSERT_TRUE(built.ok()) << DialectName(dialect) << ": " << built.status().ToString();
        EXPECT_EQ(built->sql, expected) << DialectName(dialect);
    }
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenTest, ::testing::ValuesIn(GoldenCases()),
                         [](const auto& info) { return info.param.name; });

TEST(GoldenParametersTest, FollowTextOrderPerDialect) {
    // simple_select binds age, then LIMIT and OFFSET; MSSQL's OFFSET ... FETCH puts OFFSET first.
    const auto cases = GoldenCases();
    const auto& simple = cases.front();
    ASSERT_EQ(simple.name, "simple_select");
    auto ints = [](const BuiltQuery& q) {
        std::vector<int64_t> out;
        for (const auto& p : q.parameters) out.push_back(p.int64_value());
        return out;
    };
    EXPECT_EQ(ints(*BuildQuery(SqlDialect::SQL_DIALECT_POSTGRESQL, simple.statement)),
              (std::vector<int64_t>{18, 10, 1}));
    EXPECT_EQ(ints(*BuildQuery(SqlDialect::SQL_DIALECT_MSSQL, simple.statement)), (std::vector<int64_t>{18, 1, 10}));
}

TEST(GoldenParametersTest, ValuesKeepTheirTypes) {
    for (const auto& c : GoldenCases()) {
        if (c.name != "insert_rows_returning") continue;
        const auto built = BuildQuery(SqlDialect::SQL_DIALECT_POSTGRESQL, c.statement);
        ASSERT_TRUE(built.ok());
        ASSERT_EQ(built->parameters.size(), 4u);
        EXPECT_EQ(built->parameters[0].text_value(), "dee");
        EXPECT_EQ(built->parameters[1].int64_value(), 41);
        EXPECT_EQ(built->parameters[2].text_value(), "eve");
        EXPECT_TRUE(built->parameters[3].has_null_value());
        return;
    }
    FAIL() << "insert_rows_returning case missing";
}

}  // namespace
}  // namespace gantry::db::querybuilder::testing
