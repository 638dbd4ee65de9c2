// Interop both ways with the official Turso sync client (@tursodatabase/sync, run by official_client.mjs):
// what one writes, the other reads, through the same tursodb server.
#include <nlohmann/json.hpp>

#include "turso_fixture.hpp"

namespace gantry::testing {
namespace {

class OfficialClientInterop : public TursoInteropTest {
protected:
    /// Runs the official client; returns its parsed stdout.
    nlohmann::json Official(const std::string& command, const std::string& sql) {
        const std::string dir = dir_ + "/official";
        std::filesystem::create_directories(dir);
        auto [code, output] = ServiceProcess::RunToCompletion(
            "/usr/bin/env",
            {"node", std::string(GANTRY_TURSO_TEST_DIR) + "/official_client.mjs", server_->url(), dir, command, sql});
        EXPECT_EQ(code, 0) << output;
        const auto line_start = output.rfind('\n', output.size() >= 2 ? output.size() - 2 : 0);
        const std::string last = output.substr(line_start == std::string::npos ? 0 : line_start + 1);
        auto j = nlohmann::json::parse(last, nullptr, false);
        EXPECT_FALSE(j.is_discarded()) << output;
        return j;
    }
};

TEST_F(OfficialClientInterop, GantryWritesTheOfficialClientReads) {
    server_->Execute("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)");
    StartGantry(
        "    rep: {mode: replica, url: \"$URL\", path: \"$DIR/rep.db\"}\n"
        "    off: {mode: offline, url: \"$URL\", path: \"$DIR/off.db\"}\n");
    ASSERT_TRUE(Exec("rep", "INSERT INTO notes VALUES (1, 'from gantry replica')").ok());
    ASSERT_TRUE(Sync("off").ok());
    ASSERT_TRUE(Exec("off", "INSERT INTO notes VALUES (2, 'from gantry offline')").ok());
    ASSERT_TRUE(Sync("off").ok());
    const auto rows = Official("query", "SELECT id, body FROM notes ORDER BY id");
    ASSERT_EQ(rows.size(), 2u) << rows.dump();
    EXPECT_EQ(rows[0]["body"], "from gantry replica");
    EXPECT_EQ(rows[1]["body"], "from gantry offline");
}

TEST_F(OfficialClientInterop, TheOfficialClientWritesGantryReads) {
    server_->Execute("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)");
    StartGantry("    rep: {mode: replica, url: \"$URL\", path: \"$DIR/rep.db\"}\n");
    ASSERT_TRUE(Sync("rep").ok());
    Official("exec", "INSERT INTO notes VALUES (7, 'from the official client')");
    ASSERT_TRUE(Sync("rep").ok());
    EXPECT_EQ(Column("rep", "SELECT body FROM notes WHERE id = 7"),
              std::vector<std::string>{"from the official client"});
}

}  // namespace
}  // namespace gantry::testing
