#include "gantry/common/logging.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>

#include <array>
#include <random>

namespace gantry {
namespace {

thread_local std::string t_request_id = "-";

void AppendJsonEscaped(std::string_view in, spdlog::memory_buf_t& dest) {
    static constexpr char kHex[] = "0123456789abcdef";
    for (char c : in) {
        switch (c) {
            case '"': dest.append(std::string_view("\\\"")); break;
            case '\\': dest.append(std::string_view("\\\\")); break;
            case '\n': dest.append(std::string_view("\\n")); break;
            case '\r': dest.append(std::string_view("\\r")); break;
            case '\t': dest.append(std::string_view("\\t")); break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    const std::array<char, 6> esc{'\\', 'u', '0', '0', kHex[(c >> 4) & 0xF], kHex[c & 0xF]};
                    dest.append(esc.data(), esc.data() + esc.size());
                } else {
                    dest.push_back(c);
                }
        }
    }
}

// %k: the current request id.
class RequestIdFlag final : public spdlog::custom_flag_formatter {
public:
    void format(const spdlog::details::log_msg&, const std::tm&, spdlog::memory_buf_t& dest) override {
        dest.append(std::string_view(t_request_id));
    }
    std::unique_ptr<custom_flag_formatter> clone() const override { return std::make_unique<RequestIdFlag>(); }
};

// %j: the message, escaped for a JSON string.
class JsonMessageFlag final : public spdlog::custom_flag_formatter {
public:
    void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
        AppendJsonEscaped(std::string_view(msg.payload.data(), msg.payload.size()), dest);
    }
    std::unique_ptr<custom_flag_formatter> clone() const override { return std::make_unique<JsonMessageFlag>(); }
};

}  // namespace

StatusOr<LogFormat> ParseLogFormat(std::string_view text) {
    if (text == "text") return LogFormat::kText;
    if (text == "json") return LogFormat::kJson;
    return InvalidArgumentError("log format must be 'text' or 'json', got '" + std::string(text) + "'");
}

StatusOr<spdlog::level::level_enum> ParseLogLevel(std::string_view text) {
    const auto level = spdlog::level::from_str(std::string(text));
    if (level == spdlog::level::off && text != "off") {
        return InvalidArgumentError("log level must be one of trace, debug, info, warn, error, critical, off; got '" +
                                    std::string(text) + "'");
    }
    return level;
}

Status SetupLogging(const std::string& service, const LogConfig& config) {
    GANTRY_ASSIGN_OR_RETURN(const auto level, ParseLogLevel(config.level));
    auto logger = std::make_shared<spdlog::logger>(service, std::make_shared<spdlog::sinks::stderr_sink_mt>());
    auto formatter = std::make_unique<spdlog::pattern_formatter>(
        config.format == LogFormat::kJson ? spdlog::pattern_time_type::utc : spdlog::pattern_time_type::local);
    formatter->add_flag<RequestIdFlag>('k').add_flag<JsonMessageFlag>('j');
    if (config.format == LogFormat::kJson) {
        formatter->set_pattern(
            R"({"ts":"%Y-%m-%dT%H:%M:%S.%fZ","level":"%l","service":"%n","request_id":"%k","msg":"%j"})");
    } else {
        formatter->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%-5l%$ %n [%k] %v");
    }
    logger->set_formatter(std::move(formatter));
    logger->set_level(level);
    logger->flush_on(spdlog::level::warn);
    spdlog::set_default_logger(logger);
    return Status::Ok();
}

const std::string& CurrentRequestId() { return t_request_id; }

ScopedRequestId::ScopedRequestId(std::string id) : previous_(std::move(t_request_id)) {
    t_request_id = std::move(id);
}

ScopedRequestId::~ScopedRequestId() { t_request_id = std::move(previous_); }

std::string NewRequestId() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    static constexpr char kHex[] = "0123456789abcdef";
    uint64_t v = rng();
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, v >>= 4) out[i] = kHex[v & 0xF];
    return out;
}

}  // namespace gantry
