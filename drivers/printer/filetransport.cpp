#include "filetransport.h"

#include "text/safetext.h"

#include <QCoreApplication>

namespace pos::printer {

bool FileTransport::open()
{
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered))
        return fail(tr("cannot open %1: %2").arg(shownPath(m_file.fileName()), m_file.errorString()));
    return true;
}

bool FileTransport::write(const QByteArray &bytes)
{
    if (m_file.write(bytes) != bytes.size() || !m_file.flush())
        return fail(tr("writing to %1 failed: %2").arg(shownPath(m_file.fileName()), m_file.errorString()));
    return true;
}

} // namespace pos::printer
