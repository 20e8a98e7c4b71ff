#pragma once

#include "wedgesettings.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QKeyEvent;

namespace pos {

// A barcode scanner in keyboard-wedge mode types its code very fast and ends with Enter.
// This application-wide filter recognises such bursts wherever the focus is and delivers
// them as scans; keys typed at human speed are handed back to the widget they were meant
// for, unchanged (delayed by at most one inter-key gap).
// With a Chinese input method on, the scanner's keys may reach the till as the input
// method's commits instead (full-width ６９５１… in full-width mode, ： for :): commits with
// nothing being composed count as keys of the burst, and the parser folds the widths back.
class KeyboardWedge : public QObject
{
    Q_OBJECT
public:
    using Settings = scanner::WedgeSettings;

    explicit KeyboardWedge(QObject *parent = nullptr);
    void setSettings(const Settings &settings) { m_settings = settings; }
    const Settings &settings() const { return m_settings; }

    // Starts watching every key press of the application.
    void install();
    void uninstall();

signals:
    void scanned(const QString &code);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct PendingKey
    {
        QPointer<QObject> receiver;
        int key;
        Qt::KeyboardModifiers modifiers;
        QString text;
        bool committed = false; // came as an input method's commit, and goes back as one
    };

    bool isPrintable(const QKeyEvent *event) const;
    bool holdBack(QObject *watched, PendingKey key);
    void endStaleBurst();
    bool isTerminator(const QKeyEvent *event) const;
    void replayPending();

    Settings m_settings;
    QList<PendingKey> m_pending;
    QElapsedTimer m_sinceLastKey;
    QTimer m_gapTimer;
    bool isFirstReceiver(QObject *watched) const;
    bool m_replaying = false;
};

} // namespace pos
