#include "gantry/turso/push_batch.hpp"

namespace gantry::turso {

Stmt LastPushedQuery(const std::string& client_id) {
    return {"SELECT change_id FROM turso_sync_last_change_id WHERE client_id = ?", {client_id}, {}, true};
}

StatusOr<int64_t> ParseLastPushed(const StatusOr<StmtResult>& outcome) {
    if (!outcome.ok()) {
        if (outcome.status().message().find("no such table") != std::string::npos) return int64_t{0};
        return outcome.status();
    }
    if (outcome->rows.empty() || outcome->rows.front().empty()) return int64_t{0};
    if (const auto* v = std::get_if<int64_t>(&outcome->rows.front().front())) return *v;
    return int64_t{0};
}

PushPlan BuildPushBatch(const std::vector<Stmt>& changes, const std::string& client_id, int64_t last_change_id) {
    PushPlan plan;
    auto add = [&](Stmt stmt, std::optional<BatchCond> cond) {
        stmt.want_rows = false;
        plan.batch.steps.push_back({std::move(cond), std::move(stmt)});
        return static_cast<uint32_t>(plan.batch.steps.size() - 1);
    };
    uint32_t prev = add({"BEGIN", {}, {}, false}, std::nullopt);
    const uint32_t begin = prev;
    if (!client_id.empty()) {
        prev = add({"CREATE TABLE IF NOT EXISTS turso_sync_last_change_id "
                    "(client_id TEXT PRIMARY KEY, pull_gen INTEGER, change_id INTEGER)",
                    {},
                    {},
                    false},
                   BatchCond::Ok(prev));
    }
    plan.first_change_step = plan.batch.steps.size();
    plan.change_count = changes.size();
    for (const auto& change : changes) prev = add(change, BatchCond::Ok(prev));
    if (!client_id.empty()) {
        prev = add({"INSERT OR REPLACE INTO turso_sync_last_change_id (client_id, pull_gen, change_id) "
                    "VALUES (?, 0, ?)",
                    {client_id, last_change_id},
                    {},
                    false},
                   BatchCond::Ok(prev));
    }
    const uint32_t commit = add({"COMMIT", {}, {}, false}, BatchCond::Ok(prev));
    plan.commit_step = commit;
    add({"ROLLBACK", {}, {}, false}, BatchCond::And({BatchCond::Ok(begin), BatchCond::Not(BatchCond::Ok(commit))}));
    return plan;
}

Status CheckPushOutcome(const PushPlan& plan, const BatchResult& result) {
    if (plan.commit_step < result.steps.size() && result.steps[plan.commit_step].result) return Status::Ok();
    for (size_t i = 0; i < result.steps.size() && i < plan.batch.steps.size(); ++i) {
        if (const auto& e = result.steps[i].error) {
            const size_t changes_end = plan.first_change_step + plan.change_count;
            std::string what = i >= plan.first_change_step && i < changes_end
                                   ? "change " + std::to_string(i - plan.first_change_step + 1)
                                   : "step " + std::to_string(i);
            return AbortedError("the remote rejected the push at " + what + " (" + plan.batch.steps[i].stmt.sql +
                                "): " + e->message + "; the remote rolled back and the changes stay queued")
                .WithReason("PUSH_REJECTED");
        }
    }
    return AbortedError("the remote did not commit the push; the changes stay queued").WithReason("PUSH_REJECTED");
}

}  // namespace gantry::turso
