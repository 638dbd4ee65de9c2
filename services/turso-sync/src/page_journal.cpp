#include "gantry/turso/page_journal.hpp"

#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

namespace gantry::turso {
namespace {

constexpr char kMagic[8] = {'G', 'N', 'T', 'R', 'Y', 'P', 'J', '2'};
constexpr char kTrailerMagic[8] = {'C', 'O', 'M', 'M', 'I', 'T', 'E', 'D'};

class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return fd_; }

private:
    int fd_;
};

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

Status WriteAll(int fd, const std::string& data, const std::string& path) {
    size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return Errno("cannot write", path);
        }
        done += static_cast<size_t>(n);
    }
    return Status::Ok();
}

}  // namespace

Status SyncFile(const std::string& path) {
    Fd fd(::open(path.c_str(), O_RDWR | O_CLOEXEC));
    if (fd.get() < 0) return Errno("cannot open", path);
    if (::fsync(fd.get()) != 0) return Errno("cannot fsync", path);
    return Status::Ok();
}

Status SyncParentDirectory(const std::string& path) {
    auto dir = std::filesystem::path(path).parent_path();
    if (dir.empty()) dir = ".";
    Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() < 0) return Errno("cannot open directory", dir.string());
    if (::fsync(fd.get()) != 0) return Errno("cannot fsync directory", dir.string());
    return Status::Ok();
}

// Layout: magic, then per page [u64 number][4096 bytes], then the trailer:
// [8 trailer magic][u64 page count][u64 db_size][u64 revision length][revision][u64 Checksum of all before].
Status PageJournal::Write(const PullResult& pull) const {
    const std::string tmp = path_ + ".tmp";
    {
        Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
        if (fd.get() < 0) return Errno("cannot create the pull journal", tmp);
        uint64_t hash = 14695981039346656037ull;
        std::string chunk(kMagic, sizeof kMagic);
        for (const auto& page : pull.pages) {
            PutU64(chunk, page.number);
            chunk += page.data;
            if (chunk.size() >= (1u << 20)) {
                hash = Checksum(hash, chunk.data(), chunk.size());
                GANTRY_RETURN_IF_ERROR(WriteAll(fd.get(), chunk, tmp));
                chunk.clear();
            }
        }
        chunk.append(kTrailerMagic, sizeof kTrailerMagic);
        PutU64(chunk, pull.pages.size());
        PutU64(chunk, pull.db_size);
        PutU64(chunk, pull.revision.size());
        chunk += pull.revision;
        hash = Checksum(hash, chunk.data(), chunk.size());
        PutU64(chunk, hash);
        GANTRY_RETURN_IF_ERROR(WriteAll(fd.get(), chunk, tmp));
        if (::fsync(fd.get()) != 0) return Errno("cannot fsync the pull journal", tmp);
    }
    if (::rename(tmp.c_str(), path_.c_str()) != 0) return Errno("cannot rename the pull journal to", path_);
    return SyncParentDirectory(path_);
}

StatusOr<PageJournal::Contents> PageJournal::Read() const {
    Contents out;
    std::error_code ec;
    if (!std::filesystem::exists(path_, ec)) return out;
    Fd fd(::open(path_.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) return Errno("cannot open the pull journal", path_);
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) return Errno("cannot stat the pull journal", path_);
    std::string data(static_cast<size_t>(st.st_size), '\0');
    size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::read(fd.get(), data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        done += static_cast<size_t>(n);
    }
    data.resize(done);
    out.state = State::kTorn;
    constexpr size_t kRecord = 8 + kPageSize;
    constexpr size_t kFixedTrailer = 8 + 8 + 8 + 8;
    if (data.size() < sizeof kMagic + kFixedTrailer + 8 || std::memcmp(data.data(), kMagic, sizeof kMagic) != 0) {
        return out;
    }
    const uint64_t stored_hash = GetU64(data.data() + data.size() - 8);
    if (Checksum(14695981039346656037ull, data.data(), data.size() - 8) != stored_hash) return out;
    // The checksum holds, so the layout is the one Write produced: walk it.
    size_t pos = sizeof kMagic;
    PullResult pull;
    while (pos + sizeof kTrailerMagic <= data.size() &&
           std::memcmp(data.data() + pos, kTrailerMagic, sizeof kTrailerMagic) != 0) {
        if (pos + kRecord > data.size()) return out;
        pull.pages.push_back({GetU64(data.data() + pos), data.substr(pos + 8, kPageSize)});
        pos += kRecord;
    }
    if (pos + kFixedTrailer + 8 > data.size()) return out;
    const uint64_t count = GetU64(data.data() + pos + 8);
    pull.db_size = GetU64(data.data() + pos + 16);
    const uint64_t rev_len = GetU64(data.data() + pos + 24);
    if (count != pull.pages.size() || pos + kFixedTrailer + rev_len + 8 != data.size()) return out;
    pull.revision = data.substr(pos + kFixedTrailer, rev_len);
    out.state = State::kComplete;
    out.pull = std::move(pull);
    return out;
}

Status PageJournal::Remove() const {
    if (::unlink(path_.c_str()) != 0 && errno != ENOENT) return Errno("cannot remove the pull journal", path_);
    ::unlink((path_ + ".tmp").c_str());
    // No directory fsync: if the unlink is lost in a crash, the journal is replayed once more, which is harmless.
    return Status::Ok();
}

Status ApplyPagesToFile(const std::string& db_path, const PullResult& pull) {
    const bool created = ::access(db_path.c_str(), F_OK) != 0;
    Fd fd(::open(db_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
    if (fd.get() < 0) return Errno("cannot open the replica", db_path);
    // Runs of consecutive pages go out in one pwritev each (a bootstrap is one long run).
    const auto& pages = pull.pages;
    for (size_t i = 0; i < pages.size();) {
        std::vector<iovec> run;
        size_t bytes = 0;
        for (size_t j = i;
             j < pages.size() && run.size() < IOV_MAX && (j == i || pages[j].number == pages[j - 1].number + 1); ++j) {
            run.push_back({const_cast<char*>(pages[j].data.data()), pages[j].data.size()});
            bytes += pages[j].data.size();
        }
        off_t offset = static_cast<off_t>((pages[i].number - 1) * kPageSize);
        size_t first = 0;
        while (bytes > 0) {  // pwritev may write less than asked; continue where it stopped
            const ssize_t n = ::pwritev(fd.get(), run.data() + first, static_cast<int>(run.size() - first), offset);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return Errno("cannot write pages into the replica", db_path);
            offset += n;
            bytes -= static_cast<size_t>(n);
            for (size_t left = static_cast<size_t>(n); left > 0 && first < run.size();) {
                const size_t take = std::min(left, run[first].iov_len);
                run[first].iov_base = static_cast<char*>(run[first].iov_base) + take;
                run[first].iov_len -= take;
                left -= take;
                if (run[first].iov_len == 0) ++first;
            }
        }
        i += run.size();
    }
    if (::ftruncate(fd.get(), static_cast<off_t>(pull.db_size * kPageSize)) != 0) {
        return Errno("cannot resize the replica", db_path);
    }
    if (::fsync(fd.get()) != 0) return Errno("cannot fsync the replica", db_path);
    // A new file's directory entry must be durable before its revision is recorded anywhere.
    return created ? SyncParentDirectory(db_path) : Status::Ok();
}

}  // namespace gantry::turso
