#include "keyboardwedge.h"

#include <QApplication>
#include <QInputMethodEvent>
#include <QKeyEvent>
#include <QWidget>
#include <QLoggingCategory>

namespace pos {

Q_LOGGING_CATEGORY(lcWedge, "pos.scanner.wedge")

KeyboardWedge::KeyboardWedge(QObject *parent) : QObject(parent)
{
    m_gapTimer.setSingleShot(true);
    connect(&m_gapTimer, &QTimer::timeout, this, &KeyboardWedge::replayPending);
}

void KeyboardWedge::install()
{
    QCoreApplication::instance()->installEventFilter(this);
}

void KeyboardWedge::uninstall()
{
    QCoreApplication::instance()->removeEventFilter(this);
    replayPending();
}

bool KeyboardWedge::isPrintable(const QKeyEvent *event) const
{
    if (event->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))
        return false;
    const QString text = event->text();
    return text.size() == 1 && text.front().isPrint();
}

bool KeyboardWedge::isTerminator(const QKeyEvent *event) const
{
    return event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter
           || (m_settings.tabTerminates && event->key() == Qt::Key_Tab);
}

void KeyboardWedge::endStaleBurst()
{
    const bool withinGap = m_sinceLastKey.isValid() && m_sinceLastKey.elapsed() <= m_settings.maxInterKeyMs;
    if (!m_pending.isEmpty() && !withinGap)
        replayPending(); // the earlier keys were a person's: give them back first
}

bool KeyboardWedge::holdBack(QObject *watched, PendingKey key)
{
    endStaleBurst();
    key.receiver = watched;
    m_pending.append(std::move(key));
    m_sinceLastKey.start();
    m_gapTimer.start(m_settings.maxInterKeyMs + 1);
    return true; // held back until we know whether it is a scan
}

bool KeyboardWedge::eventFilter(QObject *watched, QEvent *event)
{
    const bool isKey = event->type() == QEvent::KeyPress;
    const bool isCommit = event->type() == QEvent::InputMethod;
    if ((!isKey && !isCommit) || m_replaying)
        return QObject::eventFilter(watched, event);
    if (!isFirstReceiver(watched))
        return false; // on its way from the window, or bubbling up to parents: decided elsewhere

    if (isCommit) {
        // Only plain commits can be a scanner's keys; composing (pinyin) is a person's.
        auto *im = static_cast<QInputMethodEvent *>(event);
        if (im->commitString().isEmpty() || !im->preeditString().isEmpty() || im->replacementLength() != 0)
            return false;
        return holdBack(watched, {{}, 0, Qt::NoModifier, im->commitString(), true});
    }
    auto *key = static_cast<QKeyEvent *>(event);
    if (isPrintable(key) && !key->isAutoRepeat())
        return holdBack(watched, {{}, key->key(), key->modifiers(), key->text()});

    endStaleBurst();
    if (isTerminator(key) && !m_pending.isEmpty()) {
        QString code;
        for (const PendingKey &k : std::as_const(m_pending))
            code += k.text;
        if (code.size() >= m_settings.minLength) {
            m_pending.clear();
            m_gapTimer.stop();
            if (!m_settings.prefix.isEmpty() && code.startsWith(m_settings.prefix))
                code.remove(0, m_settings.prefix.size());
            if (!m_settings.suffix.isEmpty() && code.endsWith(m_settings.suffix))
                code.chop(m_settings.suffix.size());
            qCDebug(lcWedge) << "scan" << code;
            emit scanned(code);
            return true;
        }
    }
    replayPending(); // anything else (arrows, Backspace, a short burst + Enter) goes through
    return false;
}

bool KeyboardWedge::isFirstReceiver(QObject *watched) const
{
    // A key travels window → focus widget → its parents (while ignored). It is decided once,
    // where the application delivers it: the focus widget, or the window when nothing has focus.
    if (!watched->isWidgetType())
        return false;
    QWidget *focus = QApplication::focusWidget();
    auto *widget = static_cast<QWidget *>(watched);
    return focus ? widget == focus : widget->isWindow();
}

void KeyboardWedge::replayPending()
{
    m_gapTimer.stop();
    const QList<PendingKey> keys = std::exchange(m_pending, {});
    m_replaying = true;
    for (const PendingKey &k : keys) {
        if (!k.receiver)
            continue;
        if (k.committed) {
            QInputMethodEvent commit;
            commit.setCommitString(k.text);
            QCoreApplication::sendEvent(k.receiver, &commit);
            continue;
        }
        QKeyEvent press(QEvent::KeyPress, k.key, k.modifiers, k.text);
        QCoreApplication::sendEvent(k.receiver, &press);
        QKeyEvent release(QEvent::KeyRelease, k.key, k.modifiers, k.text);
        QCoreApplication::sendEvent(k.receiver, &release);
    }
    m_replaying = false;
}

} // namespace pos
