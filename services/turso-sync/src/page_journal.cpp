#include "gantry/turso/page_journal.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace gantry::turso {
namespace {

constexpr char kMagic[8] = {'G', 'N', 'T', 'R', 'Y', 'P', 'J', '2'};
constexpr char kTrailerMagic[8] = {'C', 'O', 'M', 'M', 'I', 'T', 'E', 'D'};
constexpr uint64_t kHashSeed = 14695981039346656037ull;
constexpr size_t kRecord = 8 + kPageSize;        // [u64 page number][page]
constexpr size_t kFixedTrailer = 8 + 8 + 8 + 8;  // magic, page count, db size, revision length
constexpr size_t kChunk = 1u << 20;              // the unit of buffered reads and writes
constexpr size_t kRecordsPerRead = kChunk / kRecord;

Status Errno(const std::string& what, const std::string& path) {
    return UnavailableError(what + " '" + path + "': " + std::strerror(errno));
}

/// A 64-bit checksum over 8-byte words (FNV-1a's prime, one multiply per word): fast enough for a 100 MB
/// bootstrap, and any torn or flipped byte changes it. Chunks are fed in multiples of 8 bytes except the last.
uint64_t Checksum(uint64_t h, const void* data, size_t n) {
    const auto* p = static_cast<const uint8_t*>(data);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        std::memcpy(&w, p + i, 8);
        h = (h ^ w) * 1099511628211ull;
        h ^= h >> 29;
    }
    for (; i < n; ++i) h = (h ^ p[i]) * 1099511628211ull;
    return h;
}

void PutU64(std::string& out, uint64_t v) {
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

uint64_t GetU64(const char* p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<uint8_t>(p[i]);
    return v;
}

Status WriteAll(int fd, std::string_view data, const std::string& path) {
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return Errno("cannot write", path);
        }
        data.remove_prefix(static_cast<size_t>(n));
    }
    return Status::Ok();
}

Status PwriteAll(int fd, std::string_view data, off_t offset, const std::string& path) {
    while (!data.empty()) {
        const ssize_t n = ::pwrite(fd, data.data(), data.size(), offset);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return Errno("cannot write pages into", path);
        data.remove_prefix(static_cast<size_t>(n));
        offset += n;
    }
    return Status::Ok();
}

/// Reads up to `n` bytes at `offset` into `out` (resized to what was read: less only at the end of the file).
Status PreadUpTo(int fd, std::string& out, size_t n, off_t offset, const std::string& path) {
    out.resize(n);
    size_t done = 0;
    while (done < n) {
        const ssize_t r = ::pread(fd, out.data() + done, n - done, offset + static_cast<off_t>(done));
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) return Errno("cannot read", path);
        if (r == 0) break;
        done += static_cast<size_t>(r);
    }
    out.resize(done);
    return Status::Ok();
}

}  // namespace

FileDescriptor::~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
}

FileDescriptor& FileDescriptor::operator=(FileDescriptor&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = other.Release();
    }
    return *this;
}

Status SyncFile(const std::string& path) {
    FileDescriptor fd(::open(path.c_str(), O_RDWR | O_CLOEXEC));
    if (fd.get() < 0) return Errno("cannot open", path);
    if (::fsync(fd.get()) != 0) return Errno("cannot fsync", path);
    return Status::Ok();
}

Status SyncParentDirectory(const std::string& path) {
    auto dir = std::filesystem::path(path).parent_path();
    if (dir.empty()) dir = ".";
    FileDescriptor fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() < 0) return Errno("cannot open directory", dir.string());
    if (::fsync(fd.get()) != 0) return Errno("cannot fsync directory", dir.string());
    return Status::Ok();
}

// ---- PageFileWriter ----

StatusOr<PageFileWriter> PageFileWriter::Open(const std::string& path, bool truncate) {
    const bool created = ::access(path.c_str(), F_OK) != 0;
    FileDescriptor fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | (truncate ? O_TRUNC : 0), 0644));
    if (fd.get() < 0) return Errno("cannot open", path);
    return PageFileWriter(path, std::move(fd), created);
}

Status PageFileWriter::Write(uint64_t number, std::string_view data) {
    if (!run_.empty() && (number != run_first_ + run_.size() / kPageSize || run_.size() >= kChunk)) {
        GANTRY_RETURN_IF_ERROR(Flush());
    }
    if (run_.empty()) {
        run_first_ = number;
        run_.reserve(kChunk + kPageSize);
    }
    run_.append(data);
    return Status::Ok();
}

Status PageFileWriter::Flush() {
    if (run_.empty()) return Status::Ok();
    GANTRY_RETURN_IF_ERROR(PwriteAll(fd_.get(), run_, static_cast<off_t>((run_first_ - 1) * kPageSize), path_));
    run_.clear();
    return Status::Ok();
}

Status PageFileWriter::Finish(uint64_t db_size, bool sync) {
    GANTRY_RETURN_IF_ERROR(Flush());
    if (::ftruncate(fd_.get(), static_cast<off_t>(db_size * kPageSize)) != 0) return Errno("cannot resize", path_);
    if (!sync) return Status::Ok();
    if (::fsync(fd_.get()) != 0) return Errno("cannot fsync", path_);
    // A new file's directory entry must be durable before its revision is recorded anywhere.
    return created_ ? SyncParentDirectory(path_) : Status::Ok();
}

Status PageFileWriter::Restart() {
    run_.clear();
    if (::ftruncate(fd_.get(), 0) != 0) return Errno("cannot empty", path_);
    return Status::Ok();
}

Status ApplyPagesToFile(const std::string& db_path, const PullResult& pull) {
    GANTRY_ASSIGN_OR_RETURN(auto writer, PageFileWriter::Open(db_path));
    for (const auto& page : pull.pages) GANTRY_RETURN_IF_ERROR(writer.Write(page.number, page.data));
    return writer.Finish(pull.db_size);
}

// ---- PageJournal::Writer ----
// Layout: magic, then per page [u64 number][4096 bytes], then the trailer:
// [8 trailer magic][u64 page count][u64 db_size][u64 revision length][revision][u64 Checksum of all before].

PageJournal::Writer::Writer(std::string path, FileDescriptor fd) : path_(std::move(path)), fd_(std::move(fd)) {
    chunk_.reserve(kChunk + kRecord);
    chunk_.assign(kMagic, sizeof kMagic);
    hash_ = kHashSeed;
}

PageJournal::Writer::~Writer() {
    if (!committed_) ::unlink((path_ + ".tmp").c_str());
}

StatusOr<std::unique_ptr<PageJournal::Writer>> PageJournal::StartWrite() const {
    const std::string tmp = path_ + ".tmp";
    FileDescriptor fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (fd.get() < 0) return Errno("cannot create the pull journal", tmp);
    return std::unique_ptr<Writer>(new Writer(path_, std::move(fd)));
}

Status PageJournal::Writer::FlushChunk() {
    hash_ = Checksum(hash_, chunk_.data(), chunk_.size());
    GANTRY_RETURN_IF_ERROR(WriteAll(fd_.get(), chunk_, path_ + ".tmp"));
    chunk_.clear();
    return Status::Ok();
}

Status PageJournal::Writer::Add(uint64_t number, std::string_view data) {
    PutU64(chunk_, number);
    chunk_.append(data);
    ++pages_;
    return chunk_.size() >= kChunk ? FlushChunk() : Status::Ok();
}

Status PageJournal::Writer::Restart() {
    const std::string tmp = path_ + ".tmp";
    if (::ftruncate(fd_.get(), 0) != 0 || ::lseek(fd_.get(), 0, SEEK_SET) != 0) return Errno("cannot empty", tmp);
    chunk_.assign(kMagic, sizeof kMagic);
    hash_ = kHashSeed;
    pages_ = 0;
    return Status::Ok();
}

Status PageJournal::Writer::Commit(const std::string& revision, uint64_t db_size) {
    const std::string tmp = path_ + ".tmp";
    chunk_.append(kTrailerMagic, sizeof kTrailerMagic);
    PutU64(chunk_, pages_);
    PutU64(chunk_, db_size);
    PutU64(chunk_, revision.size());
    chunk_ += revision;
    hash_ = Checksum(hash_, chunk_.data(), chunk_.size());
    PutU64(chunk_, hash_);
    GANTRY_RETURN_IF_ERROR(WriteAll(fd_.get(), chunk_, tmp));
    chunk_.clear();
    if (::fsync(fd_.get()) != 0) return Errno("cannot fsync the pull journal", tmp);
    if (::rename(tmp.c_str(), path_.c_str()) != 0) return Errno("cannot rename the pull journal to", path_);
    committed_ = true;
    return SyncParentDirectory(path_);
}

Status PageJournal::Write(const PullResult& pull) const {
    GANTRY_ASSIGN_OR_RETURN(auto writer, StartWrite());
    for (const auto& page : pull.pages) GANTRY_RETURN_IF_ERROR(writer->Add(page.number, page.data));
    return writer->Commit(pull.revision, pull.db_size);
}

// ---- Reading ----

StatusOr<PageJournal::Summary> PageJournal::Inspect() const {
    Summary out;
    FileDescriptor fd(::open(path_.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
        if (errno == ENOENT) return out;
        return Errno("cannot open the pull journal", path_);
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) return Errno("cannot stat the pull journal", path_);
    const auto size = static_cast<uint64_t>(st.st_size);
    out.state = State::kTorn;
    std::string buf;
    GANTRY_RETURN_IF_ERROR(PreadUpTo(fd.get(), buf, sizeof kMagic, 0, path_));
    if (size < sizeof kMagic + kFixedTrailer + 8 || buf != std::string_view(kMagic, sizeof kMagic)) return out;
    // The checksum, a piece at a time (pieces are multiples of 8 bytes, as when it was written).
    uint64_t hash = kHashSeed;
    for (uint64_t pos = 0; pos < size - 8; pos += kChunk) {
        GANTRY_RETURN_IF_ERROR(
            PreadUpTo(fd.get(), buf, static_cast<size_t>(std::min<uint64_t>(kChunk, size - 8 - pos)), pos, path_));
        if (buf.empty()) return out;
        hash = Checksum(hash, buf.data(), buf.size());
    }
    GANTRY_RETURN_IF_ERROR(PreadUpTo(fd.get(), buf, 8, static_cast<off_t>(size - 8), path_));
    if (buf.size() != 8 || GetU64(buf.data()) != hash) return out;
    // The checksum holds, so the layout is the one Writer produced: step over the records to the trailer.
    uint64_t pos = sizeof kMagic;
    for (;;) {
        if (pos + kFixedTrailer + 8 > size) return out;
        GANTRY_RETURN_IF_ERROR(PreadUpTo(fd.get(), buf, 8, static_cast<off_t>(pos), path_));
        if (buf == std::string_view(kTrailerMagic, sizeof kTrailerMagic)) break;
        pos += kRecord;
    }
    GANTRY_RETURN_IF_ERROR(PreadUpTo(fd.get(), buf, kFixedTrailer, static_cast<off_t>(pos), path_));
    if (buf.size() != kFixedTrailer) return out;
    const uint64_t count = GetU64(buf.data() + 8);
    const uint64_t db_size = GetU64(buf.data() + 16);
    const uint64_t rev_len = GetU64(buf.data() + 24);
    if (count != (pos - sizeof kMagic) / kRecord || pos + kFixedTrailer + rev_len + 8 != size) return out;
    GANTRY_RETURN_IF_ERROR(PreadUpTo(fd.get(), out.revision, static_cast<size_t>(rev_len),
                                     static_cast<off_t>(pos + kFixedTrailer), path_));
    out.db_size = db_size;
    out.pages = count;
    out.state = State::kComplete;
    return out;
}

template <typename Fn>
Status PageJournal::ForEachPage(const Summary& summary, Fn fn) const {
    FileDescriptor fd(::open(path_.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) return Errno("cannot open the pull journal", path_);
    std::string buf;
    for (uint64_t first = 0; first < summary.pages; first += kRecordsPerRead) {
        const uint64_t n = std::min<uint64_t>(kRecordsPerRead, summary.pages - first);
        GANTRY_RETURN_IF_ERROR(PreadUpTo(fd.get(), buf, static_cast<size_t>(n * kRecord),
                                         static_cast<off_t>(sizeof kMagic + first * kRecord), path_));
        if (buf.size() != n * kRecord) return DataLossError("the pull journal '" + path_ + "' shrank while read");
        for (uint64_t i = 0; i < n; ++i) {
            const char* record = buf.data() + i * kRecord;
            GANTRY_RETURN_IF_ERROR(fn(GetU64(record), std::string_view(record + 8, kPageSize)));
        }
    }
    return Status::Ok();
}

Status PageJournal::ApplyTo(const std::string& db_path, const Summary& summary, bool sync) const {
    GANTRY_ASSIGN_OR_RETURN(auto writer, PageFileWriter::Open(db_path));
    GANTRY_RETURN_IF_ERROR(
        ForEachPage(summary, [&](uint64_t number, std::string_view data) { return writer.Write(number, data); }));
    return writer.Finish(summary.db_size, sync);
}

StatusOr<PageJournal::Contents> PageJournal::Read() const {
    Contents out;
    GANTRY_ASSIGN_OR_RETURN(auto summary, Inspect());
    out.state = summary.state;
    if (summary.state != State::kComplete) return out;
    out.pull.revision = summary.revision;
    out.pull.db_size = summary.db_size;
    GANTRY_RETURN_IF_ERROR(ForEachPage(summary, [&](uint64_t number, std::string_view data) {
        out.pull.pages.push_back({number, std::string(data)});
        return Status::Ok();
    }));
    return out;
}

Status PageJournal::Remove() const {
    if (::unlink(path_.c_str()) != 0 && errno != ENOENT) return Errno("cannot remove the pull journal", path_);
    ::unlink((path_ + ".tmp").c_str());
    // No directory fsync: if the unlink is lost in a crash, the journal is replayed once more, which is harmless.
    return Status::Ok();
}

}  // namespace gantry::turso
