#include "leaderboarddialog.h"

#include "guidecreditsdialog.h"
#include "theme.h"

#include "services/leaderboardservice.h"
#include "services/lookupservice.h"
#include "services/till.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {

QString money(qint64 fen)
{
    return Money::fromFen(fen).toString();
}

QString signedMoney(qint64 fen)
{
    return (fen > 0 ? u"+"_s : QString()) + Money::fromFen(fen).toString();
}

QTableWidget *table(const QString &objectName, const QStringList &headers, QWidget *parent)
{
    auto *t = new QTableWidget(parent);
    t->setObjectName(objectName);
    t->setColumnCount(int(headers.size()));
    t->setHorizontalHeaderLabels(headers);
    t->verticalHeader()->setVisible(false);
    t->verticalHeader()->setDefaultSectionSize(Theme::touchHeight);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionMode(QAbstractItemView::NoSelection);
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    return t;
}

QTableWidgetItem *cell(const QString &text, bool number = false)
{
    auto *item = new QTableWidgetItem(text);
    if (number)
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

LeaderboardDialog::LeaderboardDialog(const Till &till, QWidget *parent)
    : QDialog(parent), m_till(till), m_tabs(new QTabWidget(this))
{
    setObjectName(u"leaderboardDialog"_s);
    setWindowTitle(tr("Guide leaderboard"));
    resize(1200, 760);
    auto *v = new QVBoxLayout(this);
    m_tabs->addTab(buildDayTab(), tr("Day"));
    m_tabs->addTab(buildMonthTab(), tr("Month"));
    m_tabs->addTab(buildMineTab(), tr("My performance"));
    v->addWidget(m_tabs, 1);
    auto *close = Theme::touchButton(tr("Close"), u"leaderboardCloseButton"_s, this);
    connect(close, &QPushButton::clicked, this, &QDialog::accept);
    v->addWidget(close, 0, Qt::AlignRight);
    showDay(till.now().date());
}

QWidget *LeaderboardDialog::buildDayTab()
{
    auto *w = new QWidget(this);
    auto *v = new QVBoxLayout(w);
    auto *nav = new QHBoxLayout;
    auto *previous = Theme::touchButton(tr("◀ Previous day"), u"previousDayButton"_s, w);
    auto *today = Theme::touchButton(tr("Today"), u"todayButton"_s, w);
    auto *next = Theme::touchButton(tr("Next day ▶"), u"nextDayButton"_s, w);
    m_dayLabel = new QLabel(w);
    m_dayLabel->setObjectName(u"leaderboardDate"_s);
    m_dayLabel->setStyleSheet(u"font-size: 20pt; font-weight: bold;"_s);
    connect(previous, &QPushButton::clicked, this, [this] { showDay(m_day.addDays(-1)); });
    connect(next, &QPushButton::clicked, this, [this] { showDay(m_day.addDays(1)); });
    connect(today, &QPushButton::clicked, this, [this] { showDay(m_till.now().date()); });
    nav->addWidget(previous);
    nav->addWidget(m_dayLabel, 1, Qt::AlignCenter);
    nav->addWidget(today);
    nav->addWidget(next);
    v->addLayout(nav);
    m_dayTable = table(u"leaderboardTable"_s,
                       {tr("Rank"), tr("Guide"), tr("Store"), tr("Online"), tr("Total"), tr("Orders"), tr("Members"),
                        tr("vs day before"), QString()},
                       w);
    m_dayTable->horizontalHeader()->setSectionResizeMode(8, QHeaderView::Stretch);
    m_dayTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_dayTable->setSelectionMode(QAbstractItemView::SingleSelection);
    v->addWidget(m_dayTable, 1);
    auto *footer = new QHBoxLayout;
    m_onlineNote = new QLabel(w);
    m_onlineNote->setObjectName(u"onlineNote"_s);
    m_onlineNote->setProperty("class", u"caption"_s);
    m_onlineNote->setWordWrap(true);
    footer->addWidget(m_onlineNote, 1);
    m_whyButton = Theme::touchButton(tr("Why? Credits of this guide"), u"whyButton"_s, w);
    m_whyButton->setEnabled(false);
    connect(m_dayTable, &QTableWidget::itemSelectionChanged, this,
            [this] { m_whyButton->setEnabled(!m_dayTable->selectedItems().isEmpty()); });
    connect(m_whyButton, &QPushButton::clicked, this, &LeaderboardDialog::showCreditsOfSelected);
    connect(m_dayTable, &QTableWidget::cellDoubleClicked, this, &LeaderboardDialog::showCreditsOfSelected);
    footer->addWidget(m_whyButton);
    v->addLayout(footer);
    return w;
}

QWidget *LeaderboardDialog::buildMonthTab()
{
    auto *w = new QWidget(this);
    auto *v = new QVBoxLayout(w);
    m_monthLabel = new QLabel(w);
    m_monthLabel->setObjectName(u"monthLabel"_s);
    m_monthLabel->setWordWrap(true);
    v->addWidget(m_monthLabel);
    m_monthTable = table(u"monthTable"_s,
                         {tr("Rank"), tr("Guide"), tr("Month total"), tr("Orders"), tr("Commission so far"),
                          tr("Target tier"), tr("To next tier")},
                         w);
    m_monthTable->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    v->addWidget(m_monthTable, 1);
    return w;
}

QWidget *LeaderboardDialog::buildMineTab()
{
    auto *w = new QWidget(this);
    auto *v = new QVBoxLayout(w);
    m_guidePicker = new QComboBox(w);
    m_guidePicker->setObjectName(u"guidePicker"_s);
    m_guidePicker->setMinimumHeight(Theme::touchHeight);
    for (const Guide &g : LookupService(m_till).activeGuides())
        m_guidePicker->addItem(g.name + u" (" + g.id + u')', g.id);
    connect(m_guidePicker, &QComboBox::currentIndexChanged, this, &LeaderboardDialog::refreshMine);
    v->addWidget(m_guidePicker);
    m_mine = new QLabel(w);
    m_mine->setObjectName(u"myPerformance"_s);
    m_mine->setStyleSheet(u"font-size: 20pt;"_s);
    m_mine->setWordWrap(true);
    m_mine->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    v->addWidget(m_mine, 1);
    return w;
}

void LeaderboardDialog::showDay(QDate date)
{
    m_day = date;
    const QLocale locale;
    m_dayLabel->setText(locale.toString(date, QLocale::LongFormat));
    const LeaderboardDay board = LeaderboardService(m_till).day(date);
    qint64 top = 1;
    for (const auto &r : board.rows)
        top = std::max(top, r.total);
    m_dayTable->setRowCount(int(board.rows.size()));
    for (int i = 0; i < board.rows.size(); ++i) {
        const attribution::LeaderboardRow &r = board.rows[i];
        m_dayTable->setItem(i, 0, cell(QString::number(r.rank), true));
        m_dayTable->setItem(i, 1, cell(r.name));
        m_dayTable->item(i, 1)->setData(Qt::UserRole, r.guide);
        m_dayTable->setItem(i, 2, cell(money(r.storeAmount), true));
        m_dayTable->setItem(i, 3, cell(board.onlineAsOf ? money(r.onlineAmount) : tr("—"), true));
        m_dayTable->setItem(i, 4, cell(money(r.total), true));
        m_dayTable->setItem(i, 5, cell(QString::number(r.orders), true));
        m_dayTable->setItem(i, 6, cell(QString::number(r.members), true));
        m_dayTable->setItem(i, 7, cell(signedMoney(r.delta), true));
        auto *bar = new QProgressBar(m_dayTable);
        bar->setTextVisible(false);
        bar->setRange(0, 1000);
        bar->setValue(int(std::max<qint64>(r.total, 0) * 1000 / top));
        m_dayTable->setCellWidget(i, 8, bar);
    }
    m_onlineNote->setText(board.onlineAsOf
                              ? tr("Online figures from HQ as of %1.").arg(board.onlineAsOf->toString(u"yyyy-MM-dd HH:mm"_s))
                              : tr("Online figures: none from HQ yet — this till is offline; amounts are the store's own sales."));
    refreshMonth();
    refreshMine();
}

void LeaderboardDialog::showCreditsOfSelected()
{
    const int row = m_dayTable->currentRow();
    if (row < 0 || !m_dayTable->item(row, 1))
        return;
    GuideCreditsDialog credits(m_till, m_dayTable->item(row, 1)->data(Qt::UserRole).toString(), m_day, this);
    credits.exec();
}

void LeaderboardDialog::refreshMonth()
{
    const LeaderboardMonth month = LeaderboardService(m_till).month(m_day);
    QString heading = tr("%1 — commission so far, and the month's target").arg(month.month.toString(u"yyyy-MM"_s));
    if (month.target)
        heading += u'\n' + tr("Target \"%1\": %n tier(s), paid out %2", nullptr, int(month.target->tiers.size()))
                               .arg(month.target->name, month.target->payoutAt.toString(u"yyyy-MM-dd"_s));
    m_monthLabel->setText(heading);
    m_monthTable->setRowCount(int(month.guides.size()));
    for (int i = 0; i < month.guides.size(); ++i) {
        const GuideMonth &g = month.guides[i];
        m_monthTable->setItem(i, 0, cell(QString::number(i + 1), true));
        m_monthTable->setItem(i, 1, cell(g.name));
        m_monthTable->setItem(i, 2, cell(money(g.total), true));
        m_monthTable->setItem(i, 3, cell(QString::number(g.orders), true));
        m_monthTable->setItem(i, 4, cell(money(g.commission), true));
        m_monthTable->setItem(i, 5, cell(month.target ? (g.tier > 0 ? tr("Tier %1 (%2)").arg(g.tier).arg(money(g.reward)) : tr("None yet"))
                                                      : tr("No target"), false));
        m_monthTable->setItem(i, 6, cell(g.toNextTier >= 0 ? money(g.toNextTier) : tr("—"), true));
    }
}

void LeaderboardDialog::refreshMine()
{
    const QString id = m_guidePicker->currentData().toString();
    if (id.isEmpty()) {
        m_mine->clear();
        return;
    }
    const LeaderboardService service(m_till);
    const LeaderboardDay day = service.day(m_day);
    const LeaderboardMonth month = service.month(m_day);
    const auto d = std::find_if(day.rows.cbegin(), day.rows.cend(), [&](const auto &r) { return r.guide == id; });
    const auto m = std::find_if(month.guides.cbegin(), month.guides.cend(), [&](const auto &g) { return g.guide == id; });
    QStringList lines;
    if (d != day.rows.cend())
        lines << tr("%1: %2, %3 orders, %4 members, rank %5 of %6")
                     .arg(m_day.toString(Qt::ISODate), money(d->total)).arg(d->orders).arg(d->members).arg(d->rank)
                     .arg(day.rows.size());
    if (m != month.guides.cend()) {
        lines << tr("This month: %1, commission so far %2").arg(money(m->total), money(m->commission));
        if (month.target)
            lines << (m->toNextTier >= 0 ? tr("Target: tier %1 reached, %2 to tier %3").arg(m->tier).arg(money(m->toNextTier)).arg(m->tier + 1)
                                         : tr("Target: top tier %1 reached (%2)").arg(m->tier).arg(money(m->reward)));
    }
    m_mine->setText(lines.join(u'\n'));
}

} // namespace pos
