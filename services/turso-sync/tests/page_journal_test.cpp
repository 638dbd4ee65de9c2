#include "gantry/turso/page_journal.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "gantry/turso/replica_store.hpp"

namespace gantry::turso {
namespace {

namespace fs = std::filesystem;

class JournalTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("gantry-journal-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        db_ = (dir_ / "r.db").string();
    }
    void TearDown() override { fs::remove_all(dir_); }

    static PullResult Pull(const std::string& revision, uint64_t db_size,
                           std::vector<std::pair<uint64_t, char>> pages) {
        PullResult p;
        p.revision = revision;
        p.db_size = db_size;
        for (auto [n, fill] : pages) {
            std::string data(kPageSize, fill);
            if (n == 1) data[18] = data[19] = 2;
            p.pages.push_back({n, data});
        }
        return p;
    }
    static std::string ReadFile(const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), {}};
    }
    std::string ReadDb() const { return ReadFile(db_); }

    fs::path dir_;
    std::string db_;
};

TEST_F(JournalTest, WriteReadRoundTrip) {
    PageJournal journal(db_ + "-gantry-pull");
    EXPECT_EQ(journal.Read()->state, PageJournal::State::kAbsent);
    ASSERT_TRUE(journal.Write(Pull("42", 3, {{1, 'a'}, {3, 'c'}})).ok());
    auto contents = journal.Read();
    ASSERT_TRUE(contents.ok());
    ASSERT_EQ(contents->state, PageJournal::State::kComplete);
    EXPECT_EQ(contents->pull.revision, "42");
    EXPECT_EQ(contents->pull.db_size, 3u);
    ASSERT_EQ(contents->pull.pages.size(), 2u);
    EXPECT_EQ(contents->pull.pages[1].number, 3u);
    EXPECT_EQ(contents->pull.pages[1].data, std::string(kPageSize, 'c'));
}

TEST_F(JournalTest, EveryTruncationOrFlippedByteIsTorn) {
    PageJournal journal(db_ + "-gantry-pull");
    ASSERT_TRUE(journal.Write(Pull("7", 2, {{2, 'b'}})).ok());
    const auto size = fs::file_size(journal.path());
    for (auto cut : {size - 1, size - 8, size / 2, uint64_t{9}, uint64_t{0}}) {
        ASSERT_TRUE(journal.Write(Pull("7", 2, {{2, 'b'}})).ok());
        fs::resize_file(journal.path(), cut);
        EXPECT_EQ(journal.Read()->state, PageJournal::State::kTorn) << "cut at " << cut;
    }
    ASSERT_TRUE(journal.Write(Pull("7", 2, {{2, 'b'}})).ok());
    {
        std::fstream f(journal.path(), std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(100);
        f.put('Z');
    }
    EXPECT_EQ(journal.Read()->state, PageJournal::State::kTorn);
}

TEST_F(JournalTest, StoreAppliesPagesSizesFileAndPersistsRevision) {
    auto store = ReplicaStore::Open(db_);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(store->Apply(Pull("3", 3, {{1, 'a'}, {2, 'b'}, {3, 'c'}})).ok());
    ASSERT_TRUE(store->Apply(Pull("5", 2, {{2, 'B'}})).ok());
    const std::string db = ReadDb();
    ASSERT_EQ(db.size(), 2 * kPageSize);
    EXPECT_EQ(db[kPageSize], 'B');
    EXPECT_EQ(db[0], 'a');
    EXPECT_EQ(db[18], 1) << "page 1 is stored in rollback-journal format";
    ASSERT_TRUE(store->Close().ok());
    EXPECT_FALSE(fs::exists(db_ + "-gantry-pull")) << "Close folds the journal into the state file";
    auto reopened = ReplicaStore::Open(db_);
    EXPECT_EQ(reopened->revision(), "5");
    EXPECT_FALSE(reopened->recovered());
}

TEST_F(JournalTest, AfterAPullTheJournalRecordsTheRevisionUntilCloseAndAKillLosesNothing) {
    auto store = ReplicaStore::Open(db_);
    ASSERT_TRUE(store->Apply(Pull("3", 2, {{1, 'a'}, {2, 'b'}})).ok());  // bootstrap: no journal
    EXPECT_FALSE(fs::exists(db_ + "-gantry-pull"));
    ASSERT_TRUE(store->Apply(Pull("5", 2, {{2, 'B'}})).ok());
    ASSERT_TRUE(store->Apply(Pull("6", 3, {{3, 'C'}})).ok());
    EXPECT_EQ(store->revision(), "6");
    EXPECT_TRUE(fs::exists(db_ + "-gantry-pull")) << "the last pull's journal is its durable record";
    EXPECT_FALSE(fs::exists(db_ + "-gantry-pull.tmp"));
    EXPECT_NE(ReadFile(db_ + "-gantry-sync.json").find("\"3\""), std::string::npos)
        << "the state file is not rewritten per pull";
    const std::string applied = ReadDb();
    // What kill -9 leaves now: the journal of the last pull, the state file at the bootstrap's revision.
    auto reopened = ReplicaStore::Open(db_);
    ASSERT_TRUE(reopened.ok());
    EXPECT_TRUE(reopened->recovered());
    EXPECT_EQ(reopened->revision(), "6");
    EXPECT_EQ(ReadDb(), applied) << "replaying an applied journal changes nothing";
    EXPECT_FALSE(fs::exists(db_ + "-gantry-pull"));
    EXPECT_NE(ReadFile(db_ + "-gantry-sync.json").find("\"6\""), std::string::npos);
}

TEST_F(JournalTest, APullWithNothingNewWritesNoFile) {
    auto store = ReplicaStore::Open(db_);
    ASSERT_TRUE(store->Apply(Pull("3", 1, {{1, 'a'}})).ok());
    const auto state_time = fs::last_write_time(db_ + "-gantry-sync.json");
    ASSERT_TRUE(store->Apply(Pull("3", 1, {})).ok());
    EXPECT_FALSE(fs::exists(db_ + "-gantry-pull"));
    EXPECT_FALSE(fs::exists(db_ + "-gantry-pull.tmp"));
    EXPECT_EQ(fs::last_write_time(db_ + "-gantry-sync.json"), state_time);
}

TEST_F(JournalTest, AnUncommittedPullLeavesNoFileAndTheReplicaAsItWas) {
    auto store = ReplicaStore::Open(db_);
    ASSERT_TRUE(store->Apply(Pull("3", 1, {{1, 'a'}})).ok());
    const std::string before = ReadDb();
    {
        auto pending = store->BeginPull();
        ASSERT_TRUE(pending->OnHeader("4", 2).ok());
        ASSERT_TRUE(pending->OnPage(2, std::string(kPageSize, 'z')).ok());
        EXPECT_TRUE(fs::exists(db_ + "-gantry-pull.tmp")) << "pages stream to the journal as they arrive";
    }  // the download failed: the pull is dropped
    EXPECT_FALSE(fs::exists(db_ + "-gantry-pull.tmp"));
    EXPECT_EQ(ReadDb(), before);
    EXPECT_EQ(store->revision(), "3");
    auto fresh = ReplicaStore::Open(db_ + "-other");
    {
        auto pending = fresh->BeginPull();
        ASSERT_TRUE(pending->OnHeader("1", 1).ok());
        ASSERT_TRUE(pending->OnPage(1, std::string(kPageSize, 'q')).ok());
        EXPECT_TRUE(fs::exists(db_ + "-other-gantry-bootstrap")) << "a bootstrap streams into its image";
    }
    EXPECT_FALSE(fs::exists(db_ + "-other-gantry-bootstrap"));
    EXPECT_FALSE(fs::exists(db_ + "-other"));
}

TEST_F(JournalTest, ARetriedDownloadStartsThePullOver) {
    auto store = ReplicaStore::Open(db_);
    ASSERT_TRUE(store->Apply(Pull("3", 2, {{1, 'a'}, {2, 'b'}})).ok());
    auto pending = store->BeginPull();
    ASSERT_TRUE(pending->OnHeader("4", 2).ok());
    ASSERT_TRUE(pending->OnPage(2, std::string(kPageSize, 'x')).ok());  // the first attempt, cut short
    ASSERT_TRUE(pending->OnHeader("5", 2).ok());
    ASSERT_TRUE(pending->OnPage(1, Pull("5", 2, {{1, 'y'}}).pages[0].data).ok());
    ASSERT_TRUE(store->Commit(*pending).ok());
    EXPECT_EQ(store->revision(), "5");
    const std::string db = ReadDb();
    EXPECT_EQ(db[100], 'y');
    EXPECT_EQ(db[kPageSize], 'b') << "nothing of the abandoned attempt was applied";
    auto journal = PageJournal(db_ + "-gantry-pull").Read();
    ASSERT_EQ(journal->state, PageJournal::State::kComplete);
    EXPECT_EQ(journal->pull.pages.size(), 1u);
}

TEST_F(JournalTest, PagesLandAtTheirNumbersInAnyOrderAndRunLength) {
    ASSERT_TRUE(ApplyPagesToFile(db_, Pull("1", 6, {{5, 'e'}, {1, 'a'}, {2, 'b'}, {3, 'c'}, {6, 'f'}})).ok());
    const std::string db = ReadDb();
    ASSERT_EQ(db.size(), 6 * kPageSize);
    EXPECT_EQ(db[0], 'a');
    EXPECT_EQ(db[kPageSize], 'b');
    EXPECT_EQ(db[2 * kPageSize + 100], 'c');
    EXPECT_EQ(db[3 * kPageSize], '\0') << "page 4 was not sent";
    EXPECT_EQ(db[4 * kPageSize], 'e');
    EXPECT_EQ(db[6 * kPageSize - 1], 'f');
}

TEST_F(JournalTest, CrashAfterJournalBeforeApplyIsReplayedOnOpen) {
    ASSERT_TRUE(ReplicaStore::Open(db_)->Apply(Pull("1", 1, {{1, 'a'}})).ok());
    // The state a kill -9 leaves after the journal was made durable and before the pages were written.
    PullResult next = Pull("2", 2, {{1, 'x'}, {2, 'y'}});
    next.pages[0].data[18] = next.pages[0].data[19] = 1;
    ASSERT_TRUE(PageJournal(db_ + "-gantry-pull").Write(next).ok());
    auto store = ReplicaStore::Open(db_);
    ASSERT_TRUE(store.ok());
    EXPECT_TRUE(store->recovered());
    EXPECT_EQ(store->revision(), "2");
    EXPECT_EQ(ReadDb(), next.pages[0].data + next.pages[1].data);
    EXPECT_FALSE(fs::exists(db_ + "-gantry-pull"));
}

TEST_F(JournalTest, TornJournalIsDiscardedAndTheOldRevisionStands) {
    ASSERT_TRUE(ReplicaStore::Open(db_)->Apply(Pull("1", 1, {{1, 'a'}})).ok());
    const std::string before = ReadDb();
    PageJournal journal(db_ + "-gantry-pull");
    ASSERT_TRUE(journal.Write(Pull("2", 1, {{1, 'z'}})).ok());
    fs::resize_file(journal.path(), fs::file_size(journal.path()) - 3);
    auto store = ReplicaStore::Open(db_);
    ASSERT_TRUE(store.ok());
    EXPECT_FALSE(store->recovered());
    EXPECT_EQ(store->revision(), "1");
    EXPECT_EQ(ReadDb(), before);
    EXPECT_FALSE(fs::exists(journal.path()));
}

TEST_F(JournalTest, BootstrapWritesTheImageOnceAndLeavesNoTemporaryFiles) {
    auto store = ReplicaStore::Open(db_);
    ASSERT_TRUE(store->Apply(Pull("9", 2, {{1, 'a'}, {2, 'b'}})).ok());
    EXPECT_EQ(store->revision(), "9");
    EXPECT_EQ(ReadDb().size(), 2 * kPageSize);
    EXPECT_FALSE(fs::exists(db_ + "-gantry-bootstrap"));
    EXPECT_FALSE(fs::exists(db_ + "-gantry-pull"));
    EXPECT_TRUE(ReplicaStore::Open(db_)->state().bootstrap_revision.empty());
}

TEST_F(JournalTest, BootstrapInterruptedAfterItsMarkerIsFinishedOnOpen) {
    // The state a kill -9 leaves after the image was written and marked, before the rename.
    PullResult image = Pull("4", 1, {{1, 'q'}});
    ASSERT_TRUE(ApplyPagesToFile(db_ + "-gantry-bootstrap", image).ok());
    SyncState marked;
    marked.bootstrap_revision = "4";
    ASSERT_TRUE(marked.Save(db_ + "-gantry-sync.json").ok());
    auto store = ReplicaStore::Open(db_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    EXPECT_TRUE(store->recovered());
    EXPECT_EQ(store->revision(), "4");
    EXPECT_EQ(ReadDb(), image.pages[0].data);
    EXPECT_FALSE(fs::exists(db_ + "-gantry-bootstrap"));
}

TEST_F(JournalTest, BootstrapImageWithoutItsMarkerIsDiscarded) {
    ASSERT_TRUE(ApplyPagesToFile(db_ + "-gantry-bootstrap", Pull("4", 1, {{1, 'q'}})).ok());
    auto store = ReplicaStore::Open(db_);
    ASSERT_TRUE(store.ok());
    EXPECT_EQ(store->revision(), "");
    EXPECT_FALSE(fs::exists(db_));
    EXPECT_FALSE(fs::exists(db_ + "-gantry-bootstrap"));
}

TEST_F(JournalTest, LargeJournalsRoundTripThroughBoundedReads) {
    // More than one 1 MiB read and write piece, with a revision whose length is not a multiple of 8.
    PullResult big;
    big.revision = "1234567";
    big.db_size = 700;
    for (uint64_t n = 1; n <= 600; ++n)
        big.pages.push_back({n * 3 % 700 + 1, std::string(kPageSize, char('a' + n % 26))});
    PageJournal journal(db_ + "-gantry-pull");
    ASSERT_TRUE(journal.Write(big).ok());
    auto summary = journal.Inspect();
    ASSERT_EQ(summary->state, PageJournal::State::kComplete);
    EXPECT_EQ(summary->pages, 600u);
    EXPECT_EQ(summary->revision, "1234567");
    ASSERT_TRUE(journal.ApplyTo(db_, *summary).ok());
    const std::string db = ReadDb();
    ASSERT_EQ(db.size(), 700 * kPageSize);
    for (const auto& page : big.pages) {
        EXPECT_TRUE(db.compare((page.number - 1) * kPageSize, kPageSize, page.data) == 0) << "page " << page.number;
    }
    fs::resize_file(journal.path(), fs::file_size(journal.path()) - 1);
    EXPECT_EQ(journal.Inspect()->state, PageJournal::State::kTorn);
}

TEST_F(JournalTest, AFailedBackgroundDatabaseSyncIsRepairedFromTheJournalBeforeItIsReplaced) {
    auto store = ReplicaStore::Open(db_);
    ASSERT_TRUE(store->Apply(Pull("1", 3, {{1, 'a'}, {2, 'b'}, {3, 'c'}})).ok());
    store->SetDatabaseSyncForTesting([](const std::string&) { return UnavailableError("fsync: EIO"); });
    ASSERT_TRUE(store->Apply(Pull("2", 3, {{2, 'B'}})).ok()) << "the pull returns before its fsync";
    // After a failed fsync the kernel may drop the written pages: page 2 as if it were lost.
    {
        std::fstream f(db_, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(kPageSize);
        f << std::string(kPageSize, '?');
    }
    store->SetDatabaseSyncForTesting(SyncFile);
    ASSERT_TRUE(store->Apply(Pull("3", 3, {{3, 'C'}})).ok());
    const std::string db = ReadDb();
    EXPECT_EQ(db[kPageSize], 'B') << "pull 2's journal was replayed before pull 3 replaced it";
    EXPECT_EQ(db[2 * kPageSize], 'C');
    EXPECT_EQ(store->revision(), "3");
}

TEST_F(JournalTest, ABootstrapMarkerWithoutImageOrDatabaseIsDropped) {
    SyncState marked;
    marked.bootstrap_revision = "4";
    ASSERT_TRUE(marked.Save(db_ + "-gantry-sync.json").ok());
    auto store = ReplicaStore::Open(db_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    EXPECT_EQ(store->revision(), "") << "nothing was adopted: the next pull bootstraps";
    EXPECT_TRUE(store->state().bootstrap_revision.empty());
    EXPECT_FALSE(fs::exists(db_));
}

TEST_F(JournalTest, CorruptStateFileIsDataLossNotASilentReset) {
    std::ofstream(db_ + "-gantry-sync.json") << "{not json";
    auto store = ReplicaStore::Open(db_);
    EXPECT_EQ(store.status().code(), StatusCode::kDataLoss);
    EXPECT_NE(store.status().message().find("gantry-sync.json"), std::string::npos);
}

}  // namespace
}  // namespace gantry::turso
