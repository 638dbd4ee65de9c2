#pragma once
/// @file Structured logs to stderr through spdlog, as text or JSON, with the request id of the
/// current call on every line (`request_id`), so one call's lines can be found together.

#include <spdlog/spdlog.h>

#include <string>
#include <string_view>

#include "gantry/common/status.hpp"

namespace gantry {

enum class LogFormat { kText, kJson };

struct LogConfig {
    std::string level = "info";  // trace, debug, info, warn, error, critical, off
    LogFormat format = LogFormat::kText;
};

/// Parses "text" / "json".
StatusOr<LogFormat> ParseLogFormat(std::string_view text);
/// Parses a level name; unknown names are INVALID_ARGUMENT listing the valid ones.
StatusOr<spdlog::level::level_enum> ParseLogLevel(std::string_view text);

/// Installs the default logger for `service` on stderr. Safe to call again (tests).
Status SetupLogging(const std::string& service, const LogConfig& config);

/// The request id logged with lines written on this thread ("-" when none).
const std::string& CurrentRequestId();

/// Sets the request id for lines written on this thread until destroyed; restores the previous one.
class ScopedRequestId final {
public:
    explicit ScopedRequestId(std::string id);
    ~ScopedRequestId();
    ScopedRequestId(const ScopedRequestId&) = delete;
    ScopedRequestId& operator=(const ScopedRequestId&) = delete;

private:
    std::string previous_;
};

/// A fresh random request id (16 hex characters).
std::string NewRequestId();

}  // namespace gantry
