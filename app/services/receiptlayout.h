#pragma once

#include "core/order.h"
#include "printer/printdocument.h"
#include "store/refundrepository.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace pos {

class Till;

struct ReceiptOptions
{
    int paperMm = 80;   // 58 or 80
    bool copy = false;  // a reprint: marked 重印/COPY at the top and the bottom
};

// An order (or a refund) laid out as a receipt: what the customer takes home. The printer
// driver turns it into bytes; this class knows what a receipt says.
class ReceiptLayout
{
    Q_DECLARE_TR_FUNCTIONS(ReceiptLayout)
public:
    explicit ReceiptLayout(const Till &till) : m_till(till) {}

    // Settings key: the chain's guide-binding link, with {guide} and {store} placeholders
    // (e.g. https://m.example.com/bind?guide={guide}&store={store}). Empty: no such QR.
    static constexpr auto guideLinkKey = "receipt.guide_link";

    printer::PrintDocument sale(const Order &order, const ReceiptOptions &options = {}) const;
    printer::PrintDocument refund(const Refund &refund, const Order &original, const ReceiptOptions &options = {}) const;
    // The day's X or Z report (ShiftService::dayReport / makeZ) for the till's printer.
    printer::PrintDocument dayReport(const QJsonObject &report, const ReceiptOptions &options = {}) const;

private:
    void header(printer::PrintDocument &doc, const QString &title, const ReceiptOptions &options) const;
    void footer(printer::PrintDocument &doc, const ReceiptOptions &options) const;
    QString guideName(const QString &id) const;
    void timeAndTill(printer::PrintDocument &doc, const QDateTime &at, const QString &terminal,
                     const ReceiptOptions &options) const;
    const Till &m_till;
};

} // namespace pos
