// Errors in trendscan travel as values: a Status (ok, or a code and a message) or a
// Result<T> (a value, or the Status saying why there is none). The library never prints and
// never exits; the CLI turns a failed Status into a one-line message and an exit code.
#ifndef TRENDSCAN_STATUS_HPP_
#define TRENDSCAN_STATUS_HPP_

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace trendscan {

// What went wrong, coarse enough for the CLI to pick an exit code from it.
enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // an option value that makes no sense (k = 0, min-df > max-df...)
  kNotFound,         // a path that does not exist
  kIoError,          // a file that exists but cannot be read or written
  kEmptyInput,       // nothing usable: no documents, no terms left after filtering
  kInternal,         // a foreign library failed (ICU, libstemmer)
};

class Status {
 public:
  // An ok status.
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) {
    return {StatusCode::kInvalidArgument, std::move(m)};
  }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
  static Status EmptyInput(std::string m) { return {StatusCode::kEmptyInput, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  // A one-line message naming the path or option and the problem; empty when ok.
  const std::string& message() const { return message_; }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// A value of type T, or the Status that explains why there is none. Accessing the value of a
// failed Result is a programming error (asserted).
template <typename T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(data_).ok() && "a Result built from a Status must be an error");
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  // The error; Status::Ok() when the result holds a value.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(data_); }

  T& value() & {
    assert(ok());
    return std::get<T>(data_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<T>(data_);
  }
  T&& value() && {
    assert(ok());
    return std::get<T>(std::move(data_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace trendscan

// Returns the status of `expr` from the enclosing function when it is an error.
#define TRENDSCAN_RETURN_IF_ERROR(expr)      \
  do {                                       \
    ::trendscan::Status _ts_status = (expr); \
    if (!_ts_status.ok()) return _ts_status; \
  } while (0)

#define TRENDSCAN_CONCAT_INNER(a, b) a##b
#define TRENDSCAN_CONCAT(a, b) TRENDSCAN_CONCAT_INNER(a, b)
// Declares `lhs` from the value of the Result `rexpr`, or returns its error.
#define TRENDSCAN_ASSIGN_OR_RETURN(lhs, rexpr) \
  TRENDSCAN_ASSIGN_OR_RETURN_IMPL(TRENDSCAN_CONCAT(_ts_result_, __LINE__), lhs, rexpr)
#define TRENDSCAN_ASSIGN_OR_RETURN_IMPL(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                                    \
  if (!tmp.ok()) return tmp.status();                    \
  lhs = std::move(tmp).value()

#endif  // TRENDSCAN_STATUS_HPP_
