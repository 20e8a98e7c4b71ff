#include "guidebar.h"

#include "theme.h"

#include <QButtonGroup>
#include <QGridLayout>
#include <QPushButton>
#include <QStyle>

namespace pos {

using namespace Qt::Literals::StringLiterals;

GuideBar::GuideBar(QWidget *parent)
    : QWidget(parent), m_grid(new QGridLayout(this)), m_group(new QButtonGroup(this))
{
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setSpacing(8);
    m_group->setExclusive(false); // we manage the single choice, so a second touch can clear it
}

void GuideBar::setGuides(const QList<Guide> &guides)
{
    qDeleteAll(m_group->buttons());
    m_guides = guides;
    constexpr int columns = 3;
    for (int i = 0; i < guides.size(); ++i) {
        const Guide &g = guides[i];
        auto *b = new QPushButton(g.name, this);
        b->setObjectName(u"guideButton_"_s + g.id);
        b->setCheckable(true);
        b->setFocusPolicy(Qt::NoFocus);
        b->setMinimumHeight(Theme::touchHeight);
        b->setToolTip(g.id);
        m_group->addButton(b);
        m_grid->addWidget(b, i / columns, i % columns);
        connect(b, &QPushButton::clicked, this, [this, id = g.id] {
            emit guideTouched(id == m_selected ? QString() : id);
        });
    }
    setSelected(m_selected);
}

void GuideBar::setSelected(const QString &guideId)
{
    m_selected = guideId;
    for (QAbstractButton *b : m_group->buttons())
        b->setChecked(b->objectName() == u"guideButton_"_s + guideId);
}

void GuideBar::setExclusive(const QString &guideId)
{
    for (int i = 0; i < m_guides.size(); ++i) {
        auto *b = findChild<QPushButton *>(u"guideButton_"_s + m_guides[i].id);
        if (!b)
            continue;
        const bool exclusive = m_guides[i].id == guideId;
        b->setText(exclusive ? tr("%1 ★Exclusive").arg(m_guides[i].name) : m_guides[i].name);
        Theme::setLook(b, "exclusive", exclusive);
    }
}

} // namespace pos
