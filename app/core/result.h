#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace pos {

// Whose fault a failure is: what was asked (refused, nothing changed) or the system
// underneath (database, disk), so callers can tell a cashier's mistake from a fault.
enum class ErrorKind { BadInput, System };

// A value or a human-readable error: how the layers report failures to each other
// without exceptions crossing the UI event loop.
template <typename T>
class Result
{
public:
    Result(T value) : m_value(std::move(value)) {}
    static Result failure(QString message, ErrorKind kind = ErrorKind::BadInput)
    {
        return Result(std::move(message), kind);
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    const T *operator->() const { return &*m_value; }
    T *operator->() { return &*m_value; }
    const T &operator*() const { return *m_value; }
    const QString &error() const { return m_error; }
    ErrorKind errorKind() const { return m_kind; }

private:
    Result(QString error, ErrorKind kind) : m_error(std::move(error)), m_kind(kind) {}
    std::optional<T> m_value;
    QString m_error;
    ErrorKind m_kind = ErrorKind::BadInput;
};

// The success-or-error form for operations that return nothing.
class Status
{
public:
    Status() = default;
    static Status failure(QString message, ErrorKind kind = ErrorKind::BadInput)
    {
        return Status(std::move(message), kind);
    }
    bool ok() const { return m_error.isEmpty(); }
    explicit operator bool() const { return ok(); }
    const QString &error() const { return m_error; }
    ErrorKind errorKind() const { return m_kind; }

private:
    Status(QString error, ErrorKind kind) : m_error(std::move(error)), m_kind(kind) {}
    QString m_error;
    ErrorKind m_kind = ErrorKind::BadInput;
};

} // namespace pos
