#include "cliparse.h"

#include "core/showninput.h"

#include <QJsonDocument>

namespace pos {

using namespace Qt::Literals::StringLiterals;

bool parseCommand(CliContext &ctx, QCommandLineParser &parser, int minPositional, int maxPositional)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    if (!parser.parse(QStringList{u"posctl"_s} + ctx.args)) {
        // Qt's own message quotes an unknown option whole, however long: say it ourselves.
        const QStringList unknown = parser.unknownOptionNames();
        fail(ctx, unknown.isEmpty() ? parser.errorText()
                                    : Posctl::tr("unknown option \"%1\" (see posctl --help)").arg(shownInput(unknown.constFirst())));
        return false;
    }
    const qsizetype n = parser.positionalArguments().size();
    if (n < minPositional) {
        fail(ctx, Posctl::tr("missing argument (see posctl --help)"));
        return false;
    }
    if (n > maxPositional) {
        fail(ctx, Posctl::tr("unexpected argument \"%1\" (see posctl --help)")
                      .arg(shownInput(parser.positionalArguments().at(maxPositional))));
        return false;
    }
    return true;
}

QString jsonLine(const QJsonObject &object)
{
    const QString json = QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
    // Qt escapes C0 controls but writes DEL, the C1 controls (0x9b is a terminal's CSI) and
    // format characters (a bidi override) as they are. Outside strings JSON is plain ASCII, so
    // any such character is inside a string, where \uXXXX is the same character: a JSON line
    // on a terminal can't act on it either.
    if (!hasUnsafeChars(json))
        return json;
    QString out;
    out.reserve(json.size() + 16);
    for (qsizetype i = 0; i < json.size(); ++i) {
        const bool pair = json[i].isHighSurrogate() && i + 1 < json.size() && json[i + 1].isLowSurrogate();
        const char32_t cp = pair ? QChar::surrogateToUcs4(json[i], json[i + 1]) : json[i].unicode();
        const qsizetype units = pair ? 2 : 1;
        for (qsizetype k = 0; k < units; ++k) {
            if (isUnsafeChar(cp))
                out += u"\\u%1"_s.arg(json[i + k].unicode(), 4, 16, QChar(u'0'));
            else
                out += json[i + k];
        }
        i += units - 1;
    }
    return out;
}

Result<CodeQuantity> parseCodeQuantity(const QString &arg, const QString &option, int maxQuantity)
{
    using R = Result<CodeQuantity>;
    CodeQuantity c{arg.trimmed(), 1};
    const qsizetype star = c.code.lastIndexOf(u'*');
    if (star >= 0) {
        bool ok = false;
        c.quantity = c.code.mid(star + 1).toInt(&ok);
        if (!ok || c.quantity < 1 || c.quantity > maxQuantity)
            return R::failure(Posctl::tr("bad quantity in %1 %2 (a whole number from 1 to %3)").arg(option, shownInput(arg)).arg(maxQuantity));
        c.code = c.code.left(star).trimmed();
    }
    if (c.code.isEmpty())
        return R::failure(Posctl::tr("%1 needs a barcode or SKU").arg(option));
    return c;
}

bool parseDateOption(CliContext &ctx, const QCommandLineParser &parser, QDate &date)
{
    if (!parser.isSet(u"date"_s))
        return true;
    const QString text = parser.value(u"date"_s);
    date = QDate::fromString(text, Qt::ISODate);
    if (!date.isValid() || text.size() != 10) {
        fail(ctx, Posctl::tr("bad date \"%1\" (use YYYY-MM-DD)").arg(shownInput(text)));
        return false;
    }
    return true;
}

} // namespace pos
