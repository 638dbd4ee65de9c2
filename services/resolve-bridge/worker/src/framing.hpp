#pragma once
/// @file The worker pipe's frames: a 4-byte big-endian length, then that many bytes.

#include <chrono>
#include <string>
#include <string_view>

#include "gantry/common/status.hpp"

namespace gantry::resolve::worker {

/// The largest frame either side accepts (64 MiB).
inline constexpr size_t kMaxFrameBytes = 64u << 20;

std::string EncodeFrame(std::string_view payload);

/// Writes a whole frame to `fd`. A closed pipe is UNAVAILABLE.
Status WriteFrame(int fd, std::string_view payload);

/// Reads one frame from `fd` before `deadline`: DEADLINE_EXCEEDED when it passes, UNAVAILABLE at end of stream,
/// DATA_LOSS for a length over kMaxFrameBytes.
StatusOr<std::string> ReadFrame(int fd, std::chrono::steady_clock::time_point deadline);

}  // namespace gantry::resolve::worker
