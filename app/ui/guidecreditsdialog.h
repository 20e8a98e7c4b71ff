#pragma once

#include <QDate>
#include <QDialog>

class QLabel;
class QTableWidget;

namespace pos {

class Till;

// The manager's "why?": one guide's credits and reversals of one day, and for the chosen
// one the sentence saying why it went to this guide (spec §9).
class GuideCreditsDialog : public QDialog
{
    Q_OBJECT
public:
    GuideCreditsDialog(const Till &till, const QString &guideId, QDate date, QWidget *parent = nullptr);

private:
    QTableWidget *m_table;
    QLabel *m_why;
};

} // namespace pos
