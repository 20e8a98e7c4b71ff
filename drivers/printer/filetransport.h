#pragma once

#include <QCoreApplication>

#include "transport.h"

#include <QFile>

namespace pos::printer {

// A printer seen as a device file (/dev/usb/lp0 through the kernel's usblp driver).
class FileTransport final : public Transport
{
    Q_DECLARE_TR_FUNCTIONS(FileTransport)
public:
    explicit FileTransport(QString path) : m_file(std::move(path)) {}
    bool open() override;
    bool write(const QByteArray &bytes) override;
    void close() override { m_file.close(); }

private:
    QFile m_file;
};

} // namespace pos::printer
