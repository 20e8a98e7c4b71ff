#pragma once

#include <QByteArray>
#include <QMutex>
#include <QSemaphore>
#include <QThread>

class QTcpServer;

namespace pos::test {

// A network receipt printer on 127.0.0.1 for tests: a real TCP server on its own thread that
// records every byte, answers DLE EOT status requests as scripted, and can stay silent or
// drop the connection part-way through a job.
class FakeNetworkPrinter : public QThread
{
    Q_OBJECT
public:
    enum class State { Ready, PaperOut, CoverOpen, Silent };

    FakeNetworkPrinter();
    ~FakeNetworkPrinter() override;

    quint16 port() const { return m_port; }
    void setState(State state);
    // Closes the connection once this many bytes have arrived (0: never).
    void dropAfter(qint64 bytes);
    // Unplugged from the network (connections are refused), and back on the same port.
    void setReachable(bool reachable);
    QByteArray received() const;
    void clear();

protected:
    void run() override;

private:
    mutable QMutex m_mutex;
    State m_state = State::Ready;
    qint64 m_dropAfter = 0;
    QByteArray m_received;
    quint16 m_port = 0;
    QTcpServer *m_server = nullptr; // lives on this thread
    QSemaphore m_listening;
};

} // namespace pos::test
