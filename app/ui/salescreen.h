#pragma once

#include "services/salesession.h"
#include "store/refundrepository.h"

#include <QStringList>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace pos {

class ActionGate;
class CartModel;
class GuideBar;
class Till;

// The main sale screen: cart, scan box, guide bar, member, totals and payment.
class SaleScreen : public QWidget
{
    Q_OBJECT
public:
    // Guarded changes (a void after payment started, a price, a big discount, a refund) go
    // through `gate`, which knows who is at the till.
    SaleScreen(Till &till, ActionGate &gate, QWidget *parent = nullptr);

    // A code from a scanner, whatever had the focus.
    void handleScan(const QString &code);
    // The refund of a sale against its receipt, and the guides' leaderboard.
    // With a receipt number (a scanned receipt), the dialog opens on that sale.
    void openRefund(const QString &receiptNumber = {});
    void openLeaderboard();
    const SaleSession &session() const { return m_session; }

signals:
    void saleCommitted(const QString &orderNumber);
    // The paid order, for its receipt and the cash drawer.
    void orderPaid(const pos::Order &order);
    void refundCommitted(const pos::Refund &refund);
    void firstPainted();

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void buildLayout();
    QWidget *buildCartPanel();
    QWidget *buildSidePanel();
    // Rings up a barcode or SKU and shows the line; the reason when it can't.
    Status addToSale(const QString &code);
    void typedEntry();
    void openSearch(const QString &text);
    void scanWithCamera();
    void guideTouched(const QString &guideId);
    void lookUpMember();
    void registerMember();
    void changeQuantity(int delta);
    void editQuantity();
    void discountLine();
    void discountOrder();
    void overridePrice();
    void voidLine();
    void holdSale();
    void resumeSale();
    void clearSale();
    // Clearing or holding the sale drops its lines: recorded, and once payment has started
    // guarded like a void.
    bool mayDropLines(const QString &what);
    void pay();
    // A scan that came while a dialog that doesn't take scans was up: rung up when it closes.
    void queueScan(const QString &code, QWidget *dialog);
    void ringUpQueuedScans();
    int currentLine() const;
    void selectLine(int line);
    void refresh();
    void refreshCreditPreview();
    void showMessage(const QString &text, bool error);

    Till &m_till;
    ActionGate &m_gate;
    SaleSession m_session;
    CartModel *m_cartModel;
    QLineEdit *m_scanInput;
    QTableView *m_cartView;
    GuideBar *m_guideBar;
    QLabel *m_guideInfo;
    QLabel *m_creditPreview;
    QLineEdit *m_memberInput;
    QLabel *m_memberInfo;
    QPushButton *m_clearMember;
    QLabel *m_itemsLabel;
    QLabel *m_discountLabel;
    QLabel *m_totalLabel;
    QLabel *m_message;
    QPushButton *m_payButton;
    QStringList m_queuedScans; // scans that arrived while a dialog was open
    bool m_painted = false;
};

} // namespace pos
