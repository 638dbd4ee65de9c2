#include "gantry/mcp/resources.hpp"

#include <gtest/gtest.h>

namespace gantry::mcp {
namespace {

using Parts = std::map<std::string, std::string>;

TEST(Resources, UriTemplatesMatchWholeSegments) {
    EXPECT_EQ(MatchUriTemplate("gantry://db/{database}/tables", "gantry://db/main/tables"), Parts({{"database", "main"}}));
    EXPECT_EQ(MatchUriTemplate("gantry://db/{database}/tables/{table}", "gantry://db/main/tables/my%20orders"),
              Parts({{"database", "main"}, {"table", "my orders"}}));
    EXPECT_EQ(MatchUriTemplate("gantry://resolve/project", "gantry://resolve/project"), Parts());
    EXPECT_FALSE(MatchUriTemplate("gantry://db/{database}/tables", "gantry://db//tables"));
    EXPECT_FALSE(MatchUriTemplate("gantry://db/{database}/tables", "gantry://db/main/tables/orders"));
    EXPECT_FALSE(MatchUriTemplate("gantry://db/{database}/tables/{table}", "gantry://db/main/tables"));
    EXPECT_FALSE(MatchUriTemplate("gantry://db/{database}/tables", "gantry://db/a/b/tables"));
    EXPECT_FALSE(MatchUriTemplate("gantry://db/{database}/tables", "gantry://db/%zz/tables"));
}

TEST(Resources, EveryToolResourceNamesATool) {
    for (const auto& r : ToolResources()) {
        EXPECT_EQ(r.uri.rfind("gantry://", 0), 0u) << r.uri;
        EXPECT_FALSE(r.tool.empty()) << r.uri;
        EXPECT_FALSE(r.description.empty()) << r.uri;
    }
}

}  // namespace
}  // namespace gantry::mcp
