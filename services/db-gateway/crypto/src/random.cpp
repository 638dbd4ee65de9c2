#include "gantry/db/crypto/random.hpp"

#include <openssl/rand.h>

#include <array>
#include <stdexcept>

namespace gantry::db::crypto {
namespace {

void Fill(std::span<uint8_t> out) {
    // RAND_bytes only fails when the OS entropy source is broken; nothing sensible can continue then.
    if (RAND_bytes(out.data(), static_cast<int>(out.size())) != 1) {
        throw std::runtime_error("the system random number generator failed");
    }
}

std::string FormatUuid(std::array<uint8_t, 16> b) {
    const std::string hex = HexEncode(b);
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
           hex.substr(20);
}

std::string StampUuid(std::array<uint8_t, 16> b, uint8_t version) {
    b[6] = static_cast<uint8_t>((b[6] & 0x0F) | (version << 4));
    b[8] = static_cast<uint8_t>((b[8] & 0x3F) | 0x80);  // variant 10
    return FormatUuid(b);
}

}  // namespace

StatusOr<Bytes> RandomBytes(int64_t length) {
    if (length < 1 || length > 65536) {
        return InvalidArgumentError("length must be between 1 and 65536 bytes, got " + std::to_string(length));
    }
    Bytes out(static_cast<size_t>(length));
    Fill(out);
    return out;
}

StatusOr<std::string> RandomToken(int64_t bytes, TokenEncoding encoding) {
    if (bytes < 1 || bytes > 1024) {
        return InvalidArgumentError("a token must have between 1 and 1024 random bytes, got " + std::to_string(bytes));
    }
    Bytes raw(static_cast<size_t>(bytes));
    Fill(raw);
    return encoding == TokenEncoding::kHex ? HexEncode(raw) : Base64UrlEncode(raw);
}

std::string UuidV4() {
    std::array<uint8_t, 16> b;
    Fill(b);
    return StampUuid(b, 4);
}

std::string UuidV7(std::chrono::system_clock::time_point now) {
    std::array<uint8_t, 16> b;
    Fill(b);
    const auto millis =
        static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count());
    for (int i = 0; i < 6; ++i) b[i] = static_cast<uint8_t>(millis >> (8 * (5 - i)));
    return StampUuid(b, 7);
}

}  // namespace gantry::db::crypto
