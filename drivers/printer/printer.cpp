#include "printer.h"

#include "escposencoder.h"

#include <QCoreApplication>

namespace pos::printer {

using namespace Qt::Literals::StringLiterals;

bool Printer::print(const PrintDocument &document)
{
    return send(EscPosEncoder(m_profile).encode(document));
}

bool Printer::pulseDrawer()
{
    PrintDocument pulse;
    pulse.openDrawer();
    return deliver(EscPosEncoder(m_profile).encode(pulse), StatusCheck::Skip);
}

bool Printer::send(const QByteArray &escpos)
{
    return deliver(escpos, StatusCheck::First);
}

bool Printer::deliver(const QByteArray &escpos, StatusCheck check)
{
    m_status = {};
    const std::unique_ptr<Transport> transport = makeTransport(m_uri, m_profile);
    if (!transport->open()) {
        m_error = transport->errorString();
        return false;
    }
    if (check == StatusCheck::First && transport->canRead()) {
        m_status = queryStatus(*transport);
        if (m_status.answered && !m_status.canPrint()) {
            m_error = tr("the printer reports: %1").arg(m_status.describe());
            transport->close();
            return false;
        }
    }
    const bool sent = transport->write(escpos) && transport->drain(300);
    if (!sent)
        m_error = transport->errorString();
    transport->close();
    return sent;
}

std::optional<PrinterProfile> Printer::profileFor(const PrinterUri &uri, const QString &profileId, int paperMm)
{
    if (!profileId.isEmpty())
        return Profiles::byId(profileId);
    if (uri.kind == PrinterUri::Kind::Usb && !uri.autoDetect)
        if (auto p = Profiles::forUsb(uri.vendorId, uri.productId); p && p->paperMm() == paperMm)
            return p;
    return Profiles::generic(paperMm);
}

PrintDocument testPage(const PrinterProfile &profile, const QString &uri)
{
    PrintDocument doc;
    TextStyle title;
    title.align = Align::Center;
    title.bold = true;
    title.doubleWidth = title.doubleHeight = true;
    doc.text(Printer::tr("Test page"), title);
    doc.text(profile.name, {Align::Center});
    doc.text(Printer::tr("Address: %1").arg(uri));
    doc.text(Printer::tr("Profile %1 · %2 mm · %3 dots · %4 columns").arg(profile.id).arg(profile.paperMm()).arg(profile.dots).arg(profile.columns));
    doc.rule();
    doc.text(u"中文：导购收银台 连衣裙 ￥1,234.50"_s);
    doc.text(u"ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789"_s);
    const QList<Column> cols{{0, Align::Left}, {6, Align::Right}, {12, Align::Right}};
    doc.columns({u"商品 Item"_s, u"数量"_s, u"金额"_s}, cols, {Align::Left, true});
    doc.columns({u"真丝连衣裙 A字款 长款"_s, u"2"_s, u"￥1,258.00"_s}, cols);
    doc.columns({u"Socks 袜子"_s, u"12"_s, u"￥96.00"_s}, cols);
    doc.text(u"Bold 粗体"_s, {Align::Left, true});
    doc.text(u"Underline 下划线"_s, {Align::Left, false, true});
    doc.text(u"Double 倍宽倍高"_s, {Align::Left, false, false, true, true});
    doc.rule(u'=');
    doc.qrCode(u"GUIDE-POS TEST 测试"_s, 6);
    doc.barcode(u"6901234567892"_s, BarcodeType::Ean13);
    doc.cut();
    return doc;
}

} // namespace pos::printer
