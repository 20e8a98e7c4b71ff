#pragma once

#include "core/money.h"
#include "core/tender.h"

#include <QDialog>
#include <QList>

class QButtonGroup;
class QGridLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace pos {

// Taking payment: quick cash amounts, card / WeChat / Alipay with their reference numbers,
// split tenders, and the change shown large. The tenders are checked by the same rules
// (pos::Tendering) the commit applies; the dialog only collects them.
class PaymentDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PaymentDialog(Money due, QWidget *parent = nullptr);
    const QList<TenderRequest> &tenders() const { return m_tenders; }

private:
    void addTender(PaymentMethod method, Money amount, const QString &reference);
    void addFromEntry();
    void removeSelected();
    void methodChosen(PaymentMethod method);
    void refresh();
    Money tendered() const;
    Money remaining() const;

    Money m_due;
    QList<TenderRequest> m_tenders;
    PaymentMethod m_method = PaymentMethod::Cash;
    QButtonGroup *m_methods;
    QLineEdit *m_amount;
    QLineEdit *m_reference;
    QListWidget *m_list;
    QLabel *m_paidLabel;
    QLabel *m_remainingLabel;
    QLabel *m_changeLabel;
    QLabel *m_error;
    QGridLayout *m_quickGrid;
    QPushButton *m_finish;
};

} // namespace pos
