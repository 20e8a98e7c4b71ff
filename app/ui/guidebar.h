#pragma once

#include "core/people.h"

#include <QList>
#include <QWidget>

class QButtonGroup;
class QGridLayout;

namespace pos {

// One big button per active guide of the store: a single touch chooses who served the
// customer. The member's exclusive guide (专属导购) is marked.
class GuideBar : public QWidget
{
    Q_OBJECT
public:
    explicit GuideBar(QWidget *parent = nullptr);

    void setGuides(const QList<Guide> &guides);
    void setSelected(const QString &guideId);    // empty: none
    void setExclusive(const QString &guideId);   // empty: none

signals:
    // The cashier touched a guide's button; empty id when they touched the chosen one again.
    void guideTouched(const QString &guideId);

private:
    QGridLayout *m_grid;
    QButtonGroup *m_group;
    QList<Guide> m_guides;
    QString m_selected;
};

} // namespace pos
