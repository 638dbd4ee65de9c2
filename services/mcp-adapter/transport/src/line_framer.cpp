#include "gantry/mcp/line_framer.hpp"

namespace gantry::mcp {

void LineFramer::Feed(std::string_view bytes, const std::function<void(std::string_view)>& on_line,
                      const std::function<void()>& on_oversized) {
    while (!bytes.empty()) {
        const auto newline = bytes.find('\n');
        if (!oversized_) partial_.append(bytes.substr(0, newline));
        if (partial_.size() > max_) {
            oversized_ = true;
            partial_.clear();
            partial_.shrink_to_fit();
        }
        if (newline == std::string_view::npos) return;
        bytes.remove_prefix(newline + 1);
        if (oversized_) {
            oversized_ = false;
            on_oversized();
        } else {
            on_line(partial_);
        }
        partial_.clear();
    }
}

}  // namespace gantry::mcp
