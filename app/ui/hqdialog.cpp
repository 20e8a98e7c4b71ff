#include "hqdialog.h"

#include "theme.h"

#include "services/syncagent.h"
#include "services/syncservice.h"
#include "services/till.h"

#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace pos {

using namespace Qt::Literals::StringLiterals;

HqDialog::HqDialog(Till &till, SyncAgent *agent, QWidget *parent)
    : QDialog(parent), m_till(till), m_agent(agent), m_state(new QLabel(this)), m_url(new QLineEdit(this)),
      m_code(new QLineEdit(this)), m_ca(new QLineEdit(this)), m_message(new QLabel(this))
{
    setObjectName(u"hqDialog"_s);
    setWindowTitle(tr("Headquarters"));
    setMinimumWidth(720);
    auto *v = new QVBoxLayout(this);
    m_state->setObjectName(u"hqState"_s);
    m_state->setWordWrap(true);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    v->addWidget(m_state);

    auto *form = new QFormLayout;
    m_url->setObjectName(u"hqUrl"_s);
    m_url->setPlaceholderText(u"https://hq.example.com:8443"_s);
    m_code->setObjectName(u"hqCode"_s);
    m_code->setPlaceholderText(tr("The one-time code from HQ (pos-hq enroll)"));
    m_ca->setObjectName(u"hqCa"_s);
    m_ca->setPlaceholderText(tr("The chain's CA certificate (PEM file)"));
    for (QLineEdit *field : {m_url, m_code, m_ca}) {
        field->setMinimumHeight(Theme::touchHeight - 12);
        field->setAttribute(Qt::WA_InputMethodEnabled, false); // addresses and codes: Latin only
    }
    auto *caRow = new QHBoxLayout;
    auto *browse = Theme::touchButton(tr("Choose…"), u"hqChooseCa"_s, this);
    connect(browse, &QPushButton::clicked, this, &HqDialog::chooseCa);
    caRow->addWidget(m_ca, 1);
    caRow->addWidget(browse);
    form->addRow(tr("HQ address"), m_url);
    form->addRow(tr("Enrolment code"), m_code);
    form->addRow(tr("Chain CA"), caRow);
    v->addLayout(form);

    m_message->setObjectName(u"hqMessage"_s);
    m_message->setWordWrap(true);
    m_message->setMinimumHeight(40);
    v->addWidget(m_message);

    auto *buttons = new QHBoxLayout;
    auto *enrol = Theme::touchButton(tr("Enrol"), u"hqEnrol"_s, this);
    auto *syncNow = Theme::touchButton(tr("Sync now"), u"hqSyncNow"_s, this);
    auto *close = Theme::touchButton(tr("Close"), u"hqClose"_s, this);
    connect(enrol, &QPushButton::clicked, this, &HqDialog::enroll);
    connect(syncNow, &QPushButton::clicked, this, [this] {
        if (m_agent)
            m_agent->syncNow();
        Theme::showMessage(m_message, tr("Syncing… the status bar shows the outcome."), false);
    });
    connect(close, &QPushButton::clicked, this, &QDialog::accept);
    buttons->addWidget(enrol);
    buttons->addWidget(syncNow);
    buttons->addStretch(1);
    buttons->addWidget(close);
    v->addLayout(buttons);
    if (m_agent)
        connect(m_agent, &SyncAgent::statusChanged, this, &HqDialog::refresh);
    m_url->setText(SyncService(m_till).status().url);
    refresh();
}

void HqDialog::refresh()
{
    m_state->setText(SyncService::describe(SyncService(m_till).status()).join(u'\n'));
}

void HqDialog::chooseCa()
{
    QFileDialog files(this, tr("The chain's CA certificate"));
    files.setOption(QFileDialog::DontUseNativeDialog);
    files.setFileMode(QFileDialog::ExistingFile);
    files.setNameFilter(tr("Certificates (*.pem *.crt)"));
    if (files.exec() == QDialog::Accepted && !files.selectedFiles().isEmpty())
        m_ca->setText(files.selectedFiles().constFirst());
}

bool HqDialog::enroll()
{
    QFile ca(m_ca->text().trimmed());
    if (!ca.open(QIODevice::ReadOnly)) {
        Theme::showMessage(m_message, tr("Cannot read the CA file %1.").arg(ca.fileName()), true);
        return false;
    }
    if (Status s = SyncService(m_till).enroll(m_url->text().trimmed(), m_code->text().trimmed(), ca.readAll()); !s) {
        Theme::showMessage(m_message, s.error(), true);
        return false;
    }
    m_code->clear(); // used up
    Theme::showMessage(m_message, tr("Enrolled with HQ as %1/%2.").arg(m_till.store().id, m_till.store().terminalId), false);
    if (m_agent)
        m_agent->syncNow();
    refresh();
    return true;
}

} // namespace pos
