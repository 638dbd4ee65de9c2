#include "gantry/mcp/line_framer.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace gantry::mcp {
namespace {

struct Collected {
    std::vector<std::string> lines;
    int oversized = 0;
};

void Feed(LineFramer& framer, std::string_view bytes, Collected& out) {
    framer.Feed(bytes, [&](std::string_view line) { out.lines.emplace_back(line); }, [&] { ++out.oversized; });
}

TEST(LineFramer, SplitsLinesAcrossChunks) {
    LineFramer framer(100);
    Collected out;
    Feed(framer, "ab", out);
    Feed(framer, "c\nde\n\nf", out);
    Feed(framer, "g\n", out);
    EXPECT_EQ(out.lines, (std::vector<std::string>{"abc", "de", "", "fg"}));
    EXPECT_EQ(out.oversized, 0);
}

TEST(LineFramer, ALongLineIsReportedOnceAndTheNextLineIsIntact) {
    LineFramer framer(4);
    Collected out;
    Feed(framer, "12345", out);
    Feed(framer, "67890", out);
    Feed(framer, "\nok\n1234\n", out);
    EXPECT_EQ(out.oversized, 1);
    EXPECT_EQ(out.lines, (std::vector<std::string>{"ok", "1234"}));
}

TEST(LineFramer, AnUnterminatedTailWaitsForItsNewline) {
    LineFramer framer(10);
    Collected out;
    Feed(framer, "partial", out);
    EXPECT_TRUE(out.lines.empty());
}

}  // namespace
}  // namespace gantry::mcp
