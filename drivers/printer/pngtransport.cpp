#include "pngtransport.h"

#include "text/safetext.h"

#include "escposrenderer.h"

#include <QCoreApplication>
#include <QImageWriter>

namespace pos::printer {

bool PngTransport::open()
{
    m_bytes.clear();
    m_open = true;
    return true;
}

bool PngTransport::write(const QByteArray &bytes)
{
    if (!m_open)
        return fail(tr("the preview is not open"));
    m_bytes += bytes;
    return true;
}

bool PngTransport::drain(int /*timeoutMs*/)
{
    QImageWriter writer(m_path, "png");
    if (!writer.write(EscPosRenderer(m_profile).render(m_bytes)))
        return fail(tr("cannot write the preview %1: %2").arg(shownPath(m_path), writer.errorString()));
    return true;
}

void PngTransport::close()
{
    m_open = false;
}

} // namespace pos::printer
