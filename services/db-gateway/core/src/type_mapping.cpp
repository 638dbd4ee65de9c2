#include "gantry/db/type_mapping.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <charconv>
#include <cstdio>
#include <vector>

namespace gantry::db {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `n` digits at text[pos]; advances pos.
std::optional<int64_t> Digits(std::string_view text, size_t& pos, size_t n) {
    if (pos + n > text.size()) return std::nullopt;
    int64_t v = 0;
    for (size_t i = 0; i < n; ++i) {
        if (!IsDigit(text[pos + i])) return std::nullopt;
        v = v * 10 + (text[pos + i] - '0');
    }
    pos += n;
    return v;
}

// ".ffffff" (1..9 digits, kept to microseconds) at text[pos], optional.
int64_t Fraction(std::string_view text, size_t& pos) {
    if (pos >= text.size() || text[pos] != '.') return 0;
    ++pos;
    int64_t micros = 0;
    int n = 0;
    while (pos < text.size() && IsDigit(text[pos])) {
        if (n < 6) micros = micros * 10 + (text[pos] - '0');
        ++n;
        ++pos;
    }
    for (; n < 6; ++n) micros *= 10;
    return micros;
}

// "Z" or "+HH[[:]MM[[:]SS]]" at text[pos]; returns the offset in seconds or nullopt when malformed.
std::optional<int32_t> Offset(std::string_view text, size_t& pos, bool& present) {
    present = false;
    if (pos >= text.size()) return 0;
    if (text[pos] == 'Z' || text[pos] == 'z') {
        present = true;
        ++pos;
        return 0;
    }
    if (text[pos] != '+' && text[pos] != '-') return std::nullopt;
    const int sign = text[pos] == '-' ? -1 : 1;
    ++pos;
    auto h = Digits(text, pos, 2);
    if (!h) return std::nullopt;
    int64_t seconds = *h * 3600;
    for (int part = 0; part < 2 && pos < text.size(); ++part) {
        if (text[pos] == ':') ++pos;
        auto v = Digits(text, pos, 2);
        if (!v) return std::nullopt;
        seconds += part == 0 ? *v * 60 : *v;
    }
    present = true;
    return static_cast<int32_t>(sign * seconds);
}

std::optional<common::v1::Date> ParseDateAt(std::string_view text, size_t& pos) {
    auto y = Digits(text, pos, 4);
    if (!y || pos >= text.size() || text[pos++] != '-') return std::nullopt;
    auto m = Digits(text, pos, 2);
    if (!m || pos >= text.size() || text[pos++] != '-') return std::nullopt;
    auto d = Digits(text, pos, 2);
    if (!d) return std::nullopt;
    common::v1::Date date;
    date.set_year(static_cast<int32_t>(*y));
    date.set_month(static_cast<int32_t>(*m));
    date.set_day(static_cast<int32_t>(*d));
    if (!IsValidDate(date)) return std::nullopt;
    return date;
}

std::optional<int64_t> ParseClockAt(std::string_view text, size_t& pos) {
    auto h = Digits(text, pos, 2);
    if (!h || pos >= text.size() || text[pos++] != ':') return std::nullopt;
    auto m = Digits(text, pos, 2);
    if (!m || pos >= text.size() || text[pos++] != ':') return std::nullopt;
    auto s = Digits(text, pos, 2);
    if (!s || *h > 24 || *m > 59 || *s > 60) return std::nullopt;
    return ((*h * 60 + *m) * 60 + *s) * 1'000'000 + Fraction(text, pos);
}

std::string TwoDigits(int64_t v) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02lld", static_cast<long long>(v));
    return buf;
}

std::string ClockText(int64_t micros) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld.%06lld", static_cast<long long>(micros / 3'600'000'000LL),
                  static_cast<long long>(micros / 60'000'000 % 60), static_cast<long long>(micros / 1'000'000 % 60),
                  static_cast<long long>(micros % 1'000'000));
    return buf;
}

std::string OffsetText(int32_t seconds) {
    const char sign = seconds < 0 ? '-' : '+';
    const int32_t a = seconds < 0 ? -seconds : seconds;
    std::string out = std::string(1, sign) + TwoDigits(a / 3600) + ":" + TwoDigits(a / 60 % 60);
    if (a % 60) out += ":" + TwoDigits(a % 60);
    return out;
}

}  // namespace

bool IsDecimalText(std::string_view text) {
    if (text == "NaN" || text == "Infinity" || text == "-Infinity") return true;
    size_t i = 0;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    size_t digits = 0;
    while (i < text.size() && IsDigit(text[i])) ++i, ++digits;
    if (i < text.size() && text[i] == '.') {
        ++i;
        while (i < text.size() && IsDigit(text[i])) ++i, ++digits;
    }
    if (digits > 0 && i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
        size_t exp = 0;
        while (i < text.size() && IsDigit(text[i])) ++i, ++exp;
        if (exp == 0) return false;
    }
    return digits > 0 && i == text.size();
}

bool IsUuidText(std::string_view text) {
    if (text.size() != 36) return false;
    for (size_t i = 0; i < text.size(); ++i) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (text[i] != '-') return false;
        } else if (!std::isxdigit(static_cast<unsigned char>(text[i]))) {
            return false;
        }
    }
    return true;
}

bool IsValidDate(const common::v1::Date& date) {
    if (date.month() < 1 || date.month() > 12 || date.day() < 1) return false;
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const int y = date.year();
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    const int max = date.month() == 2 && leap ? 29 : kDays[date.month() - 1];
    return date.day() <= max;
}

// Howard Hinnant's days_from_civil / civil_from_days.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

common::v1::Date CivilFromDays(int64_t z) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t y = static_cast<int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    common::v1::Date out;
    out.set_year(static_cast<int32_t>(y + (m <= 2)));
    out.set_month(static_cast<int32_t>(m));
    out.set_day(static_cast<int32_t>(d));
    return out;
}

std::optional<common::v1::Date> ParseDate(std::string_view text) {
    size_t pos = 0;
    auto date = ParseDateAt(text, pos);
    if (!date || pos != text.size()) return std::nullopt;
    return date;
}

std::string FormatDate(const common::v1::Date& date) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date.year(), date.month(), date.day());
    return buf;
}

std::optional<common::v1::Time> ParseTime(std::string_view text) {
    size_t pos = 0;
    auto micros = ParseClockAt(text, pos);
    if (!micros) return std::nullopt;
    bool has_zone = false;
    auto offset = Offset(text, pos, has_zone);
    if (!offset || pos != text.size()) return std::nullopt;
    common::v1::Time out;
    out.set_micros_since_midnight(*micros);
    out.set_has_time_zone(has_zone);
    out.set_utc_offset_seconds(*offset);
    return out;
}

std::string FormatTime(const common::v1::Time& time) {
    std::string out = ClockText(time.micros_since_midnight());
    if (time.has_time_zone()) out += OffsetText(time.utc_offset_seconds());
    return out;
}

std::optional<common::v1::Timestamp> ParseTimestamp(std::string_view text, bool assume_utc_zone) {
    size_t pos = 0;
    auto date = ParseDateAt(text, pos);
    if (!date || pos >= text.size() || (text[pos] != ' ' && text[pos] != 'T')) return std::nullopt;
    ++pos;
    auto clock = ParseClockAt(text, pos);
    if (!clock) return std::nullopt;
    bool has_zone = false;
    auto offset = Offset(text, pos, has_zone);
    if (!offset || pos != text.size()) return std::nullopt;
    const int64_t days = DaysFromCivil(date->year(), static_cast<unsigned>(date->month()),
                                       static_cast<unsigned>(date->day()));
    common::v1::Timestamp ts;
    ts.set_epoch_micros(days * kMicrosPerDay + *clock - static_cast<int64_t>(*offset) * 1'000'000);
    ts.set_has_time_zone(has_zone || assume_utc_zone);
    ts.set_utc_offset_seconds(*offset);
    return ts;
}

std::string FormatTimestamp(const common::v1::Timestamp& ts, bool with_zone_suffix) {
    int64_t days = ts.epoch_micros() / kMicrosPerDay;
    int64_t micros = ts.epoch_micros() % kMicrosPerDay;
    if (micros < 0) {
        micros += kMicrosPerDay;
        --days;
    }
    std::string out = FormatDate(CivilFromDays(days)) + " " + ClockText(micros);
    if (with_zone_suffix && ts.has_time_zone()) out += "+00:00";
    return out;
}

std::string HexEncode(std::string_view bytes) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
    }
    return out;
}

std::optional<std::string> HexDecode(std::string_view hex) {
    if (hex.size() % 2) return std::nullopt;
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string out;
    out.reserve(hex.size() / 2);
    for (size_t i = 0; i < hex.size(); i += 2) {
        const int hi = nibble(hex[i]);
        const int lo = nibble(hex[i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out.push_back(static_cast<char>(hi << 4 | lo));
    }
    return out;
}

StatusOr<std::string> PgArrayToJson(std::string_view literal, bool numeric_elements, bool bool_elements) {
    // Optional dimension decoration "[1:3]={...}" is skipped.
    size_t pos = 0;
    if (!literal.empty() && literal[0] == '[') {
        pos = literal.find('=');
        if (pos == std::string_view::npos) return InvalidArgumentError("malformed array literal");
        ++pos;
    }
    std::vector<nlohmann::json*> stack;
    nlohmann::json root;
    auto bad = [&] { return InvalidArgumentError("malformed PostgreSQL array literal: " + std::string(literal)); };
    auto element = [&](std::string text, bool quoted) -> nlohmann::json {
        if (!quoted && text == "NULL") return nullptr;
        if (bool_elements && !quoted) return text == "t";
        if (numeric_elements && !quoted) {
            int64_t i = 0;
            auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), i);
            if (ec == std::errc() && p == text.data() + text.size()) return i;
            if (IsDecimalText(text) && text != "NaN" && text.find("Infinity") == std::string::npos) {
                return nlohmann::json::parse(text, nullptr, false);
            }
        }
        return text;
    };
    while (pos < literal.size()) {
        const char c = literal[pos];
        if (c == '{') {
            if (stack.empty()) {
                root = nlohmann::json::array();
                stack.push_back(&root);
            } else {
                stack.back()->push_back(nlohmann::json::array());
                stack.push_back(&stack.back()->back());
            }
            ++pos;
        } else if (c == '}') {
            if (stack.empty()) return bad();
            stack.pop_back();
            ++pos;
        } else if (c == ',' || c == ' ') {
            ++pos;
        } else if (stack.empty()) {
            return bad();
        } else if (c == '"') {
            std::string text;
            ++pos;
            while (pos < literal.size() && literal[pos] != '"') {
                if (literal[pos] == '\\' && pos + 1 < literal.size()) ++pos;
                text.push_back(literal[pos++]);
            }
            if (pos >= literal.size()) return bad();
            ++pos;
            stack.back()->push_back(element(std::move(text), true));
        } else {
            const size_t end = literal.find_first_of(",}", pos);
            if (end == std::string_view::npos) return bad();
            stack.back()->push_back(element(std::string(literal.substr(pos, end - pos)), false));
            pos = end;
        }
    }
    if (!stack.empty() || root.is_null()) return bad();
    return root.dump();
}

std::string FormatDouble(double value) {
    char buf[64];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, value);
    return std::string(buf, ec == std::errc() ? p : buf);
}

}  // namespace gantry::db
