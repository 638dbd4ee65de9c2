#pragma once
/// @file The redo journal that makes a pull crash-safe, and the positional page writer.
///
/// A pull's pages stream into `<db>-gantry-pull.tmp` as they download (records, then the db size and revision
/// in a checksummed trailer); the file is fsynced and renamed to `<db>-gantry-pull`, and the directory fsynced.
/// Only then are the pages written into the database file. A journal with a valid trailer is replayed at the
/// next open (replay is idempotent); one without is discarded, and the database file was never touched. So
/// after a `kill -9` at any moment the replica holds either the old or the new revision. Journals are read
/// and written in bounded pieces: memory does not grow with the size of a pull.

#include <memory>
#include <string>
#include <string_view>

#include "gantry/common/status.hpp"
#include "gantry/turso/pull_protocol.hpp"

namespace gantry::turso {

/// An open file descriptor, closed on destruction.
class FileDescriptor final {
public:
    FileDescriptor() = default;
    explicit FileDescriptor(int fd) : fd_(fd) {}
    ~FileDescriptor();
    FileDescriptor(FileDescriptor&& other) noexcept : fd_(other.Release()) {}
    FileDescriptor& operator=(FileDescriptor&& other) noexcept;
    int get() const { return fd_; }
    int Release() {
        const int fd = fd_;
        fd_ = -1;
        return fd;
    }

private:
    int fd_ = -1;
};

/// Writes pages into a database-format file at their positions (page n at (n-1)*4096); consecutive pages are
/// gathered into one write of up to 1 MiB.
class PageFileWriter final {
public:
    /// Opens (or creates) `path`; `truncate` empties it first.
    static StatusOr<PageFileWriter> Open(const std::string& path, bool truncate = false);
    Status Write(uint64_t number, std::string_view data);
    /// Writes what is gathered and sizes the file to `db_size` pages; with `sync`, fsyncs it (and its directory
    /// when this writer created the file).
    Status Finish(uint64_t db_size, bool sync = true);
    /// Empties the file and forgets what was gathered (a retried pull starts over).
    Status Restart();

private:
    PageFileWriter(std::string path, FileDescriptor fd, bool created)
        : path_(std::move(path)), fd_(std::move(fd)), created_(created) {}
    Status Flush();
    std::string path_;
    FileDescriptor fd_;
    bool created_ = false;
    uint64_t run_first_ = 0;  // the page number of run_[0]
    std::string run_;         // consecutive pages not yet written
};

class PageJournal final {
public:
    explicit PageJournal(std::string path) : path_(std::move(path)) {}

    /// Streams one pull into `<journal>.tmp`; Commit makes it the journal. Destroying an uncommitted writer
    /// removes the temporary file.
    class Writer final {
    public:
        ~Writer();
        Status Add(uint64_t number, std::string_view data);
        /// Writes the trailer, fsyncs, renames the file into place and fsyncs the directory.
        Status Commit(const std::string& revision, uint64_t db_size);
        /// Empties the file (a retried pull starts over).
        Status Restart();
        uint64_t pages() const { return pages_; }

    private:
        friend class PageJournal;
        Writer(std::string path, FileDescriptor fd);
        Status FlushChunk();
        std::string path_;  // the journal; the writer writes path_ + ".tmp"
        FileDescriptor fd_;
        std::string chunk_;  // bytes not yet written, a multiple of 8 until the trailer
        uint64_t hash_ = 0;
        uint64_t pages_ = 0;
        bool committed_ = false;
    };
    StatusOr<std::unique_ptr<Writer>> StartWrite() const;

    /// Writes a whole in-memory pull durably (StartWrite, Add each page, Commit).
    Status Write(const PullResult& pull) const;

    enum class State { kAbsent, kTorn, kComplete };
    struct Summary {
        State state = State::kAbsent;
        std::string revision;
        uint64_t db_size = 0;
        uint64_t pages = 0;
    };
    /// Checks the journal without holding it in memory; a short file or a bad checksum is kTorn.
    StatusOr<Summary> Inspect() const;
    /// Writes a complete journal's pages into `db_path` (sized to its db_size; fsynced with `sync`), reading it
    /// in bounded pieces.
    Status ApplyTo(const std::string& db_path, const Summary& summary, bool sync = true) const;

    struct Contents {
        State state = State::kAbsent;
        PullResult pull;
    };
    /// Inspects and loads the whole journal into memory (tests, small journals).
    StatusOr<Contents> Read() const;
    /// Removes the journal and any temporary one (not fsynced: a journal that comes back after a crash is
    /// replayed again, harmlessly).
    Status Remove() const;

    const std::string& path() const { return path_; }

private:
    /// Calls `fn(number, data)` for each of a complete journal's pages in order, reading 1 MiB at a time.
    template <typename Fn>
    Status ForEachPage(const Summary& summary, Fn fn) const;
    std::string path_;
};

/// Writes `pull`'s pages into the database file at `db_path`, sized to db_size pages, and fsyncs it (and its
/// directory when the file is new).
Status ApplyPagesToFile(const std::string& db_path, const PullResult& pull);

/// fsyncs the file at `path`.
Status SyncFile(const std::string& path);

/// fsyncs the directory holding `path`, so a create, rename or unlink in it is durable.
Status SyncParentDirectory(const std::string& path);

}  // namespace gantry::turso
