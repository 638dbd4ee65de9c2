#include "framing.hpp"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace gantry::resolve::worker {
namespace {

/// Reads exactly `size` bytes into `out` before the deadline.
Status ReadExact(int fd, char* out, size_t size, std::chrono::steady_clock::time_point deadline) {
    size_t done = 0;
    while (done < size) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return DeadlineExceededError("no answer in time");
        pollfd pfd{fd, POLLIN, 0};
        const int ready = ::poll(&pfd, 1, static_cast<int>(std::min<int64_t>(left.count(), 1000)));
        if (ready < 0 && errno == EINTR) continue;
        if (ready < 0) return UnavailableError(std::string("poll failed: ") + std::strerror(errno));
        if (ready == 0) continue;
        const auto n = ::read(fd, out + done, size - done);
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (n < 0) return UnavailableError(std::string("read failed: ") + std::strerror(errno));
        if (n == 0) return UnavailableError("the pipe was closed");
        done += static_cast<size_t>(n);
    }
    return Status::Ok();
}

}  // namespace

std::string EncodeFrame(std::string_view payload) {
    const auto size = static_cast<uint32_t>(payload.size());
    std::string out;
    out.reserve(payload.size() + 4);
    out.push_back(static_cast<char>((size >> 24) & 0xff));
    out.push_back(static_cast<char>((size >> 16) & 0xff));
    out.push_back(static_cast<char>((size >> 8) & 0xff));
    out.push_back(static_cast<char>(size & 0xff));
    out.append(payload);
    return out;
}

Status WriteFrame(int fd, std::string_view payload) {
    if (payload.size() > kMaxFrameBytes) return InvalidArgumentError("request too large for the worker pipe");
    const auto frame = EncodeFrame(payload);
    size_t done = 0;
    while (done < frame.size()) {
        const auto n = ::write(fd, frame.data() + done, frame.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return UnavailableError(std::string("write failed: ") + std::strerror(errno));
        done += static_cast<size_t>(n);
    }
    return Status::Ok();
}

StatusOr<std::string> ReadFrame(int fd, std::chrono::steady_clock::time_point deadline) {
    unsigned char header[4];
    GANTRY_RETURN_IF_ERROR(ReadExact(fd, reinterpret_cast<char*>(header), 4, deadline));
    const size_t size = (size_t{header[0]} << 24) | (size_t{header[1]} << 16) | (size_t{header[2]} << 8) | header[3];
    if (size > kMaxFrameBytes) return DataLossError("frame of " + std::to_string(size) + " bytes is over the limit");
    std::string payload(size, '\0');
    GANTRY_RETURN_IF_ERROR(ReadExact(fd, payload.data(), size, deadline));
    return payload;
}

}  // namespace gantry::resolve::worker
