// massagelog serve [--listen ADDR:PORT] [--tls-cert F --tls-key F]

#include "command.hpp"
#include "serve.hpp"
#include "web/site.hpp"

#include <massagelog/core/error.hpp>

#include <fmt/format.h>
#include <httplib.h>

#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <iostream>
#include <thread>

namespace massagelog::app {

namespace {

struct Endpoint {
    std::string host;
    int port = 8080;
};

Endpoint parse_listen(const std::string& text)
{
    auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0)
        throw InputError(fmt::format("--listen {} is not ADDR:PORT", quote_value(text)),
                         "e.g. 127.0.0.1:8080, or 192.168.1.20:8443 with --tls-cert and --tls-key")
            .about("--listen");
    Endpoint e;
    e.host = text.substr(0, colon);
    if (e.host.size() > 2 && e.host.front() == '[' && e.host.back() == ']')
        e.host = e.host.substr(1, e.host.size() - 2);
    e.port = static_cast<int>(parse_int(text.substr(colon + 1), "--listen's port", 0, 65535));
    unsigned char buffer[16];
    if (inet_pton(AF_INET, e.host.c_str(), buffer) != 1 &&
        inet_pton(AF_INET6, e.host.c_str(), buffer) != 1)
        throw InputError(fmt::format("--listen {}: {} is not an IP address", quote_value(text),
                                     quote_value(e.host)))
            .about("--listen");
    return e;
}

bool loopback(const std::string& host)
{
    return host.starts_with("127.") || host == "::1";
}

} // namespace

int serve_run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    Endpoint at = parse_listen(opt_string(vm, "listen").value_or("127.0.0.1:8080"));
    auto cert = opt_string(vm, "tls-cert");
    auto key = opt_string(vm, "tls-key");
    if (cert.has_value() != key.has_value())
        throw InputError("--tls-cert and --tls-key go together").about(cert ? "--tls-key" : "--tls-cert");
    const bool tls = cert.has_value();
    if (!tls && !loopback(at.host))
        throw InputError(fmt::format("--listen {}: only loopback is served without TLS", at.host),
                         "give --tls-cert and --tls-key, or listen on 127.0.0.1")
            .about("--listen");

    // SIGINT and SIGTERM are taken by one thread, which stops the server:
    // the requests in flight finish, then run() returns.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    web::SiteOptions options;
    options.db_path = clinic.path();
    options.tz_flag = opt_string(vm, "tz").value_or("");
    options.tls = tls;
    if (vm.count("allowed-host"))
        options.allowed_hosts = vm["allowed-host"].as<std::vector<std::string>>();
    else
        options.allowed_hosts = {at.host, "localhost"};
    for (const std::string& host : options.allowed_hosts)
        if (host.empty() || host.find_first_of(" /\t\r\n") != std::string::npos)
            throw InputError(fmt::format("--allowed-host {} is not a host name", quote_value(host)))
                .about("--allowed-host");
    if (auto proxy = opt_string(vm, "trusted-proxy")) {
        in6_addr any{};
        if (::inet_pton(AF_INET, proxy->c_str(), &any) != 1 &&
            ::inet_pton(AF_INET6, proxy->c_str(), &any) != 1)
            throw InputError(fmt::format("--trusted-proxy {} is not an IP address",
                                         quote_value(*proxy)),
                             "give the proxy's address as it connects, e.g. 127.0.0.1")
                .about("--trusted-proxy");
        options.limits.proxy = *proxy;
    }
    std::optional<web::TlsFiles> files;
    if (tls)
        files = web::TlsFiles{*cert, *key};
    const web::Limits limits = options.limits;
    std::unique_ptr<httplib::Server> server = web::bounded_server(limits, files);
    if (!server->is_valid())
        throw InputError(fmt::format("--tls-cert {} / --tls-key {}: not a usable certificate "
                                     "and key",
                                     *cert, *key),
                         "give PEM files that belong together")
            .about("--tls-cert");
    server->set_keep_alive_max_count(1000);
    // Headers and body go out as two writes; without this each answer waits
    // on the client's delayed ACK (40 ms).
    server->set_tcp_nodelay(true);
    server->set_payload_max_length(options.limits.body_bytes);
    web::Site site(std::move(options));
    site.mount(*server);

    int port = at.port;
    if (port == 0)
        port = server->bind_to_any_port(at.host);
    else if (!server->bind_to_port(at.host, port))
        port = -1;
    if (port < 0)
        throw OperationalError(fmt::format("cannot listen on {}:{}", at.host, at.port),
                               "is another server on that port?");
    web::widen_backlog(*server, limits);

    std::atomic<bool> done{false};
    std::thread stopper([&] {
        timespec tick{0, 200'000'000};
        while (!done) {
            if (sigtimedwait(&stop_signals, nullptr, &tick) > 0) {
                server->stop();
                return;
            }
        }
    });
    const bool v6 = at.host.find(':') != std::string::npos;
    out << fmt::format("massagelog serving {} at {}://{}:{}/ (Ctrl-C stops)\n", clinic.path(),
                       tls ? "https" : "http", v6 ? "[" + at.host + "]" : at.host, port)
        << std::flush;
    bool served = server->listen_after_bind();
    done = true;
    stopper.join();
    std::cerr << "massagelog: stopped; every request in flight was answered.\n";
    return served ? 0 : 1;
}

} // namespace massagelog::app
