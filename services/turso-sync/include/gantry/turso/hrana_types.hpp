#pragma once
/// @file The Hrana data model (values, statements, batches, results), shared by the remote client and the
/// local SQLite engine so that every mode returns the same shapes.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace gantry::turso {

struct Null {
    friend bool operator==(Null, Null) { return true; }
};
using Blob = std::vector<uint8_t>;
/// A SQLite value: null, integer, real, text or blob.
using Value = std::variant<Null, int64_t, double, std::string, Blob>;

struct NamedValue {
    std::string name;  // with its prefix (":", "@", "$")
    Value value;
};

struct Stmt {
    std::string sql;
    std::vector<Value> args;
    std::vector<NamedValue> named_args;
    bool want_rows = true;
};

struct Col {
    std::string name;
    std::optional<std::string> decltype_;
};

struct StmtResult {
    std::vector<Col> cols;
    std::vector<std::vector<Value>> rows;
    uint64_t affected_row_count = 0;
    std::optional<int64_t> last_insert_rowid;
};

struct StmtError {
    std::string message;
    std::string code;
};

/// A batch step's condition (Hrana BatchCond).
struct BatchCond {
    enum class Kind { kOk, kError, kNot, kAnd, kOr, kIsAutocommit };
    Kind kind = Kind::kOk;
    uint32_t step = 0;             // kOk, kError
    std::vector<BatchCond> conds;  // kNot (one), kAnd, kOr

    static BatchCond Ok(uint32_t step) { return {Kind::kOk, step, {}}; }
    static BatchCond Error(uint32_t step) { return {Kind::kError, step, {}}; }
    static BatchCond Not(BatchCond c) { return {Kind::kNot, 0, {std::move(c)}}; }
    static BatchCond And(std::vector<BatchCond> c) { return {Kind::kAnd, 0, std::move(c)}; }
    static BatchCond Or(std::vector<BatchCond> c) { return {Kind::kOr, 0, std::move(c)}; }
    static BatchCond IsAutocommit() { return {Kind::kIsAutocommit, 0, {}}; }
};

struct BatchStep {
    std::optional<BatchCond> condition;
    Stmt stmt;
};

struct Batch {
    std::vector<BatchStep> steps;
};

/// One step's outcome: both unset = skipped.
struct StepOutcome {
    std::optional<StmtResult> result;
    std::optional<StmtError> error;
    bool skipped() const { return !result && !error; }
};

struct BatchResult {
    std::vector<StepOutcome> steps;
};

/// Evaluates a condition against the outcomes of earlier steps (used by engines that run batches themselves).
bool EvaluateCondition(const BatchCond& cond, const std::vector<StepOutcome>& done, bool is_autocommit);

}  // namespace gantry::turso
