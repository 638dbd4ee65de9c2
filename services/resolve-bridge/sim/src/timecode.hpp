#pragma once
/// @file Non-drop-frame SMPTE timecode at a nominal (rounded) frame rate.

#include <string>

#include "gantry/common/status.hpp"

namespace gantry::resolve::sim {

int NominalFps(double fps);
std::string FramesToTimecode(int frame, double fps);
/// "HH:MM:SS:FF" (or ';' before frames) to an absolute frame; frames past the rate are INVALID_ARGUMENT.
StatusOr<int> TimecodeToFrames(const std::string& timecode, double fps);

}  // namespace gantry::resolve::sim
