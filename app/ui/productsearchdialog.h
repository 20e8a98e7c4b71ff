#pragma once

#include "core/catalogitem.h"

#include <QDialog>
#include <QList>

class QLineEdit;
class QListWidget;

namespace pos {

class LookupService;

// Find a product without a barcode: by name, pinyin initials (LYQ for 连衣裙) or SKU.
// Touching a result chooses it.
class ProductSearchDialog : public QDialog
{
    Q_OBJECT
public:
    ProductSearchDialog(const LookupService &lookup, const QString &initialText, QWidget *parent = nullptr);
    const CatalogItem &chosen() const { return m_chosen; }

private:
    void search();
    const LookupService &m_lookup;
    QLineEdit *m_input;
    QListWidget *m_results;
    QList<CatalogItem> m_items;
    CatalogItem m_chosen;
};

} // namespace pos
