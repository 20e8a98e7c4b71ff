#include "shiftdialog.h"

#include "actiongate.h"
#include "theme.h"

#include "printer/escposencoder.h"
#include "printer/escposrenderer.h"
#include "services/printspooler.h"
#include "services/receiptlayout.h"
#include "services/shiftservice.h"
#include "services/till.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {

// The blind count: how many of each note and coin are in the drawer. The till does not say
// what it expects until the count is in. Returns the count as ShiftService reads it.
std::optional<QString> askCount(QWidget *parent)
{
    static const QList<std::pair<QString, QString>> kinds = {
        {u"100"_s, u"¥100"_s}, {u"50"_s, u"¥50"_s}, {u"20"_s, u"¥20"_s}, {u"10"_s, u"¥10"_s},
        {u"5"_s, u"¥5"_s},     {u"1"_s, u"¥1"_s},   {u"0.5"_s, u"¥0.5"_s}, {u"0.1"_s, u"¥0.1"_s},
    };
    QDialog dialog(parent);
    dialog.setObjectName(u"cashCountDialog"_s);
    dialog.setWindowTitle(ShiftDialog::tr("Count the drawer"));
    auto *v = new QVBoxLayout(&dialog);
    v->addWidget(new QLabel(ShiftDialog::tr("Count the notes and coins in the drawer. The till shows what it expected "
                                            "only after the count."),
                            &dialog));
    auto *grid = new QGridLayout;
    QList<QSpinBox *> boxes;
    for (int i = 0; i < kinds.size(); ++i) {
        auto *box = new QSpinBox(&dialog);
        box->setObjectName(u"count_"_s + kinds[i].first);
        box->setRange(0, 100000);
        box->setMinimumHeight(Theme::touchHeight - 12);
        box->setMinimumWidth(140);
        grid->addWidget(new QLabel(kinds[i].second, &dialog), i / 2, (i % 2) * 2);
        grid->addWidget(box, i / 2, (i % 2) * 2 + 1);
        boxes.append(box);
    }
    v->addLayout(grid);
    auto *buttons = new QHBoxLayout;
    auto *ok = Theme::touchButton(ShiftDialog::tr("Close the shift"), u"countConfirm"_s, &dialog);
    auto *cancel = Theme::touchButton(ShiftDialog::tr("Cancel"), u"countCancel"_s, &dialog);
    QObject::connect(ok, &QPushButton::clicked, &dialog, &QDialog::accept);
    QObject::connect(cancel, &QPushButton::clicked, &dialog, &QDialog::reject);
    buttons->addWidget(ok);
    buttons->addStretch(1);
    buttons->addWidget(cancel);
    v->addLayout(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    QStringList parts;
    for (int i = 0; i < kinds.size(); ++i)
        if (boxes[i]->value() > 0)
            parts.append(u"%1x%2"_s.arg(kinds[i].first).arg(boxes[i]->value()));
    return parts.join(u',');
}

} // namespace

ShiftDialog::ShiftDialog(Till &till, ActionGate &gate, PrintSpooler &spooler, QWidget *parent)
    : QDialog(parent), m_till(till), m_gate(gate), m_spooler(spooler), m_status(new QLabel(this)),
      m_message(new QLabel(this))
{
    setObjectName(u"shiftDialog"_s);
    setWindowTitle(tr("Shift and day"));
    setMinimumWidth(640);
    auto *v = new QVBoxLayout(this);
    m_status->setObjectName(u"shiftStatus"_s);
    m_status->setWordWrap(true);
    v->addWidget(m_status);

    auto *grid = new QGridLayout;
    m_open = Theme::touchButton(tr("Open shift…"), u"openShiftButton"_s, this);
    m_cashIn = Theme::touchButton(tr("Cash in…"), u"cashInButton"_s, this);
    m_cashOut = Theme::touchButton(tr("Cash out…"), u"cashOutButton"_s, this);
    m_close = Theme::touchButton(tr("Close shift…"), u"closeShiftButton"_s, this);
    auto *x = Theme::touchButton(tr("X report"), u"xReportButton"_s, this);
    m_z = Theme::touchButton(tr("Z report (close the day)…"), u"zReportButton"_s, this);
    auto *reprintZ = Theme::touchButton(tr("Reprint today's Z"), u"reprintZButton"_s, this);
    auto *done = Theme::touchButton(tr("Done"), u"shiftDoneButton"_s, this);
    connect(m_open, &QPushButton::clicked, this, &ShiftDialog::openShift);
    connect(m_cashIn, &QPushButton::clicked, this, [this] { moveCash(true); });
    connect(m_cashOut, &QPushButton::clicked, this, [this] { moveCash(false); });
    connect(m_close, &QPushButton::clicked, this, &ShiftDialog::closeShift);
    connect(x, &QPushButton::clicked, this, &ShiftDialog::showXReport);
    connect(m_z, &QPushButton::clicked, this, &ShiftDialog::makeZReport);
    connect(reprintZ, &QPushButton::clicked, this, [this] {
        if (!m_gate.permit(Action::Reprint, u"Z"_s, tr("Reprinting the Z report"), this))
            return;
        auto job = m_spooler.print(m_spooler.queue().queueZReport(m_till.now().date(), PrintQueue::Print::Copy));
        showMessage(job ? tr("A copy of the Z report is printing.") : job.error(), !job);
    });
    connect(done, &QPushButton::clicked, this, &QDialog::accept);
    grid->addWidget(m_open, 0, 0);
    grid->addWidget(m_close, 0, 1);
    grid->addWidget(m_cashIn, 1, 0);
    grid->addWidget(m_cashOut, 1, 1);
    grid->addWidget(x, 2, 0);
    grid->addWidget(m_z, 2, 1);
    grid->addWidget(reprintZ, 3, 0);
    grid->addWidget(done, 3, 1);
    v->addLayout(grid);
    m_message->setObjectName(u"messageLabel"_s);
    m_message->setWordWrap(true);
    m_message->setMinimumHeight(48);
    v->addWidget(m_message);
    refresh();
}

void ShiftDialog::refresh()
{
    const auto current = ShiftService(m_till).current();
    if (current) {
        // Blind: the expected cash is not shown while the shift is open.
        m_status->setText(tr("Shift %1 open since %2 (%3), float %4.")
                              .arg(current->shift.id)
                              .arg(QDateTime::fromString(current->shift.openedAt, Qt::ISODate).toString(u"MM-dd HH:mm"_s),
                                   current->shift.openedBy, Money::fromFen(current->shift.floatFen).toString()));
    } else {
        m_status->setText(tr("No shift is open. Open one with the float in the drawer before selling cash."));
    }
    m_open->setEnabled(!current);
    m_cashIn->setEnabled(bool(current));
    m_cashOut->setEnabled(bool(current));
    m_close->setEnabled(bool(current));
    m_z->setEnabled(!current);
}

void ShiftDialog::openShift()
{
    bool ok = false;
    const QString text = QInputDialog::getText(this, tr("Open shift"), tr("Opening float in the drawer (¥):"),
                                               QLineEdit::Normal, u"500"_s, &ok);
    if (!ok)
        return;
    const auto amount = Money::parse(text);
    if (!amount) {
        showMessage(tr("That is not an amount: %1").arg(text.left(20)), true);
        return;
    }
    auto shift = ShiftService(m_till).open(*amount, m_gate.operatorId());
    if (shift)
        m_gate.record(u"shift.open"_s, QString::number(shift->id), amount->toString());
    showMessage(shift ? tr("Shift %1 open with a float of %2.").arg(shift->id).arg(amount->toString()) : shift.error(), !shift);
    refresh();
}

void ShiftDialog::moveCash(bool in)
{
    bool ok = false;
    const QString text = QInputDialog::getText(this, in ? tr("Cash in") : tr("Cash out"), tr("Amount (¥):"),
                                               QLineEdit::Normal, {}, &ok);
    if (!ok)
        return;
    const auto amount = Money::parse(text);
    if (!amount || amount->isZero()) {
        showMessage(tr("That is not an amount: %1").arg(text.left(20)), true);
        return;
    }
    const QString reason = QInputDialog::getText(this, in ? tr("Cash in") : tr("Cash out"),
                                                 tr("Reason (change from the bank, flowers, …):"), QLineEdit::Normal, {}, &ok);
    if (!ok)
        return;
    const qint64 fen = in ? amount->fen() : -amount->fen();
    Status s = ShiftService(m_till).cash(fen, reason.trimmed());
    if (s)
        m_gate.record(in ? u"cash.in"_s : u"cash.out"_s, {}, tr("%1 %2").arg(amount->toString(), reason.trimmed()));
    showMessage(s ? (in ? tr("%1 put in: %2").arg(amount->toString(), reason.trimmed())
                        : tr("%1 taken out: %2").arg(amount->toString(), reason.trimmed()))
                  : s.error(),
                !s);
}

void ShiftDialog::closeShift()
{
    if (!m_gate.permit(Action::CloseShift, {}, tr("Closing the shift"), this))
        return;
    const auto count = askCount(this);
    if (!count)
        return;
    auto closed = ShiftService(m_till).close(*count, m_gate.operatorId());
    if (!closed) {
        showMessage(closed.error(), true);
        return;
    }
    const qint64 difference = closed->shift.countedFen - closed->expectedFen;
    const QString result = tr("Expected %1, counted %2, difference %3.")
                               .arg(Money::fromFen(closed->expectedFen).toString(),
                                    Money::fromFen(closed->shift.countedFen).toString(),
                                    Money::fromFen(difference).toString());
    showMessage(tr("Shift %1 closed. %2").arg(closed->shift.id).arg(result), difference != 0);
    refresh();
}

void ShiftDialog::showXReport()
{
    showReport(tr("X report"), ShiftService(m_till).dayReport(m_till.now().date()));
}

void ShiftDialog::makeZReport()
{
    if (!m_gate.permit(Action::CloseShift, u"Z"_s, tr("Closing the business day"), this))
        return;
    const QDate today = m_till.now().date();
    const auto answer = QMessageBox::question(this, tr("Close the business day?"),
                                              tr("The Z report for %1 closes the day. It can be reprinted but never made again.")
                                                  .arg(today.toString(Qt::ISODate)));
    if (answer != QMessageBox::Yes)
        return;
    auto z = ShiftService(m_till).makeZ(today);
    if (!z) {
        showMessage(z.error(), true);
        return;
    }
    m_gate.record(u"z.report"_s, QString::number(z->first), today.toString(Qt::ISODate));
    auto job = m_spooler.print(m_spooler.queue().queueZReport(today, PrintQueue::Print::Original));
    showMessage(job ? tr("Z report %1 made and printing.").arg(z->first) : job.error(), !job);
    showReport(tr("Z report %1").arg(z->first), z->second);
}

void ShiftDialog::showReport(const QString &title, const QJsonObject &report)
{
    // Shown as the printer will print it: the same layout, encoded and drawn back.
    const printer::PrinterProfile profile = printer::Profiles::generic(80);
    const QByteArray bytes = printer::EscPosEncoder(profile).encode(ReceiptLayout(m_till).dayReport(report, {.paperMm = 80}));
    const QImage page = printer::EscPosRenderer(profile).render(bytes);

    QDialog view(this);
    view.setObjectName(u"reportPreview"_s);
    view.setWindowTitle(title);
    auto *v = new QVBoxLayout(&view);
    auto *scroll = new QScrollArea(&view);
    auto *image = new QLabel(scroll);
    image->setObjectName(u"reportImage"_s);
    image->setPixmap(QPixmap::fromImage(page));
    scroll->setWidget(image);
    scroll->setMinimumSize(page.width() + 24, 560);
    v->addWidget(scroll, 1);
    auto *buttons = new QHBoxLayout;
    auto *print = Theme::touchButton(tr("Print"), u"reportPrint"_s, &view);
    auto *close = Theme::touchButton(tr("Close"), u"reportClose"_s, &view);
    const bool isX = !report.contains(u"z"_s);
    print->setVisible(isX); // a Z prints when it is made; copies through Reprint
    connect(print, &QPushButton::clicked, &view, [&] {
        auto job = m_spooler.print(m_spooler.queue().queueXReport(m_till.now().date()));
        showMessage(job ? tr("The X report is printing.") : job.error(), !job);
        view.accept();
    });
    connect(close, &QPushButton::clicked, &view, &QDialog::reject);
    buttons->addWidget(print);
    buttons->addStretch(1);
    buttons->addWidget(close);
    v->addLayout(buttons);
    view.exec();
}

void ShiftDialog::showMessage(const QString &text, bool error)
{
    Theme::showMessage(m_message, text, error);
}

} // namespace pos
