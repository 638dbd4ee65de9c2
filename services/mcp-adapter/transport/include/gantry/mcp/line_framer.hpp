#pragma once
/// @file Splits a byte stream into newline-terminated lines with a length limit: a longer line is
/// reported once and skipped as it streams by, never buffered whole.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace gantry::mcp {

class LineFramer {
public:
    explicit LineFramer(size_t max_line_bytes) : max_(max_line_bytes) {}

    /// Feeds the next bytes. Calls `on_line` with each complete line (without '\n') and `on_oversized`
    /// once for each line longer than the limit.
    void Feed(std::string_view bytes, const std::function<void(std::string_view)>& on_line,
              const std::function<void()>& on_oversized);

private:
    size_t max_;
    std::string partial_;
    bool oversized_ = false;
};

}  // namespace gantry::mcp
