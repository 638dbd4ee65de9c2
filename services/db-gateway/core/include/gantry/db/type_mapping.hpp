#pragma once
/// @file Text forms shared by the backends: ISO dates, times and timestamps to and from typed Values,
/// exact decimals, UUIDs, hex bytes, and PostgreSQL array literals as JSON. Pure functions, unit tested.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "gantry/common/status.hpp"
#include "gantry/common/v1/value.pb.h"

namespace gantry::db {

inline constexpr int64_t kMicrosPerDay = 86'400'000'000LL;

bool IsDecimalText(std::string_view text);  // [+-]digits[.digits] or NaN/Infinity forms the engines print
bool IsUuidText(std::string_view text);
bool IsValidDate(const common::v1::Date& date);

/// Days since 1970-01-01 for a proleptic Gregorian date, and back.
int64_t DaysFromCivil(int64_t year, unsigned month, unsigned day);
common::v1::Date CivilFromDays(int64_t days);

/// "YYYY-MM-DD".
std::optional<common::v1::Date> ParseDate(std::string_view text);
std::string FormatDate(const common::v1::Date& date);

/// "HH:MM:SS[.ffffff][+HH[:MM]]".
std::optional<common::v1::Time> ParseTime(std::string_view text);
std::string FormatTime(const common::v1::Time& time);

/// "YYYY-MM-DD[ T]HH:MM:SS[.ffffff][Z|+HH[:MM[:SS]]]". With an offset the result is the UTC instant and
/// has_time_zone is set; `assume_utc_zone` marks zone-less text as UTC (MariaDB TIMESTAMP in a UTC session).
std::optional<common::v1::Timestamp> ParseTimestamp(std::string_view text, bool assume_utc_zone = false);
/// "YYYY-MM-DD HH:MM:SS.ffffff" plus "+00:00" when the value has a time zone (always printed in UTC).
std::string FormatTimestamp(const common::v1::Timestamp& ts, bool with_zone_suffix);

std::string HexEncode(std::string_view bytes);
std::optional<std::string> HexDecode(std::string_view hex);

/// A PostgreSQL array literal ("{1,2,NULL}", "{{a,b},{\"c d\",e}}") as a JSON array. `numeric_elements`
/// prints unquoted elements as JSON numbers (ints, floats, numeric), `bool_elements` maps t/f to true/false.
StatusOr<std::string> PgArrayToJson(std::string_view literal, bool numeric_elements, bool bool_elements);

/// A double printed so that it parses back to the same value.
std::string FormatDouble(double value);

}  // namespace gantry::db
