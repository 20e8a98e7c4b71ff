#include "directwrites.h"

#include <QByteArray>

#include <sqlite3.h>

namespace pos {

namespace {

int bindOne(sqlite3_stmt *s, int index, const QVariant &v)
{
    switch (v.typeId()) {
    case QMetaType::UnknownType:
        return sqlite3_bind_null(s, index);
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
        return sqlite3_bind_int64(s, index, v.toLongLong());
    case QMetaType::Double:
        return sqlite3_bind_double(s, index, v.toDouble());
    case QMetaType::QByteArray: {
        const QByteArray bytes = v.toByteArray();
        return sqlite3_bind_blob64(s, index, bytes.constData(), sqlite3_uint64(bytes.size()), SQLITE_TRANSIENT);
    }
    default: {
        const QString text = v.toString(); // a null QString binds as '', as through Database::run
        static const char16_t empty[] = u"";
        const void *chars = text.isNull() ? static_cast<const void *>(empty) : static_cast<const void *>(text.utf16());
        return sqlite3_bind_text16(s, index, chars, int(text.size() * 2), SQLITE_TRANSIENT);
    }
    }
}

} // namespace

bool DirectWrites::Outcome::ok() const
{
    return code == SQLITE_DONE;
}

DirectWrites::~DirectWrites()
{
    for (sqlite3_stmt *s : std::as_const(m_statements))
        sqlite3_finalize(s);
}

DirectWrites::Outcome DirectWrites::run(const QString &sql, std::initializer_list<QVariant> binds)
{
    const auto failed = [this](int code) {
        return Outcome{code, QString::fromUtf8(sqlite3_errmsg(m_db))};
    };
    sqlite3_stmt *s = m_statements.value(sql);
    if (!s) {
        const int code = sqlite3_prepare16_v3(m_db, sql.utf16(), int(sql.size() * 2), SQLITE_PREPARE_PERSISTENT, &s, nullptr);
        if (code != SQLITE_OK)
            return failed(code);
        m_statements.insert(sql, s);
    }
    int index = 1;
    for (const QVariant &b : binds) {
        if (const int code = bindOne(s, index++, b); code != SQLITE_OK) {
            sqlite3_clear_bindings(s);
            return failed(code);
        }
    }
    const int code = sqlite3_step(s);
    Outcome outcome = code == SQLITE_DONE ? Outcome{code, {}} : failed(sqlite3_extended_errcode(m_db));
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return outcome;
}

} // namespace pos
