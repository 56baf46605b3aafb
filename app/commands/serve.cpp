// massagelog serve [--listen ADDR:PORT] [--tls-cert F --tls-key F] [--allowed-host NAME]...
//                  [--trusted-proxy ADDR]

#include "../command.hpp"
#include "../serve.hpp"

namespace massagelog::app {

namespace {

void options(po::options_description& o)
{
    o.add_options()("listen", po::value<std::string>()->value_name("ADDR:PORT"),
                    "where to listen (default 127.0.0.1:8080); another address than loopback "
                    "needs TLS")("tls-cert", po::value<std::string>()->value_name("FILE"),
                                 "the clinic's certificate (PEM), for HTTPS")(
        "tls-key", po::value<std::string>()->value_name("FILE"), "its private key (PEM)")(
        "allowed-host", po::value<std::vector<std::string>>()->composing()->value_name("NAME"),
        "a host name or address the pages are reached by, repeatable (default: the listen "
        "address and localhost); a request for any other host is refused (421)")(
        "trusted-proxy", po::value<std::string>()->value_name("ADDR"),
        "the address of a reverse proxy in front (nginx on 127.0.0.1): the X-Real-IP header it "
        "sets names the client, whose address logins are counted, locked and audited by");
}

} // namespace

Command serve_command()
{
    return {"serve", "[--listen ADDR:PORT] [--tls-cert FILE --tls-key FILE] [--allowed-host NAME]... "
            "[--trusted-proxy ADDR]",
            "Serve the web pages to the clinic's browsers; Ctrl-C stops.", Access::write, options,
            {}, serve_run};
}

} // namespace massagelog::app
