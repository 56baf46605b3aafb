// massagelog serve, in massagelog: hands the command to massagelog-web,
// the program beside this one that holds the server (see serve.hpp).

#include "serve.hpp"

#include <massagelog/core/error.hpp>

#include <fmt/format.h>

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace massagelog::app {

int serve_run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    std::error_code ec;
    auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec)
        throw OperationalError("cannot tell where massagelog is installed: " + ec.message());
    const std::string web = (self.parent_path() / "massagelog-web").string();
    std::vector<std::string> args = {web, "--db", clinic.path()};
    if (auto tz = opt_string(vm, "tz"))
        args.insert(args.end(), {"--tz", *tz});
    args.push_back("serve");
    for (const char* option : {"listen", "tls-cert", "tls-key", "trusted-proxy"})
        if (auto v = opt_string(vm, option))
            args.insert(args.end(), {std::string("--") + option, *v});
    if (vm.count("allowed-host"))
        for (const std::string& host : vm["allowed-host"].as<std::vector<std::string>>())
            args.insert(args.end(), {"--allowed-host", host});
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    out.flush();
    ::execv(web.c_str(), argv.data());
    throw OperationalError(fmt::format("cannot start {}: {}", web, std::strerror(errno)),
                           "massagelog-web is installed beside massagelog");
}

} // namespace massagelog::app
