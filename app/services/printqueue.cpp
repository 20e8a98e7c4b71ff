#include "printqueue.h"

#include "orderhistory.h"
#include "receiptlayout.h"
#include "settingsservice.h"
#include "shiftservice.h"
#include "till.h"

#include "core/showninput.h"
#include "store/peoplerepository.h"
#include "store/printjobrepository.h"
#include "store/refundrepository.h"

#include <algorithm>

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int defaultPaperMm = 80;

} // namespace

PrinterChoice PrintQueue::receiptPrinter() const
{
    const SettingsRepository settings(m_till.database());
    return {settings.value(settingKey(printerKey)), settings.value(settingKey(profileKey)),
            settings.value(settingKey(paperKey)).toInt()};
}

Status PrintQueue::setReceiptPrinter(const PrinterChoice &choice)
{
    if (!choice.uri.isEmpty()) {
        QString error;
        if (!printer::PrinterUri::parse(choice.uri, &error))
            return Status::failure(error);
    }
    if (choice.paperMm != 0 && choice.paperMm != 58 && choice.paperMm != 80)
        return Status::failure(tr("The paper width must be 58 or 80 mm."));
    if (!choice.profile.isEmpty() && !printer::Profiles::byId(choice.profile))
        return Status::failure(tr("There is no printer profile \"%1\".").arg(shownInput(choice.profile)));
    SettingsRepository settings(m_till.database());
    Transaction tx(m_till.database());
    if (!tx.begun())
        return tx.begun();
    for (const auto &[k, value] : {std::pair{printerKey, choice.uri}, std::pair{profileKey, choice.profile},
                                   std::pair{paperKey, choice.paperMm ? QString::number(choice.paperMm) : QString()}})
        if (Status s = settings.setValue(settingKey(k), value); !s)
            return s;
    return tx.commit();
}

Result<PrintJob> PrintQueue::queueSale(const QString &orderNumber, Print what, const PrinterChoice &printer)
{
    return queue(PrintJobKind::SaleReceipt, orderNumber, what, printer);
}

Result<PrintJob> PrintQueue::queueRefund(const QString &refundNumber, Print what, const PrinterChoice &printer)
{
    return queue(PrintJobKind::RefundReceipt, refundNumber, what, printer);
}

Result<PrintJob> PrintQueue::queueCopy(const QString &receiptNumber)
{
    const QString number = receiptNumber.trimmed();
    if (RefundRepository(m_till.database()).byNumber(number))
        return queueRefund(number, Print::Copy);
    if (OrderHistory(m_till).byNumber(number))
        return queueSale(number, Print::Copy);
    return Result<PrintJob>::failure(tr("There is no sale or refund numbered \"%1\".").arg(shownInput(number)));
}

Result<PrintJob> PrintQueue::queue(PrintJobKind kind, const QString &document, Print what, const PrinterChoice &printer)
{
    using R = Result<PrintJob>;
    const Database &db = m_till.database();
    QString number;
    if (kind == PrintJobKind::DayReport) {
        number = document; // checked by queueXReport / queueZReport
    } else if (kind == PrintJobKind::SaleReceipt) {
        auto order = OrderHistory(m_till).byNumber(document.trimmed());
        if (!order)
            return R::failure(order.error(), order.errorKind());
        number = order->number;
    } else {
        const auto refund = RefundRepository(db).byNumber(document.trimmed());
        if (!refund)
            return R::failure(tr("There is no refund numbered \"%1\".").arg(shownInput(document)));
        number = refund->number;
    }

    Transaction tx(db);
    if (!tx.begun())
        return R::failure(tx.begun().error(), ErrorKind::System);
    PrintJobRepository jobs(db);
    const auto original = jobs.find(kind, number, 0);
    PrintJob job;
    job.kind = kind;
    job.document = number;
    job.printer = printer;
    job.createdAt = m_till.now();
    switch (what) {
    case Print::Original:
        if (original)
            return *original; // asked twice (a double tap): still one original
        break;
    case Print::AsNeeded:
        if (original && original->state != PrintJobState::Printed && original->state != PrintJobState::Printing) {
            if (original->state != PrintJobState::Queued)
                if (Status s = jobs.requeue(original->id, job.createdAt); !s)
                    return R::failure(s.error(), ErrorKind::System);
            if (Status s = tx.commit(); !s)
                return R::failure(s.error(), ErrorKind::System);
            return *jobs.byId(original->id);
        }
        job.copy = original ? jobs.lastCopy(kind, number) + 1 : 0;
        break;
    case Print::Copy:
        job.copy = std::max(jobs.lastCopy(kind, number), 0) + 1;
        break;
    }
    auto stored = jobs.insert(job);
    if (!stored)
        return stored;
    if (Status s = tx.commit(); !s)
        return R::failure(s.error(), ErrorKind::System);
    return stored;
}

Status PrintQueue::retry(qint64 id)
{
    const auto found = job(id);
    if (!found)
        return Status::failure(tr("There is no print job %1.").arg(id));
    if (found->state == PrintJobState::Printed)
        return Status::failure(tr("%1 has already printed; print a copy instead.").arg(title(*found)));
    if (found->state == PrintJobState::Printing)
        return Status::failure(tr("%1 is printing right now.").arg(title(*found)));
    if (found->state == PrintJobState::Queued)
        return {};
    return PrintJobRepository(m_till.database()).requeue(id, m_till.now());
}

Status PrintQueue::cancel(qint64 id)
{
    const auto found = job(id);
    if (!found)
        return Status::failure(tr("There is no print job %1.").arg(id));
    if (found->isDone() || found->state == PrintJobState::Printing)
        return Status::failure(tr("%1 can no longer be cancelled.").arg(title(*found)));
    return PrintJobRepository(m_till.database()).cancel(id);
}

std::optional<PrintJob> PrintQueue::job(qint64 id) const
{
    return PrintJobRepository(m_till.database()).byId(id);
}

QList<PrintJob> PrintQueue::unfinished() const
{
    return PrintJobRepository(m_till.database()).unfinished();
}

QList<PrintJob> PrintQueue::recent(int limit) const
{
    return PrintJobRepository(m_till.database()).recent(limit);
}

std::optional<PrintJob> PrintQueue::printNextDue()
{
    releaseAbandoned();
    PrintJobRepository jobs(m_till.database());
    // Another process (posctl beside the till) may claim the same job first: take the next.
    for (int tries = 0; tries < 8; ++tries) {
        const QDateTime now = m_till.now();
        const auto due = jobs.nextDue(now.toMSecsSinceEpoch());
        if (!due)
            return std::nullopt;
        auto claimed = jobs.claim(due->id, now.addDuration(lease).toMSecsSinceEpoch());
        if (!claimed)
            return std::nullopt; // the database is failing; the worker tries again later
        if (*claimed)
            return print(*jobs.byId(due->id));
    }
    return std::nullopt;
}

Result<PrintJob> PrintQueue::printNow(qint64 id)
{
    using R = Result<PrintJob>;
    PrintJobRepository jobs(m_till.database());
    const auto found = jobs.byId(id);
    if (!found)
        return R::failure(tr("There is no print job %1.").arg(id));
    if (found->state == PrintJobState::Printed || found->state == PrintJobState::Cancelled)
        return *found;
    auto claimed = jobs.claim(id, m_till.now().addDuration(lease).toMSecsSinceEpoch());
    if (!claimed)
        return R::failure(claimed.error(), ErrorKind::System);
    if (!*claimed)
        return R::failure(tr("%1 is printing right now.").arg(title(*found)));
    return print(*jobs.byId(id));
}

PrinterChoice PrintQueue::effectivePrinter(const PrintJob &job) const
{
    const PrinterChoice till = receiptPrinter();
    PrinterChoice choice = job.printer.isEmpty() ? till : job.printer;
    if (choice.paperMm == 0)
        choice.paperMm = till.paperMm ? till.paperMm : defaultPaperMm;
    return choice;
}

Result<printer::PrintDocument> PrintQueue::layout(const PrintJob &job, int paperMm) const
{
    using R = Result<printer::PrintDocument>;
    const ReceiptOptions options{paperMm, job.isCopy()};
    const ReceiptLayout receipt(m_till);
    if (job.kind == PrintJobKind::DayReport) {
        const QDate date = QDate::fromString(job.document.mid(2, 10), Qt::ISODate);
        const ShiftService shifts(m_till);
        if (job.document.startsWith(u"x:"_s))
            return receipt.dayReport(shifts.dayReport(date), options);
        const auto z = shifts.storedZ(date);
        if (!z)
            return R::failure(tr("There is no Z report for %1.").arg(date.toString(Qt::ISODate)));
        return receipt.dayReport(z->second, options);
    }
    if (job.kind == PrintJobKind::SaleReceipt) {
        auto order = OrderHistory(m_till).byNumber(job.document);
        if (!order)
            return R::failure(order.error());
        return receipt.sale(*order, options);
    }
    const auto refund = RefundRepository(m_till.database()).byNumber(job.document);
    if (!refund)
        return R::failure(tr("There is no refund numbered \"%1\".").arg(shownInput(job.document)));
    auto original = OrderHistory(m_till).byNumber(refund->orderNumber);
    if (!original)
        return R::failure(original.error());
    return receipt.refund(*refund, *original, options);
}

PrintJob PrintQueue::print(PrintJob job)
{
    PrintJobRepository jobs(m_till.database());
    // Failures a retry can't fix by itself (no printer set up, a bad address) wait for a person.
    auto giveUp = [&](const QString &why) {
        jobs.markFailed(job.id, why, {});
        return *jobs.byId(job.id);
    };
    const PrinterChoice choice = effectivePrinter(job);
    if (choice.isEmpty())
        return giveUp(tr("No receipt printer is set up: choose one in the settings, then retry."));
    auto device = printerFor(choice);
    if (!device)
        return giveUp(device.error());
    auto document = layout(job, device->profile().paperMm());
    if (!document)
        return giveUp(document.error());

    if (device->print(*document))
        jobs.markPrinted(job.id, m_till.now(), device->uri().toString());
    else
        jobs.markFailed(job.id, device->errorString(), nextRetry(job));
    return *jobs.byId(job.id);
}

QDateTime PrintQueue::nextRetry(const PrintJob &job) const
{
    const int doublings = std::clamp(job.attempts - 1, 0, 10);
    const auto delay = std::min<std::chrono::seconds>(firstRetry * (1 << doublings), longestRetry);
    const QDateTime next = m_till.now().addDuration(delay);
    return next <= job.createdAt.addDuration(retryWindow) ? next : QDateTime();
}

std::optional<QDateTime> PrintQueue::nextAttemptAt() const
{
    const auto ms = PrintJobRepository(m_till.database()).earliestAttempt();
    if (!ms)
        return std::nullopt;
    return QDateTime::fromMSecsSinceEpoch(*ms, m_till.timeZone());
}

int PrintQueue::releaseAbandoned()
{
    const auto released = PrintJobRepository(m_till.database())
                              .failAbandoned(m_till.now().toMSecsSinceEpoch(),
                                             tr("Printing was cut off (the till stopped); part of it may have "
                                                "printed. Retry it, or print a copy."));
    return released ? *released : 0;
}

Result<printer::Printer> PrintQueue::printerFor(const PrinterChoice &choice)
{
    using R = Result<printer::Printer>;
    QString error;
    const auto uri = printer::PrinterUri::parse(choice.uri, &error);
    if (!uri)
        return R::failure(error);
    const auto profile = printer::Printer::profileFor(*uri, choice.profile, choice.paperMm ? choice.paperMm : defaultPaperMm);
    if (!profile)
        return R::failure(tr("There is no printer profile \"%1\".").arg(shownInput(choice.profile)));
    return printer::Printer(*uri, *profile);
}

Status PrintQueue::openDrawer()
{
    const PrinterChoice choice = effectivePrinter({});
    if (choice.isEmpty())
        return Status::failure(tr("No receipt printer is set up, so the drawer can't be opened."));
    auto device = printerFor(choice);
    if (!device)
        return Status::failure(device.error());
    if (!device->pulseDrawer())
        return Status::failure(tr("The drawer did not open: %1").arg(device->errorString()), ErrorKind::System);
    return {};
}

bool PrintQueue::opensDrawer(const Order &order)
{
    return std::any_of(order.payments.cbegin(), order.payments.cend(),
                       [](const AppliedTender &t) { return t.method == PaymentMethod::Cash; });
}

bool PrintQueue::opensDrawer(const Refund &refund)
{
    return std::any_of(refund.plan.tenders.cbegin(), refund.plan.tenders.cend(),
                       [](const RefundTender &t) { return t.method == PaymentMethod::Cash; });
}

Result<PrintJob> PrintQueue::queueXReport(QDate date)
{
    if (!date.isValid())
        return Result<PrintJob>::failure(tr("That is not a date."));
    // Each X report printed is its own: the time makes it one.
    const QString document = u"x:%1@%2"_s.arg(date.toString(Qt::ISODate), m_till.now().toString(u"HH:mm:ss.zzz"_s));
    return queue(PrintJobKind::DayReport, document, Print::Original, {});
}

Result<PrintJob> PrintQueue::queueZReport(QDate date, Print what)
{
    if (!ShiftService(m_till).storedZ(date))
        return Result<PrintJob>::failure(tr("There is no Z report for %1.").arg(date.toString(Qt::ISODate)));
    return queue(PrintJobKind::DayReport, u"z:"_s + date.toString(Qt::ISODate), what, {});
}

QString PrintQueue::title(const PrintJob &job)
{
    QString name;
    switch (job.kind) {
    case PrintJobKind::RefundReceipt: name = tr("Refund receipt %1").arg(job.document); break;
    case PrintJobKind::SaleReceipt: name = tr("Receipt %1").arg(job.document); break;
    case PrintJobKind::DayReport:
        name = job.document.startsWith(u"z:"_s) ? tr("Z report %1").arg(job.document.mid(2))
                                                : tr("X report %1").arg(job.document.mid(2, 10));
        break;
    }
    return job.isCopy() ? tr("%1 (copy %2)").arg(name).arg(job.copy) : name;
}

} // namespace pos
