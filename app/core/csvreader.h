#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace pos {

// RFC 4180 CSV with a header row: quoted fields, doubled quotes, CRLF or LF.
// Each record maps the header's column names to its fields.
class CsvReader
{
public:
    explicit CsvReader(const QString &text);
    const QStringList &header() const { return m_header; }
    const QList<QHash<QString, QString>> &records() const { return m_records; }

private:
    QStringList m_header;
    QList<QHash<QString, QString>> m_records;
};

} // namespace pos
