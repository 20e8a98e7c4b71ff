// posctl init, products, guides.
#include "cliparse.h"
#include "posctl.h"
#include "textcolumns.h"

#include "core/showninput.h"
#include "services/demostore.h"
#include "services/lookupservice.h"
#include "services/till.h"
#include "store/catalogrepository.h"
#include "store/database.h"
#include "store/peoplerepository.h"
#include "store/quarantine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace pos {

using namespace Qt::Literals::StringLiterals;

int runQuarantine(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption({u"clear"_s, Posctl::tr("A manager decided: open the path again (a restored backup, or a new database).")});
    if (!parseCommand(ctx, parser, 0, 0))
        return ExitBadInput;
    const QString file = Database::fileOf(ctx.dbPath);
    const QString refusal = Database::quarantineNote(ctx.dbPath);
    const QList<Quarantine::SetAside> aside = Quarantine::setAsideFiles(file);
    if (refusal.isEmpty() || !parser.isSet(u"clear"_s)) {
        ctx.out << (refusal.isEmpty() ? Posctl::tr("The database %1 is not set aside.").arg(terminalText(file)) : terminalText(refusal)) << Qt::endl;
        for (const Quarantine::SetAside &a : aside)
            ctx.out << u"  "_s << terminalText(a.path) << u"  "_s
                    << (a.cleared ? Posctl::tr("(decided)") : Posctl::tr("(waiting for a manager's decision)")) << Qt::endl;
        return refusal.isEmpty() ? ExitOk : ExitFailure; // while refused, the till is not selling
    }
    if (Status s = Database::clearQuarantine(ctx.dbPath); !s)
        return failWith(ctx, s);
    ctx.out << Posctl::tr("Cleared: the till opens %1 again (a new database if there is none). The set-aside files stay "
                          "where they are.").arg(terminalText(file)) << Qt::endl;
    return ExitOk;
}

int runInit(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption({u"demo"_s, Posctl::tr("Load the demo store.")});
    if (!parseCommand(ctx, parser, 0, 0))
        return ExitBadInput;
    Till till;
    if (!openTill(ctx, till))
        return ExitFailure;
    if (parser.isSet(u"demo"_s)) {
        if (Status s = DemoStore::load(till); !s)
            return fail(ctx, s.error(), ExitFailure);
    }
    const Database &db = till.database();
    ctx.out << Posctl::tr("Database %1 is ready (schema %2).").arg(terminalText(db.path())).arg(db.schemaVersion()) << Qt::endl;
    if (till.isProvisioned()) {
        ctx.out << Posctl::tr("Store %1 %2, terminal %3: %4 products, %5 guides, %6 members.")
                       .arg(terminalText(till.store().id), terminalText(till.store().name), terminalText(till.store().terminalId))
                       .arg(CatalogRepository(db).count())
                       .arg(LookupService(till).storeGuides().size())
                       .arg(PeopleRepository(db).memberCount())
                << Qt::endl;
    }
    return ExitOk;
}

int runProducts(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption({u"search"_s, Posctl::tr("Name, pinyin initials, SKU or barcode."), u"TEXT"_s});
    parser.addOption({u"json"_s, Posctl::tr("One JSON object per line.")});
    if (!parseCommand(ctx, parser, 0, 0))
        return ExitBadInput;
    if (parser.isSet(u"search"_s) && parser.value(u"search"_s).trimmed().isEmpty())
        return fail(ctx, Posctl::tr("--search needs some text."));
    Till till;
    if (!openTill(ctx, till))
        return ExitFailure;
    const LookupService lookup(till);
    const QList<CatalogItem> items = parser.isSet(u"search"_s)
                                         ? lookup.searchProducts(parser.value(u"search"_s), 500)
                                         : lookup.allProducts();
    const bool json = parser.isSet(u"json"_s);
    for (const CatalogItem &i : items) {
        if (json) {
            ctx.out << jsonLine({{u"sku"_s, i.sku},
                                 {u"barcodes"_s, QJsonArray::fromStringList(i.barcodes)},
                                 {u"name"_s, i.name},
                                 {u"pinyin"_s, i.pinyinInitials},
                                 {u"category"_s, i.category},
                                 {u"price"_s, i.price.fen()},
                                 {u"commission_bp"_s, i.commissionBp},
                                 {u"active"_s, i.active}})
                    << u'\n';
        } else {
            ctx.out << padToWidth(i.sku, 8) << u' ' << padToWidth(i.barcodes.value(0), 14) << u' '
                    << padToWidth(i.name, 30) << u' ' << padToWidth(i.price.toString(), 11, true)
                    << u"  "_s << terminalText(i.pinyinInitials) << (i.active ? QString() : u"  "_s + Posctl::tr("(withdrawn)"))
                    << u'\n';
        }
    }
    if (!json && parser.isSet(u"search"_s) && items.isEmpty())
        ctx.err << Posctl::tr("No product matches \"%1\".").arg(shownInput(parser.value(u"search"_s))) << Qt::endl;
    ctx.out.flush();
    return ExitOk;
}

int runGuides(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption({u"json"_s, Posctl::tr("One JSON object per line.")});
    if (!parseCommand(ctx, parser, 0, 0))
        return ExitBadInput;
    Till till;
    if (!openTill(ctx, till))
        return ExitFailure;
    // This store's guides; a till not yet set up shows every guide it knows.
    const QList<Guide> guides = till.isProvisioned() ? LookupService(till).storeGuides()
                                                     : PeopleRepository(till.database()).guides();
    for (const Guide &g : guides) {
        if (parser.isSet(u"json"_s)) {
            ctx.out << jsonLine({{u"id"_s, g.id},
                                 {u"name"_s, g.name},
                                 {u"store"_s, g.storeId},
                                 {u"active"_s, g.active},
                                 {u"departed_at"_s, g.departedAt.isValid() ? QJsonValue(g.departedAt.toString(Qt::ISODate))
                                                                           : QJsonValue(QJsonValue::Null)}})
                    << u'\n';
        } else {
            ctx.out << padToWidth(g.id, 6) << padToWidth(g.name, 12) << terminalText(g.storeId) << u"  "_s
                    << (g.active ? Posctl::tr("active") : Posctl::tr("departed %1").arg(g.departedAt.date().toString(Qt::ISODate)))
                    << u'\n';
        }
    }
    ctx.out.flush();
    return ExitOk;
}

} // namespace pos
