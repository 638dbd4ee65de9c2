#pragma once
/// @file The render formats, codecs and built-in presets the simulator offers (a subset of Resolve's).

#include <map>
#include <string>

#include "model.hpp"

namespace gantry::resolve::sim {

/// Format name -> file extension.
const std::map<std::string, std::string>& RenderFormats();
/// Format name -> (codec description -> codec name).
const std::map<std::string, std::map<std::string, std::string>>& RenderCodecs();
/// Built-in preset name -> the settings it applies (format, codec, size).
const std::map<std::string, SimRenderSettings>& BuiltInRenderPresets();

}  // namespace gantry::resolve::sim
