#include "gantry/db/json/patch.hpp"

namespace gantry::db::json {

StatusOr<nlohmann::json> ApplyJsonPatch(const nlohmann::json& document, const nlohmann::json& patch) {
    if (!patch.is_array()) return InvalidArgumentError("a JSON Patch must be an array of operations");
    nlohmann::json result = document;  // the caller's document is untouched until every operation succeeded
    for (size_t i = 0; i < patch.size(); ++i) {
        const nlohmann::json& operation = patch[i];
        const std::string where = "JSON Patch operation " + std::to_string(i) +
                                  (operation.is_object() && operation.contains("op") && operation["op"].is_string()
                                       ? " (" + operation["op"].get<std::string>() + ")"
                                       : "");
        try {
            result.patch_inplace(nlohmann::json::array({operation}));
        } catch (const nlohmann::json::other_error& e) {
            // id 501: a "test" operation did not match.
            if (e.id == 501)
                return FailedPreconditionError(where + " failed: " + e.what()).WithReason("JSON_PATCH_TEST_FAILED");
            return InvalidArgumentError(where + " failed: " + e.what());
        } catch (const nlohmann::json::exception& e) {
            return InvalidArgumentError(where + " failed: " + e.what());
        }
    }
    return result;
}

nlohmann::json ApplyMergePatch(const nlohmann::json& document, const nlohmann::json& patch) {
    nlohmann::json result = document;
    result.merge_patch(patch);
    return result;
}

nlohmann::json JsonDiff(const nlohmann::json& source, const nlohmann::json& target) {
    return nlohmann::json::diff(source, target);
}

}  // namespace gantry::db::json
