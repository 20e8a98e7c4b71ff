#pragma once

#include <QCoreApplication>

#include "printerprofile.h"
#include "transport.h"

namespace pos::printer {

// A printer that draws: collects the job's bytes and, when the job is done (drain), renders
// them (EscPosRenderer) into a PNG — what the real printer of this profile would print.
class PngTransport final : public Transport
{
    Q_DECLARE_TR_FUNCTIONS(PngTransport)
public:
    PngTransport(QString path, PrinterProfile profile) : m_path(std::move(path)), m_profile(std::move(profile)) {}
    bool open() override;
    bool write(const QByteArray &bytes) override;
    // Renders and saves; false (with errorString) when the file can't be written.
    bool drain(int timeoutMs) override;
    void close() override;

private:
    QString m_path;
    PrinterProfile m_profile;
    QByteArray m_bytes;
    bool m_open = false;
};

} // namespace pos::printer
