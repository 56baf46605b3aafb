#include "web/connection.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <iostream>
#include <mutex>
#include <thread>
#include <type_traits>
#include <unordered_map>

namespace massagelog::web {

namespace {

constexpr std::size_t k_buffer = 16 * 1024;
// How often a wait looks up from its socket (the server may be stopping).
constexpr std::chrono::milliseconds k_tick{100};
// How long the rest of a refused request is read and dropped.
constexpr std::chrono::milliseconds k_linger{2'000};

thread_local Connection* t_current = nullptr;

// Who is connected: connections per address and in all.
class Admission {
public:
    bool admit(const std::string& address, const Limits& limits)
    {
        std::lock_guard lock(m_mutex);
        int& mine = m_by_address[address];
        const bool proxy = !limits.proxy.empty() && address == limits.proxy;
        if (m_total >= limits.connections || (!proxy && mine >= limits.per_address)) {
            if (mine == 0)
                m_by_address.erase(address);
            return false;
        }
        ++mine;
        ++m_total;
        return true;
    }
    void leave(const std::string& address)
    {
        std::lock_guard lock(m_mutex);
        if (--m_by_address[address] == 0)
            m_by_address.erase(address);
        --m_total;
    }

private:
    std::mutex m_mutex;
    std::unordered_map<std::string, int> m_by_address;
    int m_total = 0;
};

// The address (and port) at the far end of `fd`, or at this end.
enum class End { peer, local };
std::string address_of(int fd, End end, int* port = nullptr)
{
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    char text[INET6_ADDRSTRLEN] = "";
    auto* any = reinterpret_cast<sockaddr*>(&addr);
    if ((end == End::peer ? getpeername(fd, any, &len) : getsockname(fd, any, &len)) != 0)
        return text;
    if (addr.ss_family == AF_INET) {
        auto* in = reinterpret_cast<sockaddr_in*>(&addr);
        inet_ntop(AF_INET, &in->sin_addr, text, sizeof text);
        if (port)
            *port = ntohs(in->sin_port);
    } else if (addr.ss_family == AF_INET6) {
        auto* in = reinterpret_cast<sockaddr_in6*>(&addr);
        inet_ntop(AF_INET6, &in->sin6_addr, text, sizeof text);
        if (port)
            *port = ntohs(in->sin6_port);
    }
    return text;
}

// One request's reads and writes, as cpp-httplib sees them.
class RequestStream : public httplib::Stream {
public:
    explicit RequestStream(Connection& c) : m_c(c) {}
    bool is_readable() const override { return m_c.readable(); }
    bool is_writable() const override { return m_c.writable(); }
    ssize_t read(char* ptr, size_t size) override { return m_c.read(ptr, size); }
    ssize_t write(const char* ptr, size_t size) override { return m_c.write(ptr, size); }
    void get_remote_ip_and_port(std::string& ip, int& port) const override
    {
        ip = address_of(m_c.fd(), End::peer, &port);
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override
    {
        ip = address_of(m_c.fd(), End::local, &port);
    }
    socket_t socket() const override { return m_c.fd(); }

private:
    Connection& m_c;
};

// A thread for each connection while it lasts: a slow client holds its
// own, never one another client waits for. shutdown() waits for them all.
class ThreadPerConnection : public httplib::TaskQueue {
public:
    void enqueue(std::function<void()> fn) override
    {
        {
            std::lock_guard lock(m_mutex);
            ++m_running;
        }
        auto task = std::make_shared<std::function<void()>>(std::move(fn));
        try {
            std::thread([this, task] {
                (*task)();
                done();
            }).detach();
        } catch (const std::system_error&) {
            // No thread to be had: the connection is closed unserved.
            t_refuse = true;
            (*task)();
            t_refuse = false;
            done();
        }
    }
    void shutdown() override
    {
        std::unique_lock lock(m_mutex);
        m_idle.wait(lock, [this] { return m_running == 0; });
    }
    static thread_local bool t_refuse;

private:
    void done()
    {
        std::lock_guard lock(m_mutex);
        if (--m_running == 0)
            m_idle.notify_all();
    }
    std::mutex m_mutex;
    std::condition_variable m_idle;
    int m_running = 0;
};
thread_local bool ThreadPerConnection::t_refuse = false;

// The listening socket of a bounded server, whatever its base.
class Listening {
public:
    virtual ~Listening() = default;
    virtual int listening_socket() const = 0;
};

template <class Base> class BoundedServer : public Base, public Listening {
public:
    int listening_socket() const override { return this->svr_sock_; }

    template <class... Args>
    BoundedServer(const Limits& limits, Args&&... args)
        : Base(std::forward<Args>(args)...), m_limits(limits)
    {
        this->new_task_queue = [] { return new ThreadPerConnection; };
    }

private:
    bool process_and_close_socket(socket_t sock) override
    {
        bool ok = false;
        const std::string address = address_of(sock, End::peer);
        if (!ThreadPerConnection::t_refuse && m_admission.admit(address, m_limits)) {
            ok = serve_connection(sock);
            m_admission.leave(address);
        }
        ::shutdown(sock, SHUT_RDWR);
        ::close(sock);
        return ok;
    }

    bool serve_connection(int sock)
    {
        int flags = fcntl(sock, F_GETFL, 0);
        fcntl(sock, F_SETFL, flags | O_NONBLOCK);
        Connection c(sock, m_limits);
        if constexpr (std::is_same_v<Base, httplib::SSLServer>) {
            if (!c.accept_tls(this->ssl_context()))
                return false;
        }
        t_current = &c;
        bool ok = false;
        auto stopping = [this] { return this->svr_sock_ == INVALID_SOCKET; };
        bool first = true;
        for (std::size_t left = this->keep_alive_max_count_; left > 0; --left) {
            if (!c.wait_for_request(first, stopping))
                break;
            c.request_begins(first);
            first = false;
            RequestStream stream(c);
            bool closed = false;
            ok = this->process_request(stream, left == 1 || c.closing(), closed,
                                       [&c](httplib::Request& req) { req.ssl = c.ssl(); });
            if (!ok || closed || c.closing() || c.overrun() != Overrun::none)
                break;
        }
        t_current = nullptr;
        c.end(ok);
        return ok;
    }

    const Limits m_limits;
    Admission m_admission;
};

} // namespace

Connection* Connection::current()
{
    return t_current;
}

Connection::Connection(int fd, const Limits& limits)
    : m_fd(fd), m_limits(limits), m_opened(Clock::now()), m_buffer(new char[k_buffer])
{
}

Connection::~Connection()
{
    if (m_ssl)
        SSL_free(m_ssl);
}

bool Connection::wait(short events, Clock::time_point deadline)
{
    while (true) {
        auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0)
            return false;
        pollfd p{m_fd, events, 0};
        int n = ::poll(&p, 1, static_cast<int>(left.count()));
        if (n > 0)
            return true;
        if (n < 0 && errno != EINTR)
            return false;
    }
}

bool Connection::accept_tls(SSL_CTX* context)
{
    m_ssl = SSL_new(context);
    if (!m_ssl || SSL_set_fd(m_ssl, m_fd) != 1)
        return false;
    const auto deadline = m_opened + m_limits.header_time;
    while (true) {
        ERR_clear_error();
        int r = SSL_accept(m_ssl);
        if (r == 1)
            return true;
        int err = SSL_get_error(m_ssl, r);
        if (err == SSL_ERROR_WANT_READ && wait(POLLIN, deadline))
            continue;
        if (err == SSL_ERROR_WANT_WRITE && wait(POLLOUT, deadline))
            continue;
        return false;
    }
}

bool Connection::wait_for_request(bool first, const std::function<bool()>& stopping)
{
    if (m_begin < m_end || (m_ssl && SSL_pending(m_ssl) > 0))
        return true;
    const auto deadline =
        first ? m_opened + m_limits.header_time : Clock::now() + m_limits.idle_time;
    while (!stopping()) {
        const auto now = Clock::now();
        if (now >= deadline)
            return false;
        const auto slice = std::min<Clock::time_point>(deadline, now + k_tick);
        if (wait(POLLIN, slice))
            return true;
    }
    return false;
}

void Connection::request_begins(bool first)
{
    m_deadline = (first ? m_opened : Clock::now()) + m_limits.header_time;
    m_budget = m_limits.header_bytes;
    m_in_body = false;
    m_write_deadline.reset();
    m_overrun = Overrun::none;
}

void Connection::body_begins()
{
    m_deadline = Clock::now() + m_limits.body_time;
    // Chunk framing is counted with the body: a body sent in one-byte
    // chunks runs out sooner, never later.
    m_budget = m_limits.body_bytes + 1024;
    m_in_body = true;
}

bool Connection::fill()
{
    while (true) {
        ssize_t n = 0;
        if (m_ssl) {
            ERR_clear_error();
            n = SSL_read(m_ssl, m_buffer.get(), static_cast<int>(k_buffer));
            if (n <= 0) {
                int err = SSL_get_error(m_ssl, static_cast<int>(n));
                if (err == SSL_ERROR_ZERO_RETURN)
                    return false;
                if ((err == SSL_ERROR_WANT_READ && wait(POLLIN, m_deadline)) ||
                    (err == SSL_ERROR_WANT_WRITE && wait(POLLOUT, m_deadline)))
                    continue;
                if (Clock::now() >= m_deadline)
                    m_overrun = Overrun::time;
                return false;
            }
        } else {
            n = ::recv(m_fd, m_buffer.get(), k_buffer, 0);
            if (n == 0)
                return false;
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                if ((errno == EAGAIN || errno == EWOULDBLOCK) && wait(POLLIN, m_deadline))
                    continue;
                if (Clock::now() >= m_deadline)
                    m_overrun = Overrun::time;
                return false;
            }
        }
        m_begin = 0;
        m_end = static_cast<std::size_t>(n);
        return true;
    }
}

ssize_t Connection::read(char* to, std::size_t size)
{
    if (m_budget == 0) {
        m_overrun = m_in_body ? Overrun::body : Overrun::headers;
        return -1;
    }
    if (m_begin == m_end && !fill())
        return m_overrun == Overrun::none ? 0 : -1;
    std::size_t n = std::min({size, m_budget, m_end - m_begin});
    std::memcpy(to, m_buffer.get() + m_begin, n);
    m_begin += n;
    m_budget -= n;
    return static_cast<ssize_t>(n);
}

bool Connection::readable()
{
    return m_begin < m_end || (m_ssl && SSL_pending(m_ssl) > 0) || wait(POLLIN, m_deadline);
}

bool Connection::writable()
{
    if (!m_write_deadline)
        m_write_deadline = Clock::now() + m_limits.write_time;
    return wait(POLLOUT, *m_write_deadline);
}

ssize_t Connection::write(const char* from, std::size_t size)
{
    if (!m_write_deadline)
        m_write_deadline = Clock::now() + m_limits.write_time;
    std::size_t done = 0;
    while (done < size) {
        ssize_t n = 0;
        if (m_ssl) {
            ERR_clear_error();
            n = SSL_write(m_ssl, from + done, static_cast<int>(std::min<std::size_t>(
                                                  size - done, 1 << 30)));
            if (n <= 0) {
                int err = SSL_get_error(m_ssl, static_cast<int>(n));
                if ((err == SSL_ERROR_WANT_WRITE && wait(POLLOUT, *m_write_deadline)) ||
                    (err == SSL_ERROR_WANT_READ && wait(POLLIN, *m_write_deadline)))
                    continue;
                return -1;
            }
        } else {
            n = ::send(m_fd, from + done, size - done, MSG_NOSIGNAL);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                if ((errno == EAGAIN || errno == EWOULDBLOCK) &&
                    wait(POLLOUT, *m_write_deadline))
                    continue;
                return -1;
            }
        }
        done += static_cast<std::size_t>(n);
    }
    return static_cast<ssize_t>(done);
}

void Connection::end(bool gracefully)
{
    if (m_ssl && gracefully) {
        ERR_clear_error();
        SSL_shutdown(m_ssl); // one try: the client need not answer
    }
    if (!m_closing && m_overrun == Overrun::none)
        return;
    ::shutdown(m_fd, SHUT_WR);
    const auto deadline = Clock::now() + k_linger;
    std::size_t dropped = 0;
    while (dropped < m_limits.body_bytes && wait(POLLIN, deadline)) {
        ssize_t n = ::recv(m_fd, m_buffer.get(), k_buffer, 0);
        if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN))
            break;
        if (n > 0)
            dropped += static_cast<std::size_t>(n);
    }
}

std::unique_ptr<httplib::Server> bounded_server(const Limits& limits,
                                                const std::optional<TlsFiles>& tls)
{
    if (tls)
        return std::make_unique<BoundedServer<httplib::SSLServer>>(limits, tls->cert.c_str(),
                                                                  tls->key.c_str());
    return std::make_unique<BoundedServer<httplib::Server>>(limits);
}

void widen_backlog(httplib::Server& server, const Limits& limits)
{
    if (auto* bounded = dynamic_cast<Listening*>(&server)) {
        int fd = bounded->listening_socket();
        if (fd != INVALID_SOCKET)
            ::listen(fd, limits.connections); // again: Linux takes the new length
    }
}

} // namespace massagelog::web
