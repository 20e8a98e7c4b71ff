#pragma once

#include "scanconsumer.h"

#include "core/order.h"
#include "core/refund.h"
#include "store/refundrepository.h"

#include <QDialog>

#include <functional>
#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace pos {

class Till;

// Refund against the original receipt: scan its code or type the order number, choose
// lines and quantities (or all), see the amount and where the money goes back, confirm.
class RefundDialog : public QDialog, public ScanConsumer
{
    Q_OBJECT
public:
    explicit RefundDialog(const Till &till, QWidget *parent = nullptr);
    // Asked just before a refund of the order is committed (the permission, or a manager's
    // PIN); no refund when it says no.
    void setApproval(std::function<bool(const QString &orderNumber)> approve) { m_approve = std::move(approve); }
    void consumeScan(const QString &code) override;
    void findOrder(const QString &number);

signals:
    // A refund was committed (its receipt and the drawer follow).
    void refunded(const pos::Refund &refund);

private:
    QList<RefundRequestLine> chosenLines() const;
    void updatePlan();
    void confirm();
    void showMessage(const QString &text, bool error);

    const Till &m_till;
    std::function<bool(const QString &)> m_approve;
    std::optional<Order> m_order;
    RefundHistory m_history;
    QLineEdit *m_number;
    QTableWidget *m_lines;
    QLabel *m_orderInfo;
    QLabel *m_planLabel;
    QLabel *m_message;
    QPushButton *m_refundButton;
};

} // namespace pos
