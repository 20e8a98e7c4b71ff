#pragma once

#include "core/attribution/credit.h"
#include "core/cart.h"
#include "core/order.h"
#include "core/people.h"
#include "core/result.h"
#include "core/tender.h"

#include <QCoreApplication>
#include <optional>

namespace pos {

class Till;

// The sale being rung up at the till: its cart, the guide who served the customer and the
// member, with every change checked by the same services posctl uses. The screens only
// show it and forward what the cashier touches.
class SaleSession
{
    Q_DECLARE_TR_FUNCTIONS(SaleSession)
public:
    explicit SaleSession(const Till &till) : m_till(till) {}

    const Cart &cart() const { return m_cart; }
    const std::optional<Guide> &guide() const { return m_guide; }
    const std::optional<Member> &member() const { return m_member; }
    // The attached member's exclusive guide (专属导购), when they have one.
    std::optional<Guide> exclusiveGuide() const;

    // Adds a product by barcode or SKU; returns the cart line touched.
    Result<int> scan(const QString &code, int quantity = 1);
    Status setQuantity(int line, int quantity) { return m_cart.setQuantity(line, quantity); }
    Status voidLine(int line) { return m_cart.voidLine(line); }
    Status setLineDiscount(int line, const Discount &d) { return m_cart.setLineDiscount(line, d); }
    Status setOrderDiscount(const Discount &d) { return m_cart.setOrderDiscount(d); }
    Status overridePrice(int line, Money unitPrice) { return m_cart.overridePrice(line, unitPrice); }

    // What the store guards in a sale (core/permissions): the screens ask before they change it.
    // Payment has started once the customer was asked to pay; voiding a line after that needs
    // the permission, since the total was already announced.
    void startPayment() { m_paymentStarted = true; }
    bool paymentStarted() const { return m_paymentStarted; }
    // Voiding a line — or dropping them all, by clearing or holding the sale — needs the
    // VoidAfterPayment permission once payment has started.
    bool voidNeedsApproval() const { return m_paymentStarted; }
    // A discount of more than the store's limit (SettingsService) off what it applies to.
    bool lineDiscountNeedsApproval(int line, const Discount &d) const;
    bool orderDiscountNeedsApproval(const Discount &d) const;

    Status chooseGuide(const QString &guideId);
    void clearGuide() { m_guide.reset(); m_guideIsExclusiveDefault = false; }
    // Attaches a member; their exclusive guide becomes the sale's guide unless the cashier
    // has already picked one.
    Result<Member> attachMember(const QString &codeOrPhone);
    void detachMember();
    // Registers a new member at the till; with a guide chosen, the member is bound to them
    // (a `register` bind event). The member is attached to the sale.
    Result<Member> registerMember(const QString &phone, const QString &name);

    // Who the sale would credit if paid now, under the chain's policy.
    attribution::OrderAttribution creditPreview() const;

    // What a scanned code was.
    enum class CodeKind { Product, GuideBadge, MemberCode, Receipt };
    struct Scanned
    {
        CodeKind kind = CodeKind::Product;
        int line = -1;         // the cart line touched, for a product
        QString receiptNumber; // for a receipt: the sale or refund it names (the screen opens its refund)
    };
    // Does what the code says (ScanService's parser): a product, weighed or price-labelled
    // item or GS1 code rings up; a guide badge or binding link chooses the guide; a member
    // card, QR or mobile number attaches the member. A receipt changes nothing here. A code
    // with a wrong check digit is refused without a lookup.
    Result<Scanned> scanCode(const QString &code);

    // Puts this sale aside and starts an empty one.
    Result<qint64> hold();
    // Takes a held sale back; refused while this sale has items (hold it first).
    Status resume(qint64 heldId);

    // Whether the sale can be paid now: items rung up, and the disk taking writes (a full or
    // failing disk refuses the sale before the customer hands over money).
    Status readyToPay() const;
    // Checks the tenders against the total without committing anything.
    Result<Settlement> previewPayment(const QList<TenderRequest> &tenders) const;
    // Commits the sale; on success the session starts afresh.
    // `cashierId`: the staff member signed in, recorded on the order (empty: nobody signs in here).
    Result<Order> pay(const QList<TenderRequest> &tenders, const QString &cashierId = {});

    void clear();

private:
    const Till &m_till;
    Cart m_cart;
    std::optional<Guide> m_guide;
    std::optional<Member> m_member;
    bool m_guideIsExclusiveDefault = false; // the guide was pre-selected from the member
    bool m_paymentStarted = false;
};

} // namespace pos
