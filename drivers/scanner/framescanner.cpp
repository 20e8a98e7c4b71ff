#include "framescanner.h"

namespace pos::scanner {

FrameScanner::FrameScanner(QObject *parent) : QObject(parent), m_worker(new QObject)
{
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.setObjectName(QStringLiteral("frame-decoder"));
    m_thread.start();
}

FrameScanner::~FrameScanner()
{
    m_thread.quit();
    m_thread.wait(); // at most the frame being decoded
}

void FrameScanner::offer(const QImage &frame)
{
    if (frame.isNull())
        return;
    if (m_busy) {
        m_next = frame; // replaces any older one still waiting
        return;
    }
    decodeOnWorker(frame);
}

void FrameScanner::decodeOnWorker(QImage frame)
{
    m_busy = true;
    if (frame.width() > maxFrameWidth)
        frame = frame.scaledToWidth(maxFrameWidth, Qt::FastTransformation);
    QMetaObject::invokeMethod(m_worker, [this, frame] {
        const QList<DecodedBarcode> barcodes = ImageDecoder::decode(frame);
        // Back on the owner's thread; dropped there if the owner is gone by then.
        QMetaObject::invokeMethod(this, [this, barcodes] { decoded(barcodes); }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void FrameScanner::decoded(const QList<DecodedBarcode> &barcodes)
{
    m_busy = false;
    ++m_decoded;
    if (!barcodes.isEmpty()) {
        m_next = {};
        emit found(barcodes.first().symbology + barcodes.first().text, barcodes.first().format);
        return;
    }
    if (!m_next.isNull())
        decodeOnWorker(std::exchange(m_next, {}));
}

} // namespace pos::scanner
