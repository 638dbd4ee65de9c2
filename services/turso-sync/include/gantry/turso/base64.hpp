#pragma once
/// @file Base64 (standard alphabet) as Hrana carries blobs: padded on encode, padded or unpadded on decode.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gantry::turso {

std::string Base64Encode(const std::vector<uint8_t>& bytes);
/// nullopt when `text` holds a character outside the alphabet or has an impossible length.
std::optional<std::vector<uint8_t>> Base64Decode(std::string_view text);

}  // namespace gantry::turso
