#include "camerascandialog.h"

#include "theme.h"

#include "scanner/framescanner.h"
#include "scanner/imagedecoder.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

#ifdef POS_HAVE_CAMERA
#include <QCamera>
#include <QCameraDevice>
#include <QMediaCaptureSession>
#include <QMediaDevices>
#include <QVideoFrame>
#include <QVideoSink>
#endif

namespace pos {

using namespace Qt::Literals::StringLiterals;

#ifdef POS_HAVE_CAMERA
struct CameraScanDialog::Camera
{
    QMediaDevices devices;
    QMediaCaptureSession session;
    QVideoSink *sink = nullptr;
    QCamera *camera = nullptr;
    QList<QCameraDevice> inputs;
};
#else
struct CameraScanDialog::Camera
{
};
#endif

CameraScanDialog::CameraScanDialog(QWidget *parent)
    : QDialog(parent), m_frames(new scanner::FrameScanner(this)), m_cameras(new QComboBox(this)),
      m_preview(new QLabel(this)), m_info(new QLabel(this))
{
    setObjectName(u"cameraScanDialog"_s);
    setWindowTitle(tr("Scan with the camera"));
    setMinimumSize(760, 640);
    auto *v = new QVBoxLayout(this);
    m_cameras->setObjectName(u"cameraChoice"_s);
    m_cameras->setMinimumHeight(48);
    m_preview->setObjectName(u"cameraPreview"_s);
    m_preview->setMinimumSize(640, 400);
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setStyleSheet(u"background: #202124; color: #e8eaed;"_s);
    m_info->setObjectName(u"cameraInfo"_s);
    m_info->setWordWrap(true);
    m_info->setMinimumHeight(48);
    v->addWidget(m_cameras);
    v->addWidget(m_preview, 1);
    v->addWidget(m_info);
    auto *buttons = new QHBoxLayout;
    auto *image = Theme::touchButton(tr("Scan a picture…"), u"scanPictureButton"_s, this);
    auto *cancel = Theme::touchButton(tr("Cancel"), u"cameraCancelButton"_s, this);
    connect(image, &QPushButton::clicked, this, &CameraScanDialog::chooseImage);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    buttons->addWidget(image);
    buttons->addStretch(1);
    buttons->addWidget(cancel);
    v->addLayout(buttons);
    connect(m_frames, &scanner::FrameScanner::found, this, [this](const QString &code) { finish(code); });

#ifdef POS_HAVE_CAMERA
    m_camera = new Camera;
    m_camera->sink = new QVideoSink(this);
    m_camera->sink->setObjectName(u"cameraSink"_s);
    m_camera->session.setVideoSink(m_camera->sink);
    connect(m_camera->sink, &QVideoSink::videoFrameChanged, this, &CameraScanDialog::showFrame);
    connect(m_cameras, &QComboBox::activated, this, &CameraScanDialog::startCamera);
    // A camera plugged in (or out) while the dialog is open.
    connect(&m_camera->devices, &QMediaDevices::videoInputsChanged, this, &CameraScanDialog::listCameras);
#endif
    listCameras();
}

CameraScanDialog::~CameraScanDialog()
{
    stopCamera();
    delete m_camera;
}

bool CameraScanDialog::hasCameraSupport()
{
#ifdef POS_HAVE_CAMERA
    return true;
#else
    return false;
#endif
}

void CameraScanDialog::listCameras()
{
    m_cameras->clear();
#ifdef POS_HAVE_CAMERA
    stopCamera();
    m_camera->inputs = QMediaDevices::videoInputs();
    for (const QCameraDevice &device : std::as_const(m_camera->inputs))
        m_cameras->addItem(device.description());
    if (!m_camera->inputs.isEmpty()) {
        const int preferred = qMax(0, m_camera->inputs.indexOf(QMediaDevices::defaultVideoInput()));
        m_cameras->setCurrentIndex(preferred);
        startCamera(preferred);
        return;
    }
#endif
    m_cameras->hide();
    m_preview->setText(hasCameraSupport() ? tr("No camera found.") : tr("This till was built without camera support."));
    say(tr("Scan a picture instead, or use the hand scanner."), false);
}

void CameraScanDialog::startCamera(int index)
{
#ifdef POS_HAVE_CAMERA
    stopCamera();
    if (index < 0 || index >= m_camera->inputs.size())
        return;
    m_cameras->show();
    m_cameras->setEnabled(m_camera->inputs.size() > 1);
    m_camera->camera = new QCamera(m_camera->inputs[index], this);
    connect(m_camera->camera, &QCamera::errorOccurred, this, [this](QCamera::Error, const QString &text) {
        say(tr("The camera stopped: %1").arg(text), true);
    });
    m_camera->session.setCamera(m_camera->camera);
    m_camera->camera->start();
    m_preview->setText(tr("Starting the camera…"));
    say(tr("Hold the barcode or QR code up to the camera."), false);
#else
    Q_UNUSED(index);
#endif
}

void CameraScanDialog::stopCamera()
{
#ifdef POS_HAVE_CAMERA
    if (m_camera && m_camera->camera) {
        m_camera->session.setCamera(nullptr);
        m_camera->camera->stop();
        delete m_camera->camera;
        m_camera->camera = nullptr;
    }
#endif
}

void CameraScanDialog::showFrame(const QVideoFrame &frame)
{
#ifdef POS_HAVE_CAMERA
    if (!m_code.isEmpty())
        return;
    const QImage image = frame.toImage();
    if (image.isNull())
        return;
    m_preview->setPixmap(QPixmap::fromImage(image.scaled(m_preview->size(), Qt::KeepAspectRatio, Qt::FastTransformation)));
    m_frames->offer(image);
#else
    Q_UNUSED(frame);
#endif
}

void CameraScanDialog::chooseImage()
{
    QFileDialog files(this, tr("A picture with a barcode"));
    files.setObjectName(u"pictureFileDialog"_s);
    files.setOption(QFileDialog::DontUseNativeDialog); // touch-sized, and the same everywhere
    files.setFileMode(QFileDialog::ExistingFile);
    files.setNameFilter(tr("Pictures (*.png *.jpg *.jpeg *.bmp *.gif *.webp)"));
    if (files.exec() == QDialog::Accepted && !files.selectedFiles().isEmpty())
        scanImageFile(files.selectedFiles().constFirst());
}

bool CameraScanDialog::scanImageFile(const QString &path)
{
    QImageReader reader(path);
    reader.setAutoTransform(true); // a phone photo's EXIF rotation
    const QImage image = reader.read();
    if (image.isNull()) {
        say(tr("Cannot read %1 as a picture: %2").arg(path, reader.errorString()), true);
        return false;
    }
    const QList<scanner::DecodedBarcode> found = scanner::ImageDecoder::decode(image);
    if (found.isEmpty()) {
        say(tr("No barcode found in %1.").arg(path), true);
        return false;
    }
    finish(found.first().symbology + found.first().text);
    return true;
}

void CameraScanDialog::consumeScan(const QString &code)
{
    finish(code); // the hand scanner was quicker
}

void CameraScanDialog::finish(const QString &code)
{
    if (!m_code.isEmpty() || code.isEmpty())
        return;
    m_code = code;
    stopCamera();
    accept();
}

void CameraScanDialog::say(const QString &text, bool error)
{
    Theme::showMessage(m_info, text, error);
}

} // namespace pos
