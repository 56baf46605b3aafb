#pragma once
// massagelog serve runs in its own program, massagelog-web, beside
// massagelog: only it loads the HTTP and TLS libraries, whose start-up
// (OpenSSL's) would otherwise cost every short command several
// milliseconds. The command is declared once (commands/serve.cpp); its run
// is the server in massagelog-web (web/serve.cpp) and, in massagelog, a
// launcher that hands the same options to massagelog-web (serve_launcher.cpp).

#include "command.hpp"

namespace massagelog::app {

int serve_run(const po::variables_map& vm, Clinic& clinic, std::ostream& out);

} // namespace massagelog::app
