#pragma once
// The web server's connections: how long and how much a client may take
// before it is answered. cpp-httplib parses each request and writes each
// answer; underneath it, this layer owns the socket (and its TLS), so that
// a slow client, a flood or an endless body holds one thread of its own for
// a bounded time and a bounded number of bytes, and one address holds a
// bounded number of connections (SPEC 8, "bounded under abuse").

#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace massagelog::web {

struct Limits {
    // From a connection's opening (or a kept-alive request's first byte) to
    // the end of the request's headers, TLS handshake included.
    std::chrono::milliseconds header_time{10'000};
    // From the end of the headers to the end of the body.
    std::chrono::milliseconds body_time{30'000};
    // A kept-alive connection waiting for its next request.
    std::chrono::milliseconds idle_time{5'000};
    // Writing one answer to a client that does not read it.
    std::chrono::milliseconds write_time{30'000};
    // The request line and headers, as sent.
    std::size_t header_bytes = 64 * 1024;
    // The body, as sent (its chunk framing too) and as decoded: a form of
    // 1 MiB notes, percent-encoded, with its other fields.
    std::size_t body_bytes = 4 * 1024 * 1024;
    // Open connections from one address, and in all.
    int per_address = 32;
    int connections = 256;
    // The address of a reverse proxy in front (--trusted-proxy), empty when
    // there is none: its connections carry many clients' requests, so they
    // count against the total only, and its X-Real-IP header names the
    // client a request is from.
    std::string proxy;
};

// Where reading a request ran out of what it may take.
enum class Overrun { none, headers, body, time };

// The connection the calling thread serves a request on. The site's
// handlers mark where the body begins, end the connection after an answer
// that left part of a request unread, and ask why a read stopped short.
class Connection {
public:
    // The current thread's connection; nullptr off the server's threads.
    static Connection* current();

    // The headers are read: the body's time and byte budget start.
    void body_begins();
    // What the last read ran out of, if anything.
    Overrun overrun() const { return m_overrun; }
    // The answer being written is the connection's last.
    void close_after_answer() { m_closing = true; }
    bool closing() const { return m_closing; }

    const Limits& limits() const { return m_limits; }

    // The rest is for the server that owns the connection.
    Connection(int fd, const Limits& limits);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // TLS on this connection, handshake done by the header deadline.
    bool accept_tls(SSL_CTX* context);
    SSL* ssl() const { return m_ssl; }
    // Waits for the next request's first byte: until the header deadline
    // for the first request, the idle time for a later one. False when the
    // client left, the time ran out, or `stopping` says the server stops.
    bool wait_for_request(bool first, const std::function<bool()>& stopping);
    // A request starts: the header deadline and byte budget.
    void request_begins(bool first);
    // Reads for cpp-httplib, within the deadline and budget of the part of
    // the request being read: bytes, 0 at the client's end, -1 past a limit
    // (overrun() says which) or on an error.
    ssize_t read(char* to, std::size_t size);
    bool readable();
    ssize_t write(const char* from, std::size_t size);
    bool writable();
    int fd() const { return m_fd; }
    // Ends TLS (gracefully when the exchange went well). After an answer
    // that left a request unread, the rest is read and dropped for a
    // moment first, so that the client is not reset before it has read
    // the answer.
    void end(bool gracefully);

private:
    using Clock = std::chrono::steady_clock;
    bool fill();
    // Waits for `events` on the socket until `deadline`.
    bool wait(short events, Clock::time_point deadline);

    int m_fd;
    const Limits& m_limits;
    SSL* m_ssl = nullptr;
    Clock::time_point m_opened;
    Clock::time_point m_deadline;
    std::optional<Clock::time_point> m_write_deadline;
    std::size_t m_budget = 0;
    bool m_in_body = false;
    Overrun m_overrun = Overrun::none;
    bool m_closing = false;
    std::unique_ptr<char[]> m_buffer;
    std::size_t m_begin = 0, m_end = 0;
};

// A server whose connections are bounded by `limits`: plain, or TLS from
// the PEM files `tls` names (is_valid() says whether they load). Each
// connection has a thread of its own while it lasts.
struct TlsFiles {
    std::string cert, key;
};
std::unique_ptr<httplib::Server> bounded_server(const Limits& limits,
                                                const std::optional<TlsFiles>& tls);
// After bind_to_port: lets the kernel hold `limits.connections` connections
// not yet accepted (cpp-httplib asks for 5, and a burst of connections
// beyond that waits a second for the client to try again).
void widen_backlog(httplib::Server& server, const Limits& limits);

} // namespace massagelog::web
