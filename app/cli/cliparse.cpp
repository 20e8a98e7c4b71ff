#include "cliparse.h"

#include <QJsonDocument>

namespace pos {

using namespace Qt::Literals::StringLiterals;

bool parseCommand(CliContext &ctx, QCommandLineParser &parser, int minPositional, int maxPositional)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    if (!parser.parse(QStringList{u"posctl"_s} + ctx.args)) {
        fail(ctx, parser.errorText());
        return false;
    }
    const qsizetype n = parser.positionalArguments().size();
    if (n < minPositional) {
        fail(ctx, Posctl::tr("missing argument (see posctl --help)"));
        return false;
    }
    if (n > maxPositional) {
        fail(ctx, Posctl::tr("unexpected argument \"%1\" (see posctl --help)")
                      .arg(parser.positionalArguments().at(maxPositional)));
        return false;
    }
    return true;
}

QString jsonLine(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
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
            return R::failure(Posctl::tr("bad quantity in %1 %2 (a whole number from 1 to %3)").arg(option, arg).arg(maxQuantity));
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
        fail(ctx, Posctl::tr("bad date \"%1\" (use YYYY-MM-DD)").arg(text));
        return false;
    }
    return true;
}

} // namespace pos
