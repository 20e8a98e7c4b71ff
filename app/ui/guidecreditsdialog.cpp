#include "guidecreditsdialog.h"

#include "theme.h"

#include "core/money.h"
#include "services/leaderboardservice.h"
#include "services/lookupservice.h"
#include "services/till.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pos {

using namespace Qt::Literals::StringLiterals;

GuideCreditsDialog::GuideCreditsDialog(const Till &till, const QString &guideId, QDate date, QWidget *parent)
    : QDialog(parent), m_table(new QTableWidget(this)), m_why(new QLabel(this))
{
    setObjectName(u"guideCreditsDialog"_s);
    const auto guide = LookupService(till).guide(guideId);
    const QString name = guide ? guide->name : guideId;
    setWindowTitle(tr("Why %1 was credited").arg(name));
    resize(1000, 680);
    auto *v = new QVBoxLayout(this);
    auto *heading = new QLabel(tr("%1 — credits on %2").arg(name, QLocale().toString(date, QLocale::LongFormat)), this);
    heading->setObjectName(u"creditsHeading"_s);
    heading->setStyleSheet(u"font-size: 20pt; font-weight: bold;"_s);
    v->addWidget(heading);

    const QList<CreditRecord> credits = LeaderboardService(till).creditsOf(guideId, date);
    m_table->setObjectName(u"creditsTable"_s);
    m_table->setColumnCount(5);
    m_table->setHorizontalHeaderLabels({tr("Time"), tr("Receipt"), tr("Channel"), tr("Credit as"), tr("Amount")});
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(Theme::touchHeight);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_table->setRowCount(int(credits.size()));
    for (int i = 0; i < credits.size(); ++i) {
        const CreditRecord &c = credits[i];
        const QString receipt = c.refundNumber.isEmpty()
            ? c.orderNumber
            : tr("%1 (refund of %2)").arg(c.refundNumber, c.orderNumber);
        const bool exclusive = c.row.kind == attribution::CreditKind::Exclusive;
        auto *amount = new QTableWidgetItem(Money::fromFen(c.row.amount).toString());
        amount->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        if (c.row.amount < 0)
            amount->setForeground(QColor(0xc6, 0x28, 0x28));
        m_table->setItem(i, 0, new QTableWidgetItem(c.row.at.toTimeZone(till.timeZone()).toString(u"HH:mm"_s)));
        m_table->setItem(i, 1, new QTableWidgetItem(receipt));
        m_table->setItem(i, 2, new QTableWidgetItem(c.row.channel == attribution::Channel::Online ? tr("Online") : tr("Store")));
        m_table->setItem(i, 3, new QTableWidgetItem(exclusive ? tr("Exclusive guide") : tr("Sales guide")));
        m_table->setItem(i, 4, amount);
        m_table->item(i, 0)->setData(Qt::UserRole, c.row.why);
    }
    v->addWidget(m_table, 1);

    m_why->setObjectName(u"creditWhy"_s);
    m_why->setWordWrap(true);
    m_why->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_why->setStyleSheet(u"font-size: 16pt; padding: 8px; background: #f4f6f8; border-radius: 6px;"_s);
    m_why->setMinimumHeight(Theme::touchHeight * 2);
    m_why->setText(credits.isEmpty() ? tr("No credits for this guide on this day.")
                                     : tr("Touch a credit to see why it went to this guide."));
    v->addWidget(m_why);
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) {
        if (QTableWidgetItem *item = m_table->item(row, 0))
            m_why->setText(tr("Why: %1").arg(item->data(Qt::UserRole).toString()));
    });
    if (!credits.isEmpty())
        m_table->selectRow(0);

    auto *close = Theme::touchButton(tr("Close"), u"creditsCloseButton"_s, this);
    connect(close, &QPushButton::clicked, this, &QDialog::accept);
    v->addWidget(close, 0, Qt::AlignRight);
}

} // namespace pos
