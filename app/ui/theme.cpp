#include "theme.h"

#include <QFrame>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

namespace pos {

using namespace Qt::Literals::StringLiterals;

QString Theme::styleSheet()
{
    return uR"(
QWidget { font-size: 14pt; }
QMainWindow, QDialog { background: #f4f5f7; }
#header { background: #1f3a5f; }
#header QLabel { color: white; font-size: 14pt; }
#storeLabel { font-weight: bold; font-size: 16pt; }
#header QPushButton { padding: 0 10px; }
#lockButton { background: #fff8e1; border: 2px solid #d4a017; }
QPushButton {
    min-height: 56px; padding: 0 14px; border-radius: 8px;
    background: white; border: 1px solid #c5cad3; color: #1d2430;
}
QPushButton:pressed { background: #dfe6f0; }
QPushButton:disabled { color: #9aa3af; background: #eef0f3; }
QPushButton:checked { background: #1f6feb; color: white; border-color: #1f6feb; }
QPushButton[exclusive="true"] { border: 3px solid #d4a017; }
QPushButton[exclusive="true"]:!checked { background: #fff8e1; }
#payButton, #finishPaymentButton {
    background: #1a7f37; color: white; font-size: 20pt; font-weight: bold; min-height: 72px; border: none;
}
#payButton:disabled, #finishPaymentButton:disabled { background: #9cc5a8; }
#voidLineButton, #clearSaleButton { color: #b42318; }
QLineEdit { min-height: 48px; padding: 0 10px; border: 2px solid #c5cad3; border-radius: 8px; background: white; }
QLineEdit:focus { border-color: #1f6feb; }
QTableView { background: white; border: 1px solid #c5cad3; border-radius: 8px; gridline-color: #eceef2; font-size: 15pt; }
QHeaderView::section { background: #eceff4; padding: 8px; border: none; font-size: 13pt; color: #4b5563; }
QListWidget { background: white; font-size: 15pt; }
QListWidget::item { min-height: 52px; padding: 4px 8px; }
QFrame#panel { background: white; border: 1px solid #d7dbe2; border-radius: 10px; }
QLabel.caption { color: #6b7280; font-size: 12pt; }
#totalLabel, #dueLabel { font-size: 34pt; font-weight: bold; color: #1d2430; }
#changeLabel { font-size: 28pt; font-weight: bold; color: #1a7f37; }
#messageLabel[error="true"], #signInMessage[error="true"] { color: #b42318; font-weight: bold; }
#messageLabel[error="false"], #signInMessage[error="false"] { color: #1a7f37; font-weight: bold; }
#memberInfo { font-size: 14pt; }
#signInTitle { font-size: 24pt; font-weight: bold; color: #1d2430; }
#signInPrompt { font-size: 18pt; font-weight: bold; }
#signInScreen QPushButton { font-size: 16pt; }
#pinField { font-size: 24pt; letter-spacing: 8px; }
#creditPreview { font-size: 13pt; color: #7a4d00; }
#leaderboardTable { font-size: 18pt; }
QStatusBar { background: #e5e7eb; font-size: 12pt; }
#printStatus { background: #e8f3ec; }
#printStatus[error="true"] { background: #fde8e6; }
#printStatus[error="true"] QLabel { color: #b42318; font-weight: bold; }
)"_s;
}

QPushButton *Theme::touchButton(const QString &text, const QString &objectName, QWidget *parent)
{
    auto *b = new QPushButton(text, parent);
    b->setObjectName(objectName);
    b->setMinimumHeight(touchHeight);
    b->setFocusPolicy(Qt::NoFocus); // the scan box keeps the keyboard
    return b;
}

QFrame *Theme::panel(QWidget *parent)
{
    auto *f = new QFrame(parent);
    f->setObjectName(QStringLiteral("panel"));
    return f;
}

QLabel *Theme::caption(const QString &text, QWidget *parent)
{
    auto *l = new QLabel(text, parent);
    l->setProperty("class", QStringLiteral("caption"));
    return l;
}

void Theme::setLook(QWidget *widget, const char *property, bool on)
{
    widget->setProperty(property, on);
    widget->style()->unpolish(widget); // style sheets match properties only when repolished
    widget->style()->polish(widget);
}

void Theme::showMessage(QLabel *label, const QString &text, bool error)
{
    label->setText(text);
    setLook(label, "error", error);
}

} // namespace pos
