#include "heldsalesdialog.h"

#include "services/heldsaleservice.h"

#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace pos {

using namespace Qt::Literals::StringLiterals;

HeldSalesDialog::HeldSalesDialog(const HeldSaleService &held, QWidget *parent)
    : QDialog(parent), m_list(new QListWidget(this))
{
    setWindowTitle(tr("Held sales"));
    setObjectName(u"heldSalesDialog"_s);
    setMinimumSize(640, 480);
    auto *layout = new QVBoxLayout(this);
    m_list->setObjectName(u"heldSalesList"_s);
    layout->addWidget(m_list, 1);
    auto *close = new QPushButton(tr("Close"), this);
    layout->addWidget(close);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);

    const QList<HeldSaleSummary> sales = held.list();
    for (const HeldSaleSummary &s : sales) {
        auto *item = new QListWidgetItem(tr("%1   %n item(s)   %2", nullptr, s.itemCount)
                                             .arg(s.heldAt.toString(u"HH:mm"_s), s.total.toString()),
                                         m_list);
        item->setData(Qt::UserRole, s.id);
    }
    if (sales.isEmpty())
        m_list->addItem(tr("No sale is on hold."));
    connect(m_list, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        m_chosenId = item->data(Qt::UserRole).toLongLong();
        if (m_chosenId > 0)
            accept();
    });
}

} // namespace pos
