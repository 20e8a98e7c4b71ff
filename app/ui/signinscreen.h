#pragma once

#include "services/staffservice.h"

#include <QWidget>

class QButtonGroup;
class QGridLayout;
class QLabel;

namespace pos {

class PinPad;
class Till;

// The locked till: whoever comes to it touches their name (or scans their badge) and types
// their PIN. The sale on the screen behind waits as it was, so cashiers switch mid-sale.
class SignInScreen : public QWidget
{
    Q_OBJECT
public:
    explicit SignInScreen(Till &till, QWidget *parent = nullptr);

    // Shows who may sign in (people are added while the till runs) and clears the PIN.
    void reset(const QString &message = {});
    // The people offered brought up to date (someone added, disabled or removed meanwhile)
    // without disturbing whoever is typing their PIN — unless it is they who were taken off.
    void refreshPeople();
    // A scan while locked: a staff badge ("STAFF:C01", a guide's badge, or the bare id)
    // chooses the person; anything else is refused with a word why.
    void badgeScanned(const QString &code);
    QString chosenId() const { return m_chosen; }

signals:
    void signedIn(const pos::StaffMember &member);
    void firstPainted();

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void choose(const QString &id);
    void showPeople(const QList<StaffMember> &people);
    void tryPin(const QString &pin);
    Till &m_till;
    QWidget *m_people;
    QGridLayout *m_peopleGrid;
    QButtonGroup *m_buttons;
    QLabel *m_prompt;
    PinPad *m_pad;
    QLabel *m_message;
    QString m_chosen;
    QStringList m_offered; // the ids on the buttons
    bool m_painted = false;
};

} // namespace pos
