#include "gantry/db/crypto/encoding.hpp"

#include <array>

namespace gantry::db::crypto {
namespace {

constexpr std::string_view kHexDigits = "0123456789abcdef";
constexpr std::string_view kBase64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view kBase64Std = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string Base64Encode(std::span<const uint8_t> data, std::string_view alphabet) {
    std::string out;
    out.reserve((data.size() * 4 + 2) / 3);
    size_t i = 0;
    for (; i + 3 <= data.size(); i += 3) {
        const uint32_t v = (uint32_t{data[i]} << 16) | (uint32_t{data[i + 1]} << 8) | data[i + 2];
        for (int shift = 18; shift >= 0; shift -= 6) out += alphabet[(v >> shift) & 63];
    }
    const size_t rest = data.size() - i;
    if (rest > 0) {
        uint32_t v = uint32_t{data[i]} << 16;
        if (rest == 2) v |= uint32_t{data[i + 1]} << 8;
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        if (rest == 2) out += alphabet[(v >> 6) & 63];
    }
    return out;
}

StatusOr<Bytes> Base64Decode(std::string_view text, std::string_view alphabet, std::string_view name) {
    std::array<int, 256> value;
    value.fill(-1);
    for (size_t i = 0; i < alphabet.size(); ++i) value[static_cast<uint8_t>(alphabet[i])] = static_cast<int>(i);
    if (text.size() % 4 == 1) {
        return InvalidArgumentError(std::string(name) + " text has an impossible length " +
                                    std::to_string(text.size()));
    }
    Bytes out;
    out.reserve(text.size() * 3 / 4);
    uint32_t buffer = 0;
    int bits = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const int v = value[static_cast<uint8_t>(text[i])];
        if (v < 0) {
            return InvalidArgumentError("invalid " + std::string(name) + " character at offset " + std::to_string(i) +
                                        " (padding '=' is not used)");
        }
        buffer = (buffer << 6) | static_cast<uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<uint8_t>(buffer >> bits));
        }
    }
    if ((buffer & ((1u << bits) - 1)) != 0) {
        return InvalidArgumentError(std::string(name) + " text has non-zero trailing bits");
    }
    return out;
}

}  // namespace

std::string HexEncode(std::span<const uint8_t> data) {
    std::string out;
    out.reserve(data.size() * 2);
    for (uint8_t b : data) {
        out += kHexDigits[b >> 4];
        out += kHexDigits[b & 15];
    }
    return out;
}

StatusOr<Bytes> HexDecode(std::string_view text) {
    if (text.size() % 2 != 0) return InvalidArgumentError("hex text has an odd length " + std::to_string(text.size()));
    Bytes out(text.size() / 2);
    for (size_t i = 0; i < out.size(); ++i) {
        const int hi = HexValue(text[2 * i]);
        const int lo = HexValue(text[2 * i + 1]);
        if (hi < 0 || lo < 0) return InvalidArgumentError("invalid hex character near offset " + std::to_string(2 * i));
        out[i] = static_cast<uint8_t>((hi << 4) | lo);
    }
    return out;
}

std::string Base64UrlEncode(std::span<const uint8_t> data) {
    return Base64Encode(data, kBase64Url);
}
StatusOr<Bytes> Base64UrlDecode(std::string_view text) {
    return Base64Decode(text, kBase64Url, "base64url");
}
std::string Base64PhcEncode(std::span<const uint8_t> data) {
    return Base64Encode(data, kBase64Std);
}
StatusOr<Bytes> Base64PhcDecode(std::string_view text) {
    return Base64Decode(text, kBase64Std, "base64");
}

}  // namespace gantry::db::crypto
