#include "timecode.hpp"

#include <cmath>
#include <cstdio>

namespace gantry::resolve::sim {

int NominalFps(double fps) { return std::max(1, static_cast<int>(std::lround(fps))); }

std::string FramesToTimecode(int frame, double fps) {
    const int rate = NominalFps(fps);
    const int ff = frame % rate;
    const int total_seconds = frame / rate;
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%02d:%02d:%02d:%02d", total_seconds / 3600, (total_seconds / 60) % 60,
                  total_seconds % 60, ff);
    return buffer;
}

StatusOr<int> TimecodeToFrames(const std::string& timecode, double fps) {
    int hh = 0, mm = 0, ss = 0, ff = 0;
    char sep = ':';
    if (std::sscanf(timecode.c_str(), "%2d:%2d:%2d%c%2d", &hh, &mm, &ss, &sep, &ff) != 5 ||
        (sep != ':' && sep != ';')) {
        return InvalidArgumentError("timecode '" + timecode + "' is not HH:MM:SS:FF");
    }
    const int rate = NominalFps(fps);
    if (mm > 59 || ss > 59 || ff >= rate) {
        return InvalidArgumentError("timecode '" + timecode + "' is out of range at " + std::to_string(rate) + " fps");
    }
    return ((hh * 60 + mm) * 60 + ss) * rate + ff;
}

}  // namespace gantry::resolve::sim
