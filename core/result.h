// Result<T>: a value or an Error, returned across module boundaries.
//
// Errors that a client or the environment can cause are values, never exceptions
// (ARCHITECTURE.md, "Errors are values at the edges"). An Error has a stable
// machine code ("config.invalid", "storage.busy") and a message for a person.
// std::expected is C++23; this is the small subset we need.
#ifndef WORKMATCH_CORE_RESULT_H_
#define WORKMATCH_CORE_RESULT_H_

#include <string>
#include <utility>
#include <variant>

namespace workmatch {

struct Error {
  std::string code;     // stable, dotted, lowercase: "config.invalid"
  std::string message;  // for a person: what is wrong and what to do
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  // REQUIRES: ok().
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }

  // REQUIRES: !ok().
  const Error& error() const { return std::get<Error>(state_); }

 private:
  std::variant<T, Error> state_;
};

// Status: success or an Error, for operations without a value.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT: implicit by design

  static Status Ok() { return Status(); }
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  // REQUIRES: !ok().
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

}  // namespace workmatch

#endif  // WORKMATCH_CORE_RESULT_H_
