#include "command.hpp"

#include <massagelog/atomic_file.hpp>
#include <massagelog/error.hpp>
#include <massagelog/values.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace massagelog::app {

std::optional<std::string> opt_string(const po::variables_map& vm, const char* name)
{
    if (!vm.count(name))
        return std::nullopt;
    return vm[name].as<std::string>();
}

std::int64_t id_value(const std::string& text, std::string_view field)
{
    try {
        return parse_int(text, field, 1, INT64_MAX);
    } catch (const InputError&) {
        throw InputError(fmt::format("{} {} is not an ID", field, quote_value(text)),
                         "IDs are whole numbers from 1, as the list commands show them");
    }
}

std::optional<std::int64_t> opt_id(const po::variables_map& vm, const char* name)
{
    auto text = opt_string(vm, name);
    if (!text)
        return std::nullopt;
    return id_value(*text, flag_label(name));
}

std::int64_t req_id(const po::variables_map& vm, const char* name)
{
    auto id = opt_id(vm, name);
    if (!id)
        throw InputError(fmt::format("{} is required", flag_label(name)));
    return *id;
}

std::optional<Instant> opt_time(const po::variables_map& vm, const char* name, Clinic& clinic,
                                DateMeans bare_date)
{
    auto text = opt_string(vm, name);
    if (!text)
        return std::nullopt;
    return clinic.clock().parse(*text, flag_label(name), bare_date);
}

void add_notes_options(po::options_description& options, const char* what)
{
    options.add_options()("notes", po::value<std::string>(), what)(
        "notes-file", po::value<std::string>(),
        "read the notes from a file (- for standard input); for long notes");
}

std::optional<std::string> notes_value(const po::variables_map& vm)
{
    auto notes = opt_string(vm, "notes");
    auto file = opt_string(vm, "notes-file");
    if (notes && file)
        throw InputError("--notes and --notes-file are both given", "give one of them");
    if (!file)
        return notes;
    std::ostringstream buffer;
    std::string label = "--notes-file " + quote_value(*file);
    if (*file == "-") {
        buffer << std::cin.rdbuf();
    } else {
        std::ifstream in(*file, std::ios::binary);
        if (!in)
            throw InputError(fmt::format("--notes-file {} cannot be read", quote_value(*file)));
        buffer << in.rdbuf();
    }
    return checked_text(buffer.str(), label, TextKind::note);
}

void add_output_option(po::options_description& options, const char* what)
{
    options.add_options()("output,o", po::value<std::string>()->value_name("FILE"), what);
}

void write_output(const po::variables_map& vm, Clinic& clinic, std::ostream& out,
                  const std::string& entity, std::optional<std::int64_t> client_id,
                  const std::function<void(std::ostream&)>& render)
{
    auto path = opt_string(vm, "output");
    if (!path) {
        render(out);
        return;
    }
    AtomicFile file(*path);
    render(file.stream());
    std::string sha256 = file.finish();
    clinic.write([&] {
        clinic.audit({"export", entity, std::nullopt, client_id,
                      {{"path", std::filesystem::absolute(*path).string()}, {"sha256", sha256}}});
        file.publish();
    });
    out << "Wrote " << *path << " (SHA-256 " << sha256.substr(0, 16) << "...).\n";
}

Format format_option(const po::variables_map& vm)
{
    auto text = opt_string(vm, "format");
    return text ? parse_format(*text, "--format") : Format::table;
}

void add_format_option(po::options_description& options)
{
    options.add_options()("format", po::value<std::string>()->value_name("table|csv|json"),
                          "output format (default table)");
}

} // namespace massagelog::app
