#include "gantry/db/json/document.hpp"

namespace gantry::db::json {

StatusOr<nlohmann::json> ParseJson(std::string_view text, std::string_view what) {
    bool too_deep = false;
    const nlohmann::json::parser_callback_t guard = [&](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
        if (depth >= kMaxJsonDepth) too_deep = true;  // depth counts from 0 at the top level
        return !too_deep;                             // stop keeping values once the limit is crossed
    };
    try {
        nlohmann::json parsed = nlohmann::json::parse(text.begin(), text.end(), guard);
        if (too_deep) {
            return InvalidArgumentError("the " + std::string(what) + " nests deeper than " +
                                        std::to_string(kMaxJsonDepth) + " levels");
        }
        return parsed;
    } catch (const nlohmann::json::parse_error& e) {
        return InvalidArgumentError("the " + std::string(what) + " is not valid JSON (at byte " +
                                    std::to_string(e.byte) + "): " + e.what());
    }
}

}  // namespace gantry::db::json
