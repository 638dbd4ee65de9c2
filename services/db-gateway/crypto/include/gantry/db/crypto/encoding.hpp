#pragma once
/// @file Byte strings and their text encodings: hex, base64url (unpadded) and PHC base64 (standard
/// alphabet, unpadded).

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gantry/common/status.hpp"

namespace gantry::db::crypto {

using Bytes = std::vector<uint8_t>;

inline std::span<const uint8_t> AsBytes(std::string_view text) {
    return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}
inline std::string_view AsText(std::span<const uint8_t> bytes) {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

/// Lower-case hex.
std::string HexEncode(std::span<const uint8_t> data);
/// Accepts upper or lower case; an odd length or a non-hex character is INVALID_ARGUMENT.
StatusOr<Bytes> HexDecode(std::string_view text);

/// RFC 4648 section 5, without padding.
std::string Base64UrlEncode(std::span<const uint8_t> data);
StatusOr<Bytes> Base64UrlDecode(std::string_view text);

/// RFC 4648 section 4 alphabet without padding, as PHC strings use it.
std::string Base64PhcEncode(std::span<const uint8_t> data);
StatusOr<Bytes> Base64PhcDecode(std::string_view text);

}  // namespace gantry::db::crypto
