#pragma once
/// @file The one error type of Gantry: Status and StatusOr<T>.
/// Codes mirror gRPC's so the mapping to the wire is one table (status_mapping.hpp).

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace gantry {

enum class StatusCode : int {
    kOk = 0,
    kCancelled = 1,
    kUnknown = 2,
    kInvalidArgument = 3,
    kDeadlineExceeded = 4,
    kNotFound = 5,
    kAlreadyExists = 6,
    kPermissionDenied = 7,
    kResourceExhausted = 8,
    kFailedPrecondition = 9,
    kAborted = 10,
    kOutOfRange = 11,
    kUnimplemented = 12,
    kInternal = 13,
    kUnavailable = 14,
    kDataLoss = 15,
    kUnauthenticated = 16,
};

/// The canonical upper-case name of a code, e.g. "INVALID_ARGUMENT".
std::string_view StatusCodeName(StatusCode code);

/// An operation's outcome: OK, or a code with a message a person can act on, plus optional
/// machine-readable details (a reason such as "UNIQUE_VIOLATION" and key/value metadata).
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

    static Status Ok() { return {}; }

    bool ok() const { return code_ == StatusCode::kOk; }
    StatusCode code() const { return code_; }
    const std::string& message() const { return message_; }
    const std::string& reason() const { return reason_; }
    const std::map<std::string, std::string>& metadata() const { return metadata_; }

    /// Sets the machine-readable reason; returns *this for chaining.
    Status& WithReason(std::string reason) & {
        reason_ = std::move(reason);
        return *this;
    }
    Status&& WithReason(std::string reason) && {
        reason_ = std::move(reason);
        return std::move(*this);
    }
    Status& WithMetadata(std::string key, std::string value) & {
        metadata_[std::move(key)] = std::move(value);
        return *this;
    }
    Status&& WithMetadata(std::string key, std::string value) && {
        metadata_[std::move(key)] = std::move(value);
        return std::move(*this);
    }
    /// Prefixes the message with context, e.g. "database 'main': ". Returns a new Status, so
    /// `s = std::move(s).Annotate(...)` is safe.
    Status Annotate(std::string_view context) &&;

    /// "INVALID_ARGUMENT: message" (or "OK").
    std::string ToString() const;

    friend bool operator==(const Status& a, const Status& b) {
        return a.code_ == b.code_ && a.message_ == b.message_;
    }

private:
    StatusCode code_ = StatusCode::kOk;
    std::string message_;
    std::string reason_;
    std::map<std::string, std::string> metadata_;
};

// Named makers, one per code used by Gantry.
Status InvalidArgumentError(std::string message);
Status NotFoundError(std::string message);
Status AlreadyExistsError(std::string message);
Status PermissionDeniedError(std::string message);
Status UnauthenticatedError(std::string message);
Status ResourceExhaustedError(std::string message);
Status FailedPreconditionError(std::string message);
Status AbortedError(std::string message);
Status OutOfRangeError(std::string message);
Status UnimplementedError(std::string message);
Status InternalError(std::string message);
Status UnavailableError(std::string message);
Status DeadlineExceededError(std::string message);
Status CancelledError(std::string message);
Status DataLossError(std::string message);

/// A value or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] StatusOr {
public:
    StatusOr(T value) : data_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
    StatusOr(Status status) : data_(std::move(status)) {  // NOLINT(google-explicit-constructor)
        if (std::get<Status>(data_).ok()) {
            data_ = Status(StatusCode::kInternal, "StatusOr constructed from an OK status without a value");
        }
    }

    bool ok() const { return std::holds_alternative<T>(data_); }
    const Status& status() const {
        static const Status kOk;
        return ok() ? kOk : std::get<Status>(data_);
    }
    T& value() & { return std::get<T>(data_); }
    const T& value() const& { return std::get<T>(data_); }
    T&& value() && { return std::get<T>(std::move(data_)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T&& operator*() && { return std::move(*this).value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

private:
    std::variant<T, Status> data_;
};

}  // namespace gantry

#define GANTRY_STATUS_CONCAT_INNER(a, b) a##b
#define GANTRY_STATUS_CONCAT(a, b) GANTRY_STATUS_CONCAT_INNER(a, b)

/// Returns the Status from the enclosing function when `expr` is not OK.
#define GANTRY_RETURN_IF_ERROR(expr)                  \
    do {                                              \
        ::gantry::Status gantry_status_ = (expr);     \
        if (!gantry_status_.ok()) return gantry_status_; \
    } while (0)

/// `GANTRY_ASSIGN_OR_RETURN(auto x, MakeX());` declares x from a StatusOr or returns its Status.
#define GANTRY_ASSIGN_OR_RETURN(lhs, expr) \
    GANTRY_ASSIGN_OR_RETURN_IMPL(GANTRY_STATUS_CONCAT(gantry_statusor_, __LINE__), lhs, expr)
#define GANTRY_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
    auto tmp = (expr);                               \
    if (!tmp.ok()) return tmp.status();              \
    lhs = std::move(tmp).value()
