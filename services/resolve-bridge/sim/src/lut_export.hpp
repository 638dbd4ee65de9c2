#pragma once
/// @file A grade written as a 3D LUT in the .cube format: the CDL of each node applied in node order
/// (slope, offset, power per channel, then saturation with Rec. 709 luma weights), clamped to 0..1.

#include <string>

#include "model.hpp"

namespace gantry::resolve::sim {

/// The .cube text of `grade` with `size` points per axis (17, 33 or 65).
std::string CubeLut(const SimGrade& grade, int size, const std::string& title);

}  // namespace gantry::resolve::sim
