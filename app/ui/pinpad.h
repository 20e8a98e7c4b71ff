#pragma once

#include <QWidget>

class QLineEdit;

namespace pos {

// Digits for a PIN, big enough for a finger: 1–9, 0, back and OK. A keyboard (or a USB
// keypad) types into the same field. The PIN shows only as dots.
class PinPad : public QWidget
{
    Q_OBJECT
public:
    explicit PinPad(QWidget *parent = nullptr);
    QString pin() const;
    void clear();
    QLineEdit *field() const { return m_field; }

signals:
    void entered(const QString &pin);

private:
    QLineEdit *m_field;
};

} // namespace pos
