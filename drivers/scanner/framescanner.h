#pragma once

#include "imagedecoder.h"

#include <QImage>
#include <QObject>
#include <QThread>

namespace pos::scanner {

// Camera frames in, barcodes out. Frames are decoded one at a time on a thread of their own
// so that the preview never waits; while one is being decoded only the newest frame is kept
// (a camera sends 30 a second, a frame takes ~10 ms to decode, and old ones are stale).
class FrameScanner : public QObject
{
    Q_OBJECT
public:
    explicit FrameScanner(QObject *parent = nullptr);
    ~FrameScanner() override;

    // Hands over a frame; returns at once.
    void offer(const QImage &frame);
    int decodedFrames() const { return m_decoded; }

    static constexpr int maxFrameWidth = 1280; // larger frames are scaled down first

signals:
    // The first barcode in a frame: what a scanner would have sent (AIM id + payload), and
    // the symbology's name ("QRCode", "EAN-13"…).
    void found(const QString &code, const QString &format);

private:
    void decodeOnWorker(QImage frame);
    void decoded(const QList<DecodedBarcode> &barcodes);

    QThread m_thread;
    QObject *m_worker; // lives on m_thread: the context the decoding runs in
    bool m_busy = false;
    QImage m_next; // the newest frame that came while busy
    int m_decoded = 0;
};

} // namespace pos::scanner
