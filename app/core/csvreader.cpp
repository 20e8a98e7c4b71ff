#include "csvreader.h"

namespace pos {

namespace {

QList<QStringList> parseRows(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    bool fieldStarted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == u'"') {
                if (i + 1 < text.size() && text[i + 1] == u'"') {
                    field.append(u'"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field.append(c);
            }
            continue;
        }
        if (c == u'"' && !fieldStarted) {
            quoted = true;
            fieldStarted = true;
        } else if (c == u',') {
            row.append(field);
            field.clear();
            fieldStarted = false;
        } else if (c == u'\n' || c == u'\r') {
            if (c == u'\r' && i + 1 < text.size() && text[i + 1] == u'\n')
                ++i;
            row.append(field);
            field.clear();
            fieldStarted = false;
            if (!(row.size() == 1 && row.front().isEmpty()))
                rows.append(row);
            row.clear();
        } else {
            field.append(c);
            fieldStarted = true;
        }
    }
    if (fieldStarted || !row.isEmpty()) {
        row.append(field);
        rows.append(row);
    }
    return rows;
}

} // namespace

CsvReader::CsvReader(const QString &text)
{
    QList<QStringList> rows = parseRows(text);
    if (rows.isEmpty())
        return;
    m_header = rows.takeFirst();
    if (!m_header.isEmpty() && m_header.front().startsWith(QChar(0xFEFF)))
        m_header.front().remove(0, 1); // a BOM from spreadsheet exports
    for (const QStringList &row : rows) {
        QHash<QString, QString> record;
        for (qsizetype c = 0; c < m_header.size(); ++c)
            record.insert(m_header[c], c < row.size() ? row[c].trimmed() : QString());
        m_records.append(record);
    }
}

} // namespace pos
