#include "gantry/turso/hrana_types.hpp"

namespace gantry::turso {

bool EvaluateCondition(const BatchCond& cond, const std::vector<StepOutcome>& done, bool is_autocommit) {
    switch (cond.kind) {
        case BatchCond::Kind::kOk:
            return cond.step < done.size() && done[cond.step].result.has_value();
        case BatchCond::Kind::kError:
            return cond.step < done.size() && done[cond.step].error.has_value();
        case BatchCond::Kind::kNot:
            return !cond.conds.empty() && !EvaluateCondition(cond.conds.front(), done, is_autocommit);
        case BatchCond::Kind::kAnd:
            for (const auto& c : cond.conds) {
                if (!EvaluateCondition(c, done, is_autocommit)) return false;
            }
            return true;
        case BatchCond::Kind::kOr:
            for (const auto& c : cond.conds) {
                if (EvaluateCondition(c, done, is_autocommit)) return true;
            }
            return false;
        case BatchCond::Kind::kIsAutocommit:
            return is_autocommit;
    }
    return false;
}

}  // namespace gantry::turso
