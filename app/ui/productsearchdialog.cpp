#include "productsearchdialog.h"

#include "services/lookupservice.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace pos {

using namespace Qt::Literals::StringLiterals;

ProductSearchDialog::ProductSearchDialog(const LookupService &lookup, const QString &initialText, QWidget *parent)
    : QDialog(parent), m_lookup(lookup), m_input(new QLineEdit(this)), m_results(new QListWidget(this))
{
    setWindowTitle(tr("Find a product"));
    setObjectName(u"productSearchDialog"_s);
    setMinimumSize(720, 560);
    auto *layout = new QVBoxLayout(this);
    m_input->setObjectName(u"productSearchInput"_s);
    m_input->setPlaceholderText(tr("Name, pinyin initials (e.g. LYQ) or SKU"));
    m_input->setText(initialText);
    m_results->setObjectName(u"productSearchResults"_s);
    auto *close = new QPushButton(tr("Close"), this);
    layout->addWidget(m_input);
    layout->addWidget(m_results, 1);
    layout->addWidget(close);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_input, &QLineEdit::textChanged, this, &ProductSearchDialog::search);
    connect(m_results, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        m_chosen = m_items.value(m_results->row(item));
        accept();
    });
    connect(m_input, &QLineEdit::returnPressed, this, [this] {
        if (m_items.size() == 1) {
            m_chosen = m_items.front();
            accept();
        }
    });
    search();
}

void ProductSearchDialog::search()
{
    m_items = m_lookup.searchProducts(m_input->text(), 60);
    m_results->clear();
    for (const CatalogItem &i : m_items)
        m_results->addItem(i.name + u"    "_s + i.price.toString() + u"    "_s + i.sku);
    if (!m_input->text().trimmed().isEmpty() && m_items.isEmpty())
        m_results->addItem(tr("No product matches \"%1\".").arg(m_input->text().trimmed()));
}

} // namespace pos
