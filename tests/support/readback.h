#pragma once

// What a second process reading the till's file sees: one column of a query, through a
// connection of its own that is closed again at once.
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>

namespace pos::test {

inline QStringList column(const QString &db, const QString &sql)
{
    QStringList out;
    {
        QSqlDatabase c = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("readback"));
        c.setDatabaseName(db);
        if (c.open()) {
            QSqlQuery q(c);
            q.exec(sql);
            while (q.next())
                out << q.value(0).toString();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("readback"));
    return out;
}

} // namespace pos::test
