#pragma once

#include <QDialog>

class QListWidget;

namespace pos {

class HeldSaleService;

// The sales put on hold (挂单), newest last; touching one resumes it.
class HeldSalesDialog : public QDialog
{
    Q_OBJECT
public:
    HeldSalesDialog(const HeldSaleService &held, QWidget *parent = nullptr);
    qint64 chosenId() const { return m_chosenId; }

private:
    QListWidget *m_list;
    qint64 m_chosenId = 0;
};

} // namespace pos
