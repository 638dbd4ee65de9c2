// Memory: a pull streams to disk as it downloads, so turso-sync's peak memory does not grow with the size of
// the database it bootstraps or the pull it applies. Measured from /proc on the service's own process; no timing.
#include <fstream>

#include "turso_fixture.hpp"

namespace gantry::testing {
namespace {

using TursoMemory = TursoInteropTest;

/// A field of /proc/<pid>/status in KiB (VmRSS: resident now, VmHWM: the peak since the last reset).
long StatusKiB(pid_t pid, const std::string& field) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(in, line);) {
        if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
    }
    ADD_FAILURE() << field << " not found for pid " << pid;
    return -1;
}

/// Resets VmHWM to the current RSS (Linux: "5" to clear_refs). Without it the peak would include start-up,
/// which only makes the measured growth larger, so the assertions stay valid either way.
void ResetPeak(pid_t pid) { std::ofstream("/proc/" + std::to_string(pid) + "/clear_refs") << "5"; }

TEST_F(TursoMemory, BootstrapAndLargePullKeepPeakMemoryIndependentOfTheirSize) {
    constexpr int kBootstrapMb = 64;
    constexpr int kPullMb = 32;
    constexpr int kRowsPerMb = 1000 * 1000 / 3000;
    server_->Execute("CREATE TABLE big(id INTEGER PRIMARY KEY, payload BLOB)");
    FillBig(*server_, 1, kBootstrapMb * kRowsPerMb);
    StartGantry("    loc: {mode: local, path: \"$DIR/loc.db\"}\n", 120000);
    const pid_t pid = gantry_->pid();

    ResetPeak(pid);
    const long before_kib = StatusKiB(pid, "VmRSS");
    tv1::OpenDatabaseRequest open;
    open.set_name("rep");
    open.set_mode(tv1::DATABASE_MODE_REPLICA);
    open.set_url(server_->url());
    open.set_path(dir_ + "/rep.db");
    open.set_sync_interval_ms(0);  // pulls only on Sync, so each measured Sync does the whole work
    tv1::DatabaseInfo info;
    ASSERT_TRUE(stub_->OpenDatabase(Ctx().get(), open, &info).ok());
    tv1::SyncResponse synced;
    auto st = Sync("rep", &synced);
    ASSERT_TRUE(st.ok()) << st.error_message();
    const long boot_growth_kib = StatusKiB(pid, "VmHWM") - before_kib;
    const auto file_kib = static_cast<long>(std::filesystem::file_size(dir_ + "/rep.db") / 1024);
    ASSERT_GE(file_kib, kBootstrapMb * 1000L) << "the bootstrap brought the whole database";
    RecordProperty("bootstrap_peak_growth_kib", static_cast<int>(boot_growth_kib));
    EXPECT_LT(boot_growth_kib, file_kib / 2)
        << "peak RSS grew by " << boot_growth_kib << " KiB while bootstrapping a " << file_kib << " KiB database";
    EXPECT_EQ(Column("rep", "SELECT count(*) FROM big"),
              std::vector<std::string>{std::to_string(kBootstrapMb * kRowsPerMb)});

    // A large incremental pull goes through the redo journal, also streamed.
    FillBig(*server_, kBootstrapMb * kRowsPerMb + 1, kPullMb * kRowsPerMb);
    ResetPeak(pid);
    const long before_pull_kib = StatusKiB(pid, "VmRSS");
    st = Sync("rep", &synced);
    ASSERT_TRUE(st.ok()) << st.error_message();
    const long pull_growth_kib = StatusKiB(pid, "VmHWM") - before_pull_kib;
    const auto pulled_kib = static_cast<long>(synced.pages_pulled() * 4);
    ASSERT_GE(pulled_kib, kPullMb * 1000L);
    RecordProperty("pull_peak_growth_kib", static_cast<int>(pull_growth_kib));
    EXPECT_LT(pull_growth_kib, pulled_kib / 2)
        << "peak RSS grew by " << pull_growth_kib << " KiB while pulling " << pulled_kib << " KiB";
    EXPECT_EQ(Column("rep", "SELECT count(*) FROM big"),
              std::vector<std::string>{std::to_string((kBootstrapMb + kPullMb) * kRowsPerMb)});
    EXPECT_EQ(Column("rep", "PRAGMA integrity_check"), std::vector<std::string>{"ok"});
}

}  // namespace
}  // namespace gantry::testing
