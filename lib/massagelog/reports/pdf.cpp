#include "massagelog/reports/pdf.hpp"

#include "massagelog/core/error.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <spawn.h>
#include <sys/wait.h>

extern char** environ;

namespace massagelog {

namespace {

// A private folder for WeasyPrint's input and output, removed afterwards.
class WorkFolder {
public:
    WorkFolder()
    {
        std::string pattern = (std::filesystem::temp_directory_path() / "massagelog-XXXXXX").string();
        if (!mkdtemp(pattern.data()))
            throw OperationalError(fmt::format("cannot make a temporary folder: {}",
                                               std::strerror(errno)));
        m_path = pattern;
    }
    ~WorkFolder()
    {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    WorkFolder(const WorkFolder&) = delete;
    WorkFolder& operator=(const WorkFolder&) = delete;
    std::filesystem::path operator/(const char* name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

} // namespace

std::string print_pdf(const std::string& xhtml)
{
    WorkFolder work;
    const auto in = work / "letter.html", pdf = work / "letter.pdf";
    {
        std::ofstream file(in, std::ios::binary);
        file << xhtml;
        if (!file.flush())
            throw OperationalError("cannot write the letter for WeasyPrint");
    }
    std::string in_text = in.string(), out_text = pdf.string();
    char weasyprint[] = "weasyprint";
    char quiet[] = "--quiet";
    char* argv[] = {weasyprint, quiet, in_text.data(), out_text.data(), nullptr};
    pid_t pid = 0;
    if (posix_spawnp(&pid, "weasyprint", nullptr, nullptr, argv, environ) != 0)
        throw OperationalError("the PDF needs WeasyPrint, which is not installed",
                               "install Debian's weasyprint package (apt-get install "
                               "weasyprint), or write --format html");
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw OperationalError("WeasyPrint could not make the PDF (its message is above)");
    std::ifstream file(pdf, std::ios::binary);
    std::ostringstream bytes;
    bytes << file.rdbuf();
    return bytes.str();
}

} // namespace massagelog
