#include "pinpad.h"

#include "theme.h"

#include <QGridLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace pos {

using namespace Qt::Literals::StringLiterals;

PinPad::PinPad(QWidget *parent) : QWidget(parent), m_field(new QLineEdit(this))
{
    auto *v = new QVBoxLayout(this);
    v->setContentsMargins(0, 0, 0, 0);
    m_field->setObjectName(u"pinField"_s);
    m_field->setEchoMode(QLineEdit::Password);
    m_field->setAlignment(Qt::AlignCenter);
    m_field->setValidator(new QRegularExpressionValidator(QRegularExpression(u"\\d{0,6}"_s), m_field));
    m_field->setAttribute(Qt::WA_InputMethodEnabled, false); // digits, never pinyin
    m_field->setMinimumHeight(Theme::touchHeight);
    v->addWidget(m_field);
    connect(m_field, &QLineEdit::returnPressed, this, [this] { emit entered(pin()); });

    auto *grid = new QGridLayout;
    grid->setSpacing(8);
    auto key = [&](const QString &text, const QString &name, int row, int column, auto onPress) {
        auto *b = Theme::touchButton(text, name, this);
        b->setMinimumSize(Theme::touchHeight + 24, Theme::touchHeight + 4);
        b->setFocusPolicy(Qt::NoFocus); // the field keeps the keyboard
        connect(b, &QPushButton::clicked, this, onPress);
        grid->addWidget(b, row, column);
    };
    for (int digit = 1; digit <= 9; ++digit)
        key(QString::number(digit), u"pinKey%1"_s.arg(digit), (digit - 1) / 3, (digit - 1) % 3,
            [this, digit] { m_field->insert(QString::number(digit)); });
    key(tr("⌫"), u"pinBack"_s, 3, 0, [this] { m_field->backspace(); });
    key(u"0"_s, u"pinKey0"_s, 3, 1, [this] { m_field->insert(u"0"_s); });
    key(tr("OK"), u"pinOk"_s, 3, 2, [this] { emit entered(pin()); });
    v->addLayout(grid);
}

QString PinPad::pin() const
{
    return m_field->text();
}

void PinPad::clear()
{
    m_field->clear();
}

} // namespace pos
