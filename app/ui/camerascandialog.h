#pragma once

#include "scanconsumer.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QVideoFrame;

namespace pos {

namespace scanner {
class FrameScanner;
}

// Scans with the till's camera (a customer's member QR on their phone, a tag the hand
// scanner can't reach), or from a picture file. The first code read closes it; a scan from
// the hand scanner meanwhile counts as well. The camera needs a build with Qt Multimedia;
// without one, or without a camera, pictures still work.
class CameraScanDialog : public QDialog, public ScanConsumer
{
    Q_OBJECT
public:
    explicit CameraScanDialog(QWidget *parent = nullptr);
    ~CameraScanDialog() override;

    // What was read, as a scanner sends it (AIM id + payload); empty when cancelled.
    const QString &code() const { return m_code; }
    static bool hasCameraSupport();

    void consumeScan(const QString &code) override;
    // Decodes a picture; false (with the reason on screen) when it holds no barcode.
    bool scanImageFile(const QString &path);

private:
    void startCamera(int index);
    void stopCamera();
    void listCameras();
    void showFrame(const QVideoFrame &frame);
    void chooseImage();
    void finish(const QString &code);
    void say(const QString &text, bool error);

    struct Camera;
    Camera *m_camera = nullptr; // the Qt Multimedia part, when built with it
    scanner::FrameScanner *m_frames;
    QComboBox *m_cameras;
    QLabel *m_preview;
    QLabel *m_info;
    QString m_code;
};

} // namespace pos
