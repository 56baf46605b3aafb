// massagelog referral CLIENT [--flag RULE:EVIDENCE]... [--to TEXT]
//     [--format html|pdf] [-o FILE [--force]] [--as-of TIME]

#include "../command.hpp"

#include <massagelog/core/error.hpp>
#include <massagelog/records/people.hpp>
#include <massagelog/reports/referral.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace massagelog::app {

namespace {

void options(po::options_description& o)
{
    o.add_options()("flag", po::value<std::vector<std::string>>()->composing()->value_name(
                                "RULE:EVIDENCE"),
                    "a flag to refer for, as 'flags --client' lists it (repeatable); default "
                    "every refer flag not cleared or dismissed")(
        "to", po::value<std::string>()->value_name("TEXT"),
        "the physician or practice the letter is addressed to")(
        "format", po::value<std::string>()->value_name("html|pdf"),
        "html (default): one self-contained XHTML file; pdf: A4 through WeasyPrint")(
        "as-of", po::value<std::string>()->value_name("TIME"), "the letter as it stood at TIME");
    add_output_option(o, "write to FILE (mode 0600, audited); needed for pdf");
}

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

// The letter's XHTML printed by WeasyPrint (Debian's weasyprint), A4 with
// page numbers; its PDF bytes.
std::string pdf_of(const std::string& xhtml)
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

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    auto id = resolve_client(clinic, vm["client"].as<std::string>(), "CLIENT");
    const std::string format = opt_string(vm, "format").value_or("html");
    if (format != "html" && format != "pdf")
        throw InputError(fmt::format("--format '{}' is not html or pdf", format)).about("--format");
    if (format == "pdf" && !opt_string(vm, "output"))
        throw InputError("--format pdf writes a file: give -o FILE").about("--output");
    ReferralRequest request;
    if (vm.count("flag"))
        request.flags = vm["flag"].as<std::vector<std::string>>();
    request.to = opt_string(vm, "to");
    request.as_of = opt_time(vm, "as-of", clinic);
    Referral referral = build_referral(clinic, id, request);
    std::ostringstream xhtml;
    render_referral_html(referral, clinic.clock(), xhtml);
    // The PDF is made before anything is written or audited.
    const std::string bytes = format == "pdf" ? pdf_of(xhtml.str()) : xhtml.str();
    write_output(vm, clinic, out, "referral " + format, id,
                 [&](std::ostream& to) { to << bytes; });
    return 0;
}

} // namespace

Command referral_command()
{
    return {"referral",
            "CLIENT [--flag RULE:EVIDENCE]... [--to TEXT] [--format html|pdf] [-o FILE [--force]] "
            "[--as-of TIME]",
            "The referral letter to a physician: the refer flags with their evidence, guidance and "
            "source, the sessions and reactions in the look-back, the health history, and the "
            "areas the clinic has paused.",
            Access::read, options, {"client"}, run, "output"};
}

} // namespace massagelog::app
