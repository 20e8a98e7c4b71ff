#include "paymentdialog.h"

#include "theme.h"

#include <QButtonGroup>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace pos {

using namespace Qt::Literals::StringLiterals;

PaymentDialog::PaymentDialog(Money due, QWidget *parent)
    : QDialog(parent), m_due(due), m_methods(new QButtonGroup(this)), m_amount(new QLineEdit(this)),
      m_reference(new QLineEdit(this)), m_list(new QListWidget(this)), m_paidLabel(new QLabel(this)),
      m_remainingLabel(new QLabel(this)), m_changeLabel(new QLabel(this)), m_error(new QLabel(this)),
      m_quickGrid(new QGridLayout), m_finish(new QPushButton(tr("Finish payment"), this))
{
    setWindowTitle(tr("Payment"));
    setObjectName(u"paymentDialog"_s);
    setMinimumSize(760, 620);
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(12);

    auto *dueRow = new QHBoxLayout;
    auto *dueCaption = new QLabel(tr("Amount due"), this);
    auto *dueLabel = new QLabel(due.toString(), this);
    dueLabel->setObjectName(u"dueLabel"_s);
    dueRow->addWidget(dueCaption);
    dueRow->addWidget(dueLabel, 1, Qt::AlignRight);
    layout->addLayout(dueRow);

    auto *methodRow = new QHBoxLayout;
    for (PaymentMethod m : {PaymentMethod::Cash, PaymentMethod::Card, PaymentMethod::WeChat, PaymentMethod::Alipay}) {
        auto *b = new QPushButton(methodLabel(m), this);
        b->setObjectName(u"method_"_s + methodKey(m));
        b->setCheckable(true);
        b->setChecked(m == PaymentMethod::Cash);
        b->setFocusPolicy(Qt::NoFocus);
        m_methods->addButton(b, int(m));
        methodRow->addWidget(b);
    }
    m_methods->setExclusive(true);
    connect(m_methods, &QButtonGroup::idClicked, this, [this](int id) { methodChosen(PaymentMethod(id)); });
    layout->addLayout(methodRow);

    auto *entryRow = new QHBoxLayout;
    m_amount->setObjectName(u"amountInput"_s);
    m_amount->setPlaceholderText(tr("Amount (yuan)"));
    m_reference->setObjectName(u"referenceInput"_s);
    m_reference->setPlaceholderText(tr("Reference no. (card slip / payment code)"));
    m_reference->setVisible(false);
    auto *add = new QPushButton(tr("Add"), this);
    add->setObjectName(u"addTenderButton"_s);
    entryRow->addWidget(m_amount, 1);
    entryRow->addWidget(m_reference, 2);
    entryRow->addWidget(add);
    connect(add, &QPushButton::clicked, this, &PaymentDialog::addFromEntry);
    connect(m_amount, &QLineEdit::returnPressed, this, &PaymentDialog::addFromEntry);
    connect(m_reference, &QLineEdit::returnPressed, this, &PaymentDialog::addFromEntry);
    layout->addLayout(entryRow);

    auto *quickCaption = new QLabel(tr("Cash received"), this);
    quickCaption->setProperty("class", u"caption"_s);
    layout->addWidget(quickCaption);
    layout->addLayout(m_quickGrid);

    m_list->setObjectName(u"tenderList"_s);
    m_list->setMaximumHeight(150);
    layout->addWidget(m_list);
    auto *remove = new QPushButton(tr("Remove selected payment"), this);
    remove->setObjectName(u"removeTenderButton"_s);
    connect(remove, &QPushButton::clicked, this, &PaymentDialog::removeSelected);

    auto *sums = new QGridLayout;
    sums->addWidget(new QLabel(tr("Paid"), this), 0, 0);
    sums->addWidget(m_paidLabel, 0, 1, Qt::AlignRight);
    sums->addWidget(new QLabel(tr("Still due"), this), 1, 0);
    sums->addWidget(m_remainingLabel, 1, 1, Qt::AlignRight);
    sums->addWidget(new QLabel(tr("Change"), this), 2, 0);
    m_changeLabel->setObjectName(u"changeLabel"_s);
    sums->addWidget(m_changeLabel, 2, 1, Qt::AlignRight);
    layout->addLayout(sums);

    m_error->setObjectName(u"messageLabel"_s);
    m_error->setProperty("error", true);
    m_error->setWordWrap(true);
    layout->addWidget(m_error);

    auto *buttons = new QHBoxLayout;
    auto *cancel = new QPushButton(tr("Back to sale"), this);
    cancel->setObjectName(u"cancelPaymentButton"_s);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    m_finish->setObjectName(u"finishPaymentButton"_s);
    connect(m_finish, &QPushButton::clicked, this, &QDialog::accept);
    buttons->addWidget(cancel);
    buttons->addWidget(remove);
    buttons->addWidget(m_finish, 2);
    layout->addLayout(buttons);

    refresh();
}

Money PaymentDialog::tendered() const
{
    const auto collected = Tendering::checkPartial(m_due, m_tenders);
    return collected ? collected->tendered : Money();
}

Money PaymentDialog::remaining() const
{
    return std::max(Money(), m_due - tendered());
}

void PaymentDialog::methodChosen(PaymentMethod method)
{
    m_method = method;
    m_reference->setVisible(method != PaymentMethod::Cash);
    m_amount->setText(remaining().toPlainString());
    (method == PaymentMethod::Cash ? m_amount : m_reference)->setFocus();
}

void PaymentDialog::addFromEntry()
{
    const QString text = m_amount->text().trimmed();
    const std::optional<Money> amount = text.isEmpty() ? std::optional<Money>(remaining()) : Money::parse(text);
    if (!amount || amount->fen() <= 0) {
        m_error->setText(tr("Enter an amount in yuan, e.g. 100 or 99.50."));
        return;
    }
    addTender(m_method, *amount, m_reference->text());
}

void PaymentDialog::addTender(PaymentMethod method, Money amount, const QString &reference)
{
    QList<TenderRequest> attempt = m_tenders;
    attempt.append({method, amount, reference.trimmed()});
    if (auto check = Tendering::checkPartial(m_due, attempt); !check) {
        m_error->setText(check.error());
        return;
    }
    m_tenders = attempt;
    m_reference->clear();
    m_error->clear();
    refresh();
}

void PaymentDialog::removeSelected()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_tenders.size())
        return;
    m_tenders.removeAt(row);
    refresh();
}

void PaymentDialog::refresh()
{
    m_list->clear();
    for (const TenderRequest &t : m_tenders) {
        QString text = methodLabel(t.method) + u"   "_s + t.amount.value_or(Money()).toString();
        if (!t.reference.isEmpty())
            text += u"   "_s + tr("ref %1").arg(t.reference);
        m_list->addItem(text);
    }
    const auto settlement = Tendering::settle(m_due, m_tenders);
    m_paidLabel->setText(tendered().toString());
    m_remainingLabel->setText(remaining().toString());
    m_changeLabel->setText(settlement ? settlement->change.toString() : Money().toString());
    m_finish->setEnabled(bool(settlement));
    m_amount->setText(remaining().isZero() ? QString() : remaining().toPlainString());

    // Quick cash amounts for what is still due.
    while (QLayoutItem *item = m_quickGrid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const QList<Money> quick = Tendering::quickCashAmounts(remaining(), 4);
    for (int i = 0; i < quick.size(); ++i) {
        auto *b = new QPushButton(quick[i].toString(), this);
        b->setObjectName(u"quickCash_"_s + QString::number(i));
        b->setFocusPolicy(Qt::NoFocus);
        b->setMinimumHeight(Theme::touchHeight);
        connect(b, &QPushButton::clicked, this, [this, amount = quick[i]] {
            addTender(PaymentMethod::Cash, amount, {});
        });
        m_quickGrid->addWidget(b, 0, i);
    }
}

} // namespace pos
