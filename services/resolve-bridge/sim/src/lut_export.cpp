#include "lut_export.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace gantry::resolve::sim {
namespace {

using Rgb = std::array<double, 3>;

Rgb ApplyCdl(Rgb in, const std::vector<double>& cdl) {
    Rgb out{};
    for (size_t c = 0; c < 3; ++c) {
        const double v = std::max(0.0, in[c] * cdl[c] + cdl[3 + c]);
        out[c] = std::pow(v, cdl[6 + c]);
    }
    const double luma = 0.2126 * out[0] + 0.7152 * out[1] + 0.0722 * out[2];
    for (auto& v : out) v = luma + cdl[9] * (v - luma);
    return out;
}

}  // namespace

std::string CubeLut(const SimGrade& grade, int size, const std::string& title) {
    std::string out = "TITLE \"" + title + "\"\nLUT_3D_SIZE " + std::to_string(size) + "\n";
    char line[96];
    for (int b = 0; b < size; ++b) {
        for (int g = 0; g < size; ++g) {
            for (int r = 0; r < size; ++r) {  // red varies fastest, as .cube requires
                const double scale = size - 1;
                Rgb rgb{r / scale, g / scale, b / scale};
                for (const auto& [node, cdl] : grade.cdls) {
                    if (cdl.size() == 10) rgb = ApplyCdl(rgb, cdl);
                }
                std::snprintf(line, sizeof line, "%.6f %.6f %.6f\n", std::clamp(rgb[0], 0.0, 1.0),
                              std::clamp(rgb[1], 0.0, 1.0), std::clamp(rgb[2], 0.0, 1.0));
                out += line;
            }
        }
    }
    return out;
}

}  // namespace gantry::resolve::sim
