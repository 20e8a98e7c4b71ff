#pragma once

#include <QDate>
#include <QDialog>

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;
class QTabWidget;

namespace pos {

class Till;

// The store manager's leaderboard: a day (today or any other) ranked per guide with a
// bar each, the month with commission and target progress, and a guide's own view.
class LeaderboardDialog : public QDialog
{
    Q_OBJECT
public:
    explicit LeaderboardDialog(const Till &till, QWidget *parent = nullptr);
    void showDay(QDate date);
    QDate day() const { return m_day; }

private:
    QWidget *buildDayTab();
    QWidget *buildMonthTab();
    QWidget *buildMineTab();
    void refreshMonth();
    void refreshMine();
    void showCreditsOfSelected();

    const Till &m_till;
    QDate m_day;
    QTabWidget *m_tabs;
    QLabel *m_dayLabel;
    QLabel *m_onlineNote;
    QTableWidget *m_dayTable;
    QPushButton *m_whyButton;
    QLabel *m_monthLabel;
    QTableWidget *m_monthTable;
    QComboBox *m_guidePicker;
    QLabel *m_mine;
};

} // namespace pos
