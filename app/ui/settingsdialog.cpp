#include "settingsdialog.h"

#include "actiongate.h"
#include "hqdialog.h"
#include "theme.h"

#include "core/attribution/policy.h"
#include "printer/printer.h"
#include "services/attributionservice.h"
#include "services/printqueue.h"
#include "services/scanservice.h"
#include "services/settingsservice.h"
#include "services/staffservice.h"
#include "services/syncservice.h"
#include "services/till.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {

QLabel *readOnly(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

QString kindName(scanner::ScanCode::Kind kind)
{
    using K = scanner::ScanCode::Kind;
    switch (kind) {
    case K::Product: return SettingsDialog::tr("product code");
    case K::Weighted: return SettingsDialog::tr("weighed or price-labelled item");
    case K::Gs1: return SettingsDialog::tr("GS1 code");
    case K::Member: return SettingsDialog::tr("member");
    case K::Guide: return SettingsDialog::tr("guide badge");
    case K::Receipt: return SettingsDialog::tr("receipt");
    case K::BindingLink: return SettingsDialog::tr("guide-binding link");
    case K::Invalid: break;
    }
    return SettingsDialog::tr("not a valid code");
}

} // namespace

SettingsDialog::SettingsDialog(Till &till, ActionGate &gate, SyncAgent *sync, QWidget *parent)
    : QDialog(parent), m_till(till), m_gate(gate), m_sync(sync), m_tabs(new QTabWidget(this)), m_message(new QLabel(this))
{
    setObjectName(u"settingsDialog"_s);
    setWindowTitle(tr("Settings"));
    resize(900, 640);
    auto *v = new QVBoxLayout(this);
    m_tabs->setObjectName(u"settingsTabs"_s);
    m_tabs->addTab(buildStoreTab(), tr("Store and HQ"));
    m_tabs->addTab(buildReceiptTab(), tr("Receipt printer"));
    m_tabs->addTab(buildScannerTab(), tr("Scanners"));
    m_tabs->addTab(buildTillTab(), tr("Till"));
    m_tabs->addTab(buildPolicyTab(), tr("Chain policy"));
    m_tabs->addTab(buildAuditTab(), tr("Audit log"));
    v->addWidget(m_tabs, 1);
    m_message->setObjectName(u"messageLabel"_s);
    m_message->setWordWrap(true);
    v->addWidget(m_message);
    auto *buttons = new QHBoxLayout;
    auto *save = Theme::touchButton(tr("Save"), u"settingsSave"_s, this);
    auto *close = Theme::touchButton(tr("Close"), u"settingsClose"_s, this);
    connect(save, &QPushButton::clicked, this, [this] {
        if (this->save())
            accept();
    });
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    buttons->addStretch(1);
    buttons->addWidget(save);
    buttons->addWidget(close);
    v->addLayout(buttons);
}

QWidget *SettingsDialog::buildStoreTab()
{
    auto *w = new QWidget(this);
    auto *form = new QFormLayout(w);
    const StoreInfo &store = m_till.store();
    form->addRow(tr("Store"), readOnly(tr("%1 (%2)").arg(store.name, store.id), w));
    form->addRow(tr("Terminal"), readOnly(store.terminalId, w));
    form->addRow(tr("Address"), readOnly(store.address, w));
    form->addRow(tr("Time zone"), readOnly(store.timeZone, w));
    const SyncStatus status = SyncService(m_till).status();
    form->addRow(tr("HQ"), readOnly(status.enrolled ? tr("Enrolled with %1").arg(status.url) : tr("Not enrolled: the till sells on its own."), w));
    auto *hq = Theme::touchButton(tr("HQ enrolment and sync…"), u"settingsHqButton"_s, w);
    connect(hq, &QPushButton::clicked, this, [this] {
        HqDialog dialog(m_till, m_sync, this);
        dialog.exec();
    });
    form->addRow(QString(), hq);
    form->addRow(QString(), Theme::caption(tr("The store and terminal ids come from HQ enrolment and can't be changed here."), w));
    return w;
}

QWidget *SettingsDialog::buildReceiptTab()
{
    auto *w = new QWidget(this);
    auto *form = new QFormLayout(w);
    const SettingsService settings(m_till);
    m_printer = new QLineEdit(settings.value(settingKey(PrintQueue::printerKey)), w);
    m_printer->setObjectName(u"printerUri"_s);
    m_printer->setPlaceholderText(tr("usb:auto, tcp://192.168.1.87, serial:/dev/ttyUSB0?baud=19200"));
    auto *row = new QHBoxLayout;
    row->addWidget(m_printer, 1);
    auto *test = Theme::touchButton(tr("Test page"), u"printerTest"_s, w);
    connect(test, &QPushButton::clicked, this, &SettingsDialog::testPrinter);
    row->addWidget(test);
    form->addRow(tr("Printer"), row);
    m_header = new QPlainTextEdit(settings.receiptHeader().join(u'\n'), w);
    m_header->setObjectName(u"receiptHeader"_s);
    m_footer = new QPlainTextEdit(settings.receiptFooter().join(u'\n'), w);
    m_footer->setObjectName(u"receiptFooter"_s);
    for (QPlainTextEdit *edit : {m_header, m_footer})
        edit->setMaximumHeight(120);
    form->addRow(tr("Header lines"), m_header);
    form->addRow(tr("Footer lines"), m_footer);
    form->addRow(QString(), Theme::caption(tr("Up to %1 lines of %2 characters each; an empty footer prints the thank-you line.")
                                               .arg(SettingsService::maxReceiptLines)
                                               .arg(SettingsService::maxReceiptLineChars),
                                           w));
    return w;
}

QWidget *SettingsDialog::buildScannerTab()
{
    auto *w = new QWidget(this);
    auto *form = new QFormLayout(w);
    const SettingsService settings(m_till);
    m_scanner = new QLineEdit(settings.value(settingKey(ScanService::scannerDeviceKey)), w);
    m_scanner->setObjectName(u"scannerDevice"_s);
    m_scanner->setPlaceholderText(tr("empty: keyboard wedge only; hidpos:auto, serial:/dev/ttyACM0, evdev:…"));
    form->addRow(tr("Scanner device"), m_scanner);
    m_wedge = new QLineEdit(settings.value(settingKey(ScanService::wedgeKey)), w);
    m_wedge->setObjectName(u"wedgeSettings"_s);
    form->addRow(tr("Keyboard wedge"), m_wedge);
    auto *tryField = new QLineEdit(w);
    tryField->setObjectName(u"scanTest"_s);
    tryField->setPlaceholderText(tr("Scan something here to test"));
    connect(tryField, &QLineEdit::returnPressed, this, [this, tryField] {
        tryScan(tryField->text());
        tryField->clear();
    });
    form->addRow(tr("Test"), tryField);
    m_scanResult = new QLabel(w);
    m_scanResult->setObjectName(u"scanTestResult"_s);
    m_scanResult->setWordWrap(true);
    form->addRow(QString(), m_scanResult);
    form->addRow(QString(), Theme::caption(tr("A scanner device change takes effect when the till restarts."), w));
    return w;
}

QWidget *SettingsDialog::buildTillTab()
{
    auto *w = new QWidget(this);
    auto *form = new QFormLayout(w);
    const SettingsService settings(m_till);
    m_language = new QComboBox(w);
    m_language->setObjectName(u"languageChoice"_s);
    m_language->addItem(tr("As the system"), QString());
    m_language->addItem(u"中文（简体）"_s, u"zh_CN"_s);
    m_language->addItem(u"English"_s, u"en"_s);
    m_language->setCurrentIndex(qMax(0, m_language->findData(settings.language())));
    m_language->setMinimumHeight(Theme::touchHeight - 12);
    form->addRow(tr("Language (after a restart)"), m_language);
    m_idleLock = new QSpinBox(w);
    m_idleLock->setObjectName(u"idleLockMinutes"_s);
    m_idleLock->setRange(0, 240);
    m_idleLock->setSuffix(tr(" min"));
    m_idleLock->setSpecialValueText(tr("never"));
    m_idleLock->setValue(settings.idleLockMinutes());
    form->addRow(tr("Lock when idle for"), m_idleLock);
    m_discountLimit = new QSpinBox(w);
    m_discountLimit->setObjectName(u"discountLimit"_s);
    m_discountLimit->setRange(0, 100);
    m_discountLimit->setSuffix(u" %"_s);
    m_discountLimit->setValue(settings.discountLimitPercent());
    form->addRow(tr("Cashier's discount limit"), m_discountLimit);
    for (QSpinBox *box : {m_idleLock, m_discountLimit})
        box->setMinimumHeight(Theme::touchHeight - 12);
    QStringList staff;
    for (const StaffMember &m : StaffService(m_till).all())
        staff.append(tr("%1 %2 (%3)").arg(m.id, m.name, roleKey(m.role)));
    form->addRow(tr("Staff"), readOnly(staff.isEmpty() ? tr("Nobody set up: anyone may use the till.") : staff.join(u'\n'), w));
    form->addRow(QString(), Theme::caption(tr("Staff and PINs are set up with posctl staff add."), w));
    return w;
}

QWidget *SettingsDialog::buildPolicyTab()
{
    auto *w = new QWidget(this);
    auto *form = new QFormLayout(w);
    const std::string json = attribution::policyToJson(AttributionService(m_till).policy());
    const QJsonObject p = QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
    const QList<std::pair<QString, QString>> rows = {
        {u"version"_s, tr("Version")},
        {u"credit_mode"_s, tr("Who is credited")},
        {u"exclusive_share_pct"_s, tr("Exclusive guide's share (%)")},
        {u"validity_days"_s, tr("Binding valid for (days)")},
        {u"protection_days"_s, tr("Protection period (days)")},
        {u"rebind_rule"_s, tr("Rebinding")},
        {u"click_window_hours"_s, tr("Last-click window (hours)")},
        {u"tz"_s, tr("Time zone")},
    };
    const QMap<QString, QString> words = {
        {u"exclusive_first"_s, tr("exclusive guide first")}, {u"sales_first"_s, tr("sales guide first")},
        {u"split"_s, tr("split between both")},             {u"sales_only"_s, tr("sales guide only")},
        {u"earliest"_s, tr("the first binding stays")},     {u"latest"_s, tr("the latest binding wins")},
    };
    for (const auto &[field, label] : rows) {
        const QJsonValue value = p.value(field);
        const QString text = value.isNull()     ? tr("permanent")
                             : value.isDouble() ? QString::number(value.toInt())
                                                : words.value(value.toString(), value.toString());
        auto *shown = readOnly(text, w);
        shown->setObjectName(u"policy_"_s + field);
        form->addRow(label, shown);
    }
    form->addRow(QString(), Theme::caption(tr("HQ sets the chain's policy; the till applies it and can't change it."), w));
    return w;
}

QWidget *SettingsDialog::buildAuditTab()
{
    const QList<AuditEntry> entries = StaffService(m_till).auditLog(200);
    auto *table = new QTableWidget(int(entries.size()), 5, this);
    table->setObjectName(u"auditTable"_s);
    table->setHorizontalHeaderLabels({tr("When"), tr("Who"), tr("What"), tr("About"), tr("Approved by")});
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    for (int r = 0; r < entries.size(); ++r) {
        const AuditEntry &e = entries[r];
        const QString when = QDateTime::fromString(e.at, Qt::ISODate).toString(u"MM-dd HH:mm:ss"_s);
        const QString about = e.detail.isEmpty() ? e.subject : tr("%1 %2").arg(e.subject, e.detail).trimmed();
        const QStringList cells{when, e.actor, e.action, about, e.approvedBy};
        for (int c = 0; c < cells.size(); ++c)
            table->setItem(r, c, new QTableWidgetItem(cells[c]));
    }
    return table;
}

QMap<QString, QString> SettingsDialog::edited() const
{
    return {
        {settingKey(SettingsService::receiptHeaderKey), m_header->toPlainText()},
        {settingKey(SettingsService::receiptFooterKey), m_footer->toPlainText()},
        {settingKey(SettingsService::languageKey), m_language->currentData().toString()},
        {settingKey(SettingsService::idleLockKey), QString::number(m_idleLock->value())},
        {settingKey(SettingsService::discountLimitKey), QString::number(m_discountLimit->value())},
        {settingKey(PrintQueue::printerKey), m_printer->text().trimmed()},
        {settingKey(ScanService::scannerDeviceKey), m_scanner->text().trimmed()},
        {settingKey(ScanService::wedgeKey), m_wedge->text().trimmed()},
    };
}

bool SettingsDialog::save()
{
    SettingsService settings(m_till);
    QStringList refused;
    const QMap<QString, QString> values = edited();
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        if (settings.value(it.key()) == it.value())
            continue;
        if (Status s = settings.set(it.key(), it.value(), m_gate.operatorId()); !s)
            refused.append(s.error());
    }
    if (!refused.isEmpty()) {
        showMessage(tr("Not saved: %1").arg(refused.join(u' ')), true);
        return false;
    }
    showMessage(tr("Saved."), false);
    return true;
}

void SettingsDialog::testPrinter()
{
    const QString uri = m_printer->text().trimmed();
    if (uri.isEmpty()) {
        showMessage(tr("Type the printer's address first."), true);
        return;
    }
    PrinterChoice choice = PrintQueue(m_till).receiptPrinter();
    choice.uri = uri;
    auto device = PrintQueue::printerFor(choice);
    if (!device) {
        showMessage(device.error(), true);
        return;
    }
    if (!device->print(printer::testPage(device->profile(), device->uri().toString()))) {
        showMessage(tr("The test page did not print: %1").arg(device->errorString()), true);
        return;
    }
    showMessage(tr("Test page printed on %1.").arg(device->uri().toString()), false);
}

void SettingsDialog::tryScan(const QString &code)
{
    const ScanService scans(m_till);
    const scanner::ScanCode parsed = scans.parse(code);
    QString text = tr("Read: %1 — %2").arg(parsed.text.left(60), kindName(parsed.kind));
    if (parsed.kind == scanner::ScanCode::Kind::Invalid)
        text += u" ("_s + parsed.error + u')';
    if (parsed.kind == scanner::ScanCode::Kind::Product || parsed.kind == scanner::ScanCode::Kind::Weighted
        || parsed.kind == scanner::ScanCode::Kind::Gs1) {
        const auto item = scans.product(parsed);
        text += u" · "_s + (item ? tr("%1 %2").arg(item->name, item->price.toString()) : item.error());
    }
    Theme::showMessage(m_scanResult, text, parsed.kind == scanner::ScanCode::Kind::Invalid);
}

void SettingsDialog::showMessage(const QString &text, bool error)
{
    Theme::showMessage(m_message, text, error);
}

} // namespace pos
