#include "cli.hpp"

#include <csignal>
#include <iostream>
#include <sys/stat.h>

int main(int argc, char** argv)
{
    // Health data: whatever this process creates is private to its owner.
    ::umask(077);
    // Past a file size limit, write() should fail with EFBIG (a clear error)
    // rather than the signal killing the process mid-write.
    std::signal(SIGXFSZ, SIG_IGN);
    std::ios::sync_with_stdio(false);
    std::vector<std::string> args(argv + 1, argv + argc);
    int code = massagelog::app::run_cli(args, std::cout, std::cerr);
    std::cout.flush();
    if (!std::cout) {
        if (code == 0) // a failure already reported its own error
            std::cerr << "massagelog: error: cannot write the output\n";
        return code == 0 ? massagelog::app::k_exit_failure : code;
    }
    return code;
}
