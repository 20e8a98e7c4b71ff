#include "salescreen.h"

#include "actiongate.h"
#include "camerascandialog.h"
#include "cartmodel.h"
#include "guidebar.h"
#include "heldsalesdialog.h"
#include "paymentdialog.h"
#include "productsearchdialog.h"
#include "leaderboarddialog.h"
#include "memberdialog.h"
#include "refunddialog.h"
#include "scanconsumer.h"
#include "theme.h"

#include "services/heldsaleservice.h"
#include "services/lookupservice.h"
#include "services/till.h"

#include <QApplication>
#include <QDialog>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {

using Theme::caption;
using Theme::panel;
using Theme::touchButton;

} // namespace

SaleScreen::SaleScreen(Till &till, ActionGate &gate, QWidget *parent)
    : QWidget(parent), m_till(till), m_gate(gate), m_session(till), m_cartModel(new CartModel(m_session.cart(), this))
{
    setObjectName(u"saleScreen"_s);
    buildLayout();
    m_guideBar->setGuides(LookupService(m_till).activeGuides());
    refresh();
    m_scanInput->setFocus();
}

void SaleScreen::buildLayout()
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(12);
    layout->addWidget(buildCartPanel(), 3);
    layout->addWidget(buildSidePanel(), 2);
}

QWidget *SaleScreen::buildCartPanel()
{
    auto *w = new QWidget(this);
    auto *v = new QVBoxLayout(w);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(10);

    auto *scanRow = new QHBoxLayout;
    m_scanInput = new QLineEdit(w);
    m_scanInput->setObjectName(u"scanInput"_s);
    m_scanInput->setPlaceholderText(tr("Scan a barcode, or type a SKU, name or pinyin initials"));
    m_scanInput->setClearButtonEnabled(true);
    // Codes, SKUs and pinyin initials: ask the input method to start in Latin here.
    m_scanInput->setInputMethodHints(Qt::ImhPreferLatin | Qt::ImhNoPredictiveText);
    connect(m_scanInput, &QLineEdit::returnPressed, this, &SaleScreen::typedEntry);
    auto *search = touchButton(tr("Search"), u"searchButton"_s, w);
    connect(search, &QPushButton::clicked, this, [this] { openSearch(m_scanInput->text()); });
    auto *camera = touchButton(tr("Camera"), u"cameraScanButton"_s, w);
    connect(camera, &QPushButton::clicked, this, &SaleScreen::scanWithCamera);
    scanRow->addWidget(m_scanInput, 1);
    scanRow->addWidget(search);
    scanRow->addWidget(camera);
    v->addLayout(scanRow);

    m_cartView = new QTableView(w);
    m_cartView->setObjectName(u"cartView"_s);
    m_cartView->setModel(m_cartModel);
    m_cartView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_cartView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_cartView->setFocusPolicy(Qt::NoFocus);
    m_cartView->verticalHeader()->hide();
    m_cartView->verticalHeader()->setDefaultSectionSize(52);
    m_cartView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_cartView->horizontalHeader()->setSectionResizeMode(CartModel::Product, QHeaderView::Stretch);
    m_cartView->setShowGrid(false);
    m_cartView->setAlternatingRowColors(true);
    v->addWidget(m_cartView, 1);

    auto *lineButtons = new QHBoxLayout;
    auto *minus = touchButton(tr("−1"), u"decreaseButton"_s, w);
    auto *plus = touchButton(tr("+1"), u"increaseButton"_s, w);
    auto *qty = touchButton(tr("Quantity…"), u"quantityButton"_s, w);
    auto *lineDiscount = touchButton(tr("Line discount…"), u"lineDiscountButton"_s, w);
    auto *price = touchButton(tr("Price…"), u"priceButton"_s, w);
    auto *voidButton = touchButton(tr("Void line"), u"voidLineButton"_s, w);
    connect(minus, &QPushButton::clicked, this, [this] { changeQuantity(-1); });
    connect(plus, &QPushButton::clicked, this, [this] { changeQuantity(+1); });
    connect(qty, &QPushButton::clicked, this, &SaleScreen::editQuantity);
    connect(lineDiscount, &QPushButton::clicked, this, &SaleScreen::discountLine);
    connect(price, &QPushButton::clicked, this, &SaleScreen::overridePrice);
    connect(voidButton, &QPushButton::clicked, this, &SaleScreen::voidLine);
    for (QPushButton *b : {minus, plus, qty, lineDiscount, price, voidButton})
        lineButtons->addWidget(b);
    v->addLayout(lineButtons);

    m_message = new QLabel(w);
    m_message->setObjectName(u"messageLabel"_s);
    m_message->setWordWrap(true);
    m_message->setMinimumHeight(48);
    v->addWidget(m_message);
    return w;
}

QWidget *SaleScreen::buildSidePanel()
{
    auto *w = new QWidget(this);
    auto *v = new QVBoxLayout(w);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(10);

    auto *guidePanel = panel(w);
    auto *gv = new QVBoxLayout(guidePanel);
    auto *guideHeader = new QHBoxLayout;
    guideHeader->addWidget(caption(tr("Guide who served the customer"), guidePanel));
    m_guideInfo = new QLabel(guidePanel);
    m_guideInfo->setObjectName(u"guideInfo"_s);
    guideHeader->addWidget(m_guideInfo, 1, Qt::AlignRight);
    gv->addLayout(guideHeader);
    m_guideBar = new GuideBar(guidePanel);
    m_guideBar->setObjectName(u"guideBar"_s);
    connect(m_guideBar, &GuideBar::guideTouched, this, &SaleScreen::guideTouched);
    gv->addWidget(m_guideBar);
    m_creditPreview = new QLabel(guidePanel);
    m_creditPreview->setObjectName(u"creditPreview"_s);
    m_creditPreview->setWordWrap(true);
    gv->addWidget(m_creditPreview);
    v->addWidget(guidePanel);

    auto *memberPanel = panel(w);
    auto *mv = new QVBoxLayout(memberPanel);
    mv->addWidget(caption(tr("Member"), memberPanel));
    auto *memberRow = new QHBoxLayout;
    m_memberInput = new QLineEdit(memberPanel);
    m_memberInput->setObjectName(u"memberInput"_s);
    m_memberInput->setPlaceholderText(tr("Phone or member code"));
    // Phones and member codes are never Chinese: keep the input method out of this field.
    m_memberInput->setAttribute(Qt::WA_InputMethodEnabled, false);
    m_memberInput->setInputMethodHints(Qt::ImhLatinOnly | Qt::ImhNoPredictiveText);
    connect(m_memberInput, &QLineEdit::returnPressed, this, &SaleScreen::lookUpMember);
    auto *find = touchButton(tr("Find"), u"memberLookupButton"_s, memberPanel);
    connect(find, &QPushButton::clicked, this, &SaleScreen::lookUpMember);
    m_clearMember = touchButton(tr("Remove"), u"clearMemberButton"_s, memberPanel);
    connect(m_clearMember, &QPushButton::clicked, this, [this] {
        m_session.detachMember();
        refresh();
    });
    auto *newMember = touchButton(tr("New"), u"newMemberButton"_s, memberPanel);
    connect(newMember, &QPushButton::clicked, this, &SaleScreen::registerMember);
    memberRow->addWidget(m_memberInput, 1);
    memberRow->addWidget(find);
    memberRow->addWidget(newMember);
    memberRow->addWidget(m_clearMember);
    mv->addLayout(memberRow);
    m_memberInfo = new QLabel(memberPanel);
    m_memberInfo->setObjectName(u"memberInfo"_s);
    m_memberInfo->setWordWrap(true);
    m_memberInfo->setMinimumHeight(2 * m_memberInfo->fontMetrics().lineSpacing() + 8);
    mv->addWidget(m_memberInfo);
    v->addWidget(memberPanel);

    auto *totals = panel(w);
    auto *tg = new QGridLayout(totals);
    m_itemsLabel = new QLabel(totals);
    m_itemsLabel->setObjectName(u"itemsLabel"_s);
    m_discountLabel = new QLabel(totals);
    m_discountLabel->setObjectName(u"discountLabel"_s);
    m_totalLabel = new QLabel(totals);
    m_totalLabel->setObjectName(u"totalLabel"_s);
    // The amount due gets the whole width: it must never be cut, whatever its size.
    tg->addWidget(caption(tr("Items"), totals), 0, 0);
    tg->addWidget(m_itemsLabel, 0, 1, Qt::AlignLeft);
    tg->addWidget(caption(tr("Discount"), totals), 0, 2, Qt::AlignRight);
    tg->addWidget(m_discountLabel, 0, 3, Qt::AlignRight);
    tg->addWidget(caption(tr("Total"), totals), 1, 0, Qt::AlignBottom);
    tg->addWidget(m_totalLabel, 1, 1, 1, 3, Qt::AlignRight);
    tg->setColumnStretch(1, 1);
    v->addWidget(totals);

    auto *actions = new QGridLayout;
    auto *hold = touchButton(tr("Hold"), u"holdButton"_s, w);
    auto *resume = touchButton(tr("Resume"), u"resumeButton"_s, w);
    auto *orderDiscount = touchButton(tr("Order discount…"), u"orderDiscountButton"_s, w);
    auto *clear = touchButton(tr("Clear sale"), u"clearSaleButton"_s, w);
    connect(hold, &QPushButton::clicked, this, &SaleScreen::holdSale);
    connect(resume, &QPushButton::clicked, this, &SaleScreen::resumeSale);
    connect(orderDiscount, &QPushButton::clicked, this, &SaleScreen::discountOrder);
    connect(clear, &QPushButton::clicked, this, &SaleScreen::clearSale);
    actions->addWidget(hold, 0, 0);
    actions->addWidget(resume, 0, 1);
    actions->addWidget(orderDiscount, 1, 0);
    actions->addWidget(clear, 1, 1);
    v->addLayout(actions);

    m_payButton = touchButton(tr("Pay"), u"payButton"_s, w);
    connect(m_payButton, &QPushButton::clicked, this, &SaleScreen::pay);
    v->addWidget(m_payButton);
    v->addStretch(1);
    return w;
}

void SaleScreen::paintEvent(QPaintEvent *event)
{
    QWidget::paintEvent(event);
    if (!m_painted) {
        m_painted = true;
        emit firstPainted();
    }
}

Status SaleScreen::addToSale(const QString &code)
{
    auto scanned = m_session.scanCode(code);
    if (!scanned)
        return Status::failure(scanned.error());
    m_scanInput->clear();
    if (scanned->kind == SaleSession::CodeKind::Receipt) {
        // A receipt scanned at the sale screen: the customer is bringing something back.
        QTimer::singleShot(0, this, [this, number = scanned->receiptNumber] { openRefund(number); });
        return {};
    }
    if (scanned->kind != SaleSession::CodeKind::Product) {
        refresh();
        showMessage(scanned->kind == SaleSession::CodeKind::GuideBadge ? tr("Guide: %1").arg(m_session.guide()->name)
                                                               : tr("Member: %1").arg(m_session.member()->name),
                    false);
        return {};
    }
    refresh();
    selectLine(scanned->line);
    const CartLine &l = m_session.cart().lines()[scanned->line];
    showMessage(tr("%1  ×%2  %3").arg(l.item.name).arg(l.quantity).arg(l.net().toString()), false);
    return {};
}

void SaleScreen::handleScan(const QString &code)
{
    if (QWidget *modal = QApplication::activeModalWidget()) {
        if (auto *consumer = dynamic_cast<ScanConsumer *>(modal))
            consumer->consumeScan(code); // the dialog asked for a scan (e.g. a receipt)
        else
            queueScan(code, modal);
        return;
    }
    if (Status added = addToSale(code); !added) {
        showMessage(added.error() + u' ' + tr("Use Search to find it by name."), true);
        m_scanInput->setText(code.trimmed());
        m_scanInput->selectAll();
    }
}

void SaleScreen::scanWithCamera()
{
    CameraScanDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted)
        handleScan(dialog.code()); // the same as a scanner's: a product, member, guide or receipt
    m_scanInput->setFocus();
}

void SaleScreen::typedEntry()
{
    const QString text = m_scanInput->text().trimmed();
    if (!text.isEmpty() && !addToSale(text))
        openSearch(text); // not a code: the cashier is looking for something by name
}

void SaleScreen::openSearch(const QString &text)
{
    const LookupService lookup(m_till);
    ProductSearchDialog dialog(lookup, text, this);
    if (dialog.exec() == QDialog::Accepted && dialog.chosen().isValid()) {
        if (Status added = addToSale(dialog.chosen().sku); !added)
            showMessage(added.error(), true);
    }
    m_scanInput->setFocus();
}

void SaleScreen::guideTouched(const QString &guideId)
{
    if (guideId.isEmpty()) {
        m_session.clearGuide();
    } else if (Status s = m_session.chooseGuide(guideId); !s) {
        showMessage(s.error(), true);
    }
    refresh();
}

void SaleScreen::lookUpMember()
{
    const QString text = m_memberInput->text().trimmed();
    if (text.isEmpty())
        return;
    auto member = m_session.attachMember(text);
    if (!member) {
        showMessage(member.error(), true);
        return;
    }
    m_memberInput->clear();
    m_scanInput->setFocus();
    showMessage({}, false);
    refresh();
}

void SaleScreen::registerMember()
{
    const auto &guide = m_session.guide();
    MemberDialog dialog(guide ? guide->name : QString(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    auto member = m_session.registerMember(dialog.phone(), dialog.name());
    if (!member) {
        showMessage(member.error(), true);
        return;
    }
    showMessage(tr("Welcome, new member %1 (%2).").arg(member->name, member->id), false);
    refresh();
}

void SaleScreen::openRefund(const QString &receiptNumber)
{
    RefundDialog dialog(m_till, this);
    dialog.setApproval([this, &dialog](const QString &orderNumber) {
        return m_gate.permit(Action::Refund, orderNumber, tr("A refund"), &dialog);
    });
    connect(&dialog, &RefundDialog::refunded, this, &SaleScreen::refundCommitted);
    if (!receiptNumber.isEmpty())
        dialog.findOrder(receiptNumber);
    dialog.exec();
    emit saleCommitted({}); // the status bar's pending count changed
}

void SaleScreen::openLeaderboard()
{
    LeaderboardDialog dialog(m_till, this);
    dialog.exec();
}

int SaleScreen::currentLine() const
{
    const QModelIndex index = m_cartView->currentIndex();
    return index.isValid() ? index.row() : -1;
}

void SaleScreen::selectLine(int line)
{
    m_cartView->selectRow(line);
    m_cartView->scrollTo(m_cartModel->index(line, 0));
}

void SaleScreen::changeQuantity(int delta)
{
    const int line = currentLine();
    if (line < 0) {
        showMessage(tr("Touch a line first."), true);
        return;
    }
    const CartLine &l = m_session.cart().lines()[line];
    if (Status s = m_session.setQuantity(line, l.quantity + delta); !s)
        showMessage(s.error(), true);
    refresh();
    selectLine(line);
}

void SaleScreen::editQuantity()
{
    const int line = currentLine();
    if (line < 0) {
        showMessage(tr("Touch a line first."), true);
        return;
    }
    bool ok = false;
    const int qty = QInputDialog::getInt(this, tr("Quantity"), m_session.cart().lines()[line].item.name,
                                         m_session.cart().lines()[line].quantity, 1, Cart::maxQuantity, 1, &ok);
    if (!ok)
        return;
    if (Status s = m_session.setQuantity(line, qty); !s)
        showMessage(s.error(), true);
    refresh();
    selectLine(line);
}

void SaleScreen::discountLine()
{
    const int line = currentLine();
    if (line < 0) {
        showMessage(tr("Touch a line first."), true);
        return;
    }
    bool ok = false;
    const QString text = QInputDialog::getText(this, tr("Line discount"),
                                               tr("Amount off (20), percent off (15%) or 折 (8.5折):"),
                                               QLineEdit::Normal, {}, &ok);
    if (!ok)
        return;
    auto d = Discount::parse(text);
    const QString sku = m_session.cart().lines().at(line).item.sku;
    if (d && m_session.lineDiscountNeedsApproval(line, *d)
        && !m_gate.permit(Action::DiscountBeyondLimit, sku, tr("A discount beyond the limit (%1)").arg(d->describe()), this)) {
        showMessage(tr("Discount not given: it is beyond the limit and needs a manager."), true);
        return;
    }
    Status s = d ? m_session.setLineDiscount(line, *d) : Status::failure(d.error());
    if (s)
        m_gate.record(u"discount.line"_s, sku, d->describe());
    showMessage(s ? QString() : s.error(), !s);
    refresh();
    selectLine(line);
}

void SaleScreen::discountOrder()
{
    bool ok = false;
    const QString text = QInputDialog::getText(this, tr("Order discount"),
                                               tr("Amount off (20), percent off (15%) or 折 (8.5折):"),
                                               QLineEdit::Normal, {}, &ok);
    if (!ok)
        return;
    auto d = Discount::parse(text);
    if (d && m_session.orderDiscountNeedsApproval(*d)
        && !m_gate.permit(Action::DiscountBeyondLimit, {}, tr("A discount beyond the limit (%1)").arg(d->describe()), this)) {
        showMessage(tr("Discount not given: it is beyond the limit and needs a manager."), true);
        return;
    }
    Status s = d ? m_session.setOrderDiscount(*d) : Status::failure(d.error());
    if (s)
        m_gate.record(u"discount.order"_s, {}, d->describe());
    showMessage(s ? QString() : s.error(), !s);
    refresh();
}

void SaleScreen::voidLine()
{
    const int line = currentLine();
    if (line < 0) {
        showMessage(tr("Touch a line first."), true);
        return;
    }
    const CartLine &l = m_session.cart().lines().at(line);
    const QString what = tr("%1 × %2").arg(l.item.sku).arg(l.quantity);
    if (m_session.voidNeedsApproval()) {
        if (!m_gate.permit(Action::VoidAfterPayment, what, tr("Voiding a line after payment started"), this)) {
            showMessage(tr("Not voided: payment has started, so it needs a manager."), true);
            return;
        }
    } else {
        m_gate.record(u"void"_s, what);
    }
    if (Status s = m_session.voidLine(line); !s)
        showMessage(s.error(), true);
    refresh();
}

void SaleScreen::overridePrice()
{
    const int line = currentLine();
    if (line < 0) {
        showMessage(tr("Touch a line first."), true);
        return;
    }
    const CartLine &l = m_session.cart().lines().at(line);
    bool ok = false;
    const QString text = QInputDialog::getText(this, tr("Change the price"),
                                               tr("New unit price for %1 (now %2):").arg(l.item.name, l.item.price.toString()),
                                               QLineEdit::Normal, {}, &ok);
    if (!ok)
        return;
    const auto price = Money::parse(text);
    if (!price) {
        showMessage(tr("That is not a price: %1").arg(text.left(20)), true);
        return;
    }
    const QString detail = tr("%1 → %2").arg(l.item.price.toString(), price->toString());
    if (!m_gate.permit(Action::PriceOverride, l.item.sku, tr("A price change (%1)").arg(detail), this)) {
        showMessage(tr("Price not changed: it needs a manager."), true);
        return;
    }
    const QString sku = l.item.sku;
    Status s = m_session.overridePrice(line, *price);
    if (s)
        m_gate.record(u"price.change"_s, sku, detail);
    showMessage(s ? tr("Price of %1 changed: %2").arg(sku, detail) : s.error(), !s);
    refresh();
    selectLine(line);
}

bool SaleScreen::mayDropLines(const QString &what)
{
    if (m_session.cart().isEmpty())
        return true;
    const QString subject = tr("%n item(s), %1", nullptr, m_session.cart().itemCount()).arg(m_session.cart().total().toString());
    if (!m_session.voidNeedsApproval()) {
        m_gate.record(u"void.sale"_s, subject, what);
        return true;
    }
    // The total was announced: putting the whole sale aside is a void after payment started.
    if (m_gate.permit(Action::VoidAfterPayment, subject, what, this))
        return true;
    showMessage(tr("Not done: payment has started, so it needs a manager."), true);
    return false;
}

void SaleScreen::holdSale()
{
    if (m_session.voidNeedsApproval() && !mayDropLines(tr("Holding the sale after payment started")))
        return;
    auto id = m_session.hold();
    showMessage(id ? tr("Sale held. Resume it with Resume.") : id.error(), !id);
    refresh();
}

void SaleScreen::resumeSale()
{
    HeldSaleService held(m_till);
    HeldSalesDialog dialog(held, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    Status s = m_session.resume(dialog.chosenId());
    showMessage(s ? tr("Held sale resumed.") : s.error(), !s);
    refresh();
}

void SaleScreen::clearSale()
{
    if (!mayDropLines(tr("Clearing the sale")))
        return;
    m_session.clear();
    showMessage({}, false);
    refresh();
}

void SaleScreen::pay()
{
    if (Status ready = m_session.readyToPay(); !ready) {
        showMessage(ready.error(), true); // nothing taken, nothing lost: the sale stays on screen
        return;
    }
    m_session.startPayment(); // the total is announced: voids from now on are guarded
    PaymentDialog dialog(m_session.cart().total(), this);
    if (dialog.exec() == QDialog::Accepted) {
        auto order = m_session.pay(dialog.tenders(), m_gate.signedIn() ? m_gate.signedIn()->id : QString());
        if (!order) {
            showMessage(order.error(), true); // the sale stays on screen: nothing is lost
        } else {
            showMessage(tr("Paid · %1 · Change %2").arg(order->number, order->change.toString()), false);
            emit saleCommitted(order->number);
            emit orderPaid(*order);
            // Housekeeping once the change is on screen, while the cashier hands it over.
            QTimer::singleShot(0, this, [this] { m_till.database().checkpointIfDue(); });
        }
    }
    refresh();
    m_scanInput->setFocus();
}

void SaleScreen::queueScan(const QString &code, QWidget *dialog)
{
    m_queuedScans.append(code);
    // Rung up as soon as that dialog is gone, whichever it was (search, quantity, payment…).
    if (auto *d = qobject_cast<QDialog *>(dialog))
        connect(d, &QDialog::finished, this, &SaleScreen::ringUpQueuedScans, Qt::ConnectionType(Qt::QueuedConnection | Qt::UniqueConnection));
    else
        connect(dialog, &QObject::destroyed, this, &SaleScreen::ringUpQueuedScans, Qt::ConnectionType(Qt::QueuedConnection | Qt::UniqueConnection));
}

void SaleScreen::ringUpQueuedScans()
{
    const QStringList queued = std::exchange(m_queuedScans, {});
    for (const QString &code : queued)
        handleScan(code); // queued again if another dialog is up by now
}

void SaleScreen::showMessage(const QString &text, bool error)
{
    Theme::showMessage(m_message, text, error);
}

void SaleScreen::refresh()
{
    const Cart &cart = m_session.cart();
    m_cartModel->refresh();
    m_itemsLabel->setText(QString::number(cart.itemCount()));
    const Money discount = cart.lineDiscounts() + cart.orderDiscountAmount();
    m_discountLabel->setText(discount.isZero() ? Money().toString() : (-discount).toString());
    m_totalLabel->setText(cart.total().toString());
    m_payButton->setEnabled(!cart.isEmpty());

    const auto &guide = m_session.guide();
    m_guideBar->setSelected(guide ? guide->id : QString());
    m_guideInfo->setText(guide ? tr("Served by %1").arg(guide->name) : tr("No guide chosen"));

    const auto &member = m_session.member();
    const auto exclusive = m_session.exclusiveGuide();
    m_guideBar->setExclusive(exclusive ? exclusive->id : QString());
    m_clearMember->setVisible(bool(member));
    if (!member) {
        m_memberInfo->setText(tr("Walk-in customer"));
    } else {
        QString text = tr("%1 · %2 · %3").arg(member->name, member->id, maskedPhone(member->phone));
        text += u'\n' + (exclusive ? tr("Exclusive guide: %1").arg(exclusive->name)
                                   : tr("No exclusive guide"));
        m_memberInfo->setText(text);
    }
    refreshCreditPreview();
}

// Who will be credited under the chain's policy, shown before payment: the cashier sees
// at once when picking another guide than the member's exclusive one splits or moves it.
void SaleScreen::refreshCreditPreview()
{
    const attribution::OrderAttribution a = m_session.creditPreview();
    const LookupService lookup(m_till);
    auto nameOf = [&](const QString &id) {
        const auto g = lookup.guide(id);
        return g ? g->name : id;
    };
    QStringList parts;
    const qint64 total = m_session.cart().total().fen();
    for (const attribution::CreditPart &r : a.recipients) {
        const QString kind = r.kind == attribution::CreditKind::Exclusive ? tr("exclusive") : tr("sales");
        if (total == 0)
            parts.append(tr("%1 (%2)").arg(nameOf(r.guide), kind));
        else {
            const auto p = std::find_if(a.parts.cbegin(), a.parts.cend(), [&](const auto &x) { return x.guide == r.guide; });
            parts.append(tr("%1 %2 (%3)").arg(nameOf(r.guide), Money::fromFen(p != a.parts.cend() ? p->amount : 0).toString(), kind));
        }
    }
    m_creditPreview->setText(parts.isEmpty() ? tr("Credit: the store only (no guide)")
                                             : tr("Credit: %1").arg(parts.join(u" · "_s)));
}

} // namespace pos
