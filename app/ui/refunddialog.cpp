#include "refunddialog.h"

#include "theme.h"

#include "services/lookupservice.h"
#include "services/refundservice.h"
#include "services/till.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pos {

using namespace Qt::Literals::StringLiterals;

RefundDialog::RefundDialog(const Till &till, QWidget *parent)
    : QDialog(parent), m_till(till), m_number(new QLineEdit(this)), m_lines(new QTableWidget(this)),
      m_orderInfo(new QLabel(this)), m_planLabel(new QLabel(this)), m_message(new QLabel(this))
{
    setObjectName(u"refundDialog"_s);
    setWindowTitle(tr("Refund"));
    resize(980, 640);
    auto *v = new QVBoxLayout(this);

    auto *find = new QHBoxLayout;
    m_number->setObjectName(u"refundNumberInput"_s);
    m_number->setPlaceholderText(tr("Scan the receipt or type the order number"));
    m_number->setMinimumHeight(Theme::touchHeight);
    connect(m_number, &QLineEdit::returnPressed, this, [this] { findOrder(m_number->text()); });
    auto *findButton = Theme::touchButton(tr("Find"), u"refundFindButton"_s, this);
    connect(findButton, &QPushButton::clicked, this, [this] { findOrder(m_number->text()); });
    find->addWidget(m_number, 1);
    find->addWidget(findButton);
    v->addLayout(find);

    m_orderInfo->setObjectName(u"refundOrderInfo"_s);
    m_orderInfo->setWordWrap(true);
    v->addWidget(m_orderInfo);

    m_lines->setObjectName(u"refundLines"_s);
    m_lines->setColumnCount(5);
    m_lines->setHorizontalHeaderLabels({tr("Product"), tr("Sold"), tr("Refunded"), tr("Amount"), tr("Refund now")});
    m_lines->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_lines->verticalHeader()->setVisible(false);
    m_lines->verticalHeader()->setDefaultSectionSize(Theme::touchHeight);
    m_lines->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_lines->setSelectionMode(QAbstractItemView::NoSelection);
    v->addWidget(m_lines, 1);

    m_planLabel->setObjectName(u"refundPlan"_s);
    m_planLabel->setWordWrap(true);
    v->addWidget(m_planLabel);
    m_message->setObjectName(u"refundMessage"_s);
    m_message->setWordWrap(true);
    v->addWidget(m_message);

    auto *buttons = new QHBoxLayout;
    auto *all = Theme::touchButton(tr("Whole order"), u"refundAllButton"_s, this);
    connect(all, &QPushButton::clicked, this, [this] {
        for (int r = 0; r < m_lines->rowCount(); ++r) {
            if (auto *spin = qobject_cast<QSpinBox *>(m_lines->cellWidget(r, 4)))
                spin->setValue(spin->maximum());
        }
    });
    m_refundButton = Theme::touchButton(tr("Refund"), u"confirmRefundButton"_s, this);
    m_refundButton->setEnabled(false);
    connect(m_refundButton, &QPushButton::clicked, this, &RefundDialog::confirm);
    auto *close = Theme::touchButton(tr("Close"), u"refundCloseButton"_s, this);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    buttons->addWidget(all);
    buttons->addStretch(1);
    buttons->addWidget(close);
    buttons->addWidget(m_refundButton);
    v->addLayout(buttons);
    m_number->setFocus();
}

void RefundDialog::consumeScan(const QString &code)
{
    m_number->setText(code.trimmed());
    findOrder(code);
}

void RefundDialog::findOrder(const QString &number)
{
    auto order = RefundService(m_till).findOrder(number);
    m_lines->setRowCount(0);
    m_order.reset();
    if (!order) {
        m_orderInfo->clear();
        m_planLabel->clear();
        m_refundButton->setEnabled(false);
        showMessage(order.error(), true);
        return;
    }
    m_order = *order;
    m_history = RefundService(m_till).history(*order);
    const auto guide = LookupService(m_till).guide(order->salesGuideId);
    m_orderInfo->setText(tr("Order %1 · %2 · total %3 · guide %4")
                             .arg(order->number, order->paidAt.toString(u"yyyy-MM-dd HH:mm"_s), order->total.toString(),
                                  guide ? guide->name : tr("none")));
    m_lines->setRowCount(int(order->lines.size()));
    for (int r = 0; r < order->lines.size(); ++r) {
        const OrderLine &l = order->lines[r];
        const int refunded = m_history.quantityByLine.value(l.lineNo);
        m_lines->setItem(r, 0, new QTableWidgetItem(l.name));
        m_lines->setItem(r, 1, new QTableWidgetItem(QString::number(l.quantity)));
        m_lines->setItem(r, 2, new QTableWidgetItem(QString::number(refunded)));
        m_lines->setItem(r, 3, new QTableWidgetItem(l.amount.toString()));
        auto *spin = new QSpinBox(m_lines);
        spin->setObjectName(u"refundQuantity_%1"_s.arg(l.lineNo));
        spin->setRange(0, l.quantity - refunded);
        spin->setEnabled(l.quantity > refunded);
        connect(spin, &QSpinBox::valueChanged, this, &RefundDialog::updatePlan);
        m_lines->setCellWidget(r, 4, spin);
    }
    showMessage(m_history.total.isZero() ? QString() : tr("Already refunded: %1").arg(m_history.total.toString()), false);
    updatePlan();
}

QList<RefundRequestLine> RefundDialog::chosenLines() const
{
    QList<RefundRequestLine> lines;
    if (!m_order)
        return lines;
    for (int r = 0; r < m_lines->rowCount(); ++r) {
        const auto *spin = qobject_cast<const QSpinBox *>(m_lines->cellWidget(r, 4));
        if (spin && spin->value() > 0)
            lines.append({m_order->lines[r].lineNo, spin->value()});
    }
    return lines;
}

void RefundDialog::updatePlan()
{
    const QList<RefundRequestLine> lines = chosenLines();
    m_refundButton->setEnabled(!lines.isEmpty());
    if (lines.isEmpty()) {
        m_planLabel->setText(m_order ? tr("Choose what the customer brings back.") : QString());
        return;
    }
    auto plan = RefundService(m_till).prepare(*m_order, lines);
    if (!plan) {
        m_planLabel->setText(plan.error());
        m_refundButton->setEnabled(false);
        return;
    }
    QStringList back;
    for (const RefundTender &t : plan->tenders)
        back.append(tr("%1 %2").arg(methodLabel(t.method), t.amount.toString()));
    m_planLabel->setText(tr("Refund %1 — back to %2").arg(plan->total.toString(), back.join(u", "_s)));
}

void RefundDialog::confirm()
{
    if (!m_order)
        return;
    if (m_approve && !m_approve(m_order->number)) {
        showMessage(tr("Not refunded: it needs a manager's approval."), true);
        return;
    }
    auto refund = RefundService(m_till).refund(m_order->number, chosenLines());
    if (!refund) {
        showMessage(refund.error(), true);
        return;
    }
    const QString done = tr("Refund %1 done: %2.").arg(refund->number, refund->plan.total.toString());
    findOrder(m_order->number); // show what is left
    showMessage(done, false);
    emit refunded(*refund);
}

void RefundDialog::showMessage(const QString &text, bool error)
{
    Theme::showMessage(m_message, text, error);
}

} // namespace pos
