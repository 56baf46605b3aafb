#include "massagelog/store/output.hpp"

#include "massagelog/store/clinic.hpp"
#include "massagelog/core/error.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <filesystem>

namespace massagelog {

namespace {

// Audits an export that did not happen, then rethrows why; a failure to
// audit (the same full disk, say) must not hide the first error.
[[noreturn]] void audit_failure(Clinic& clinic, ExportRecord& record, std::exception_ptr error)
{
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        record.detail["error"] = e.what();
    }
    try {
        clinic.write([&] {
            clinic.audit({"export", record.entity, std::nullopt, record.client_id, record.detail,
                          "failed"});
        });
    } catch (...) {
    }
    std::rethrow_exception(error);
}

} // namespace

std::string write_export(Clinic& clinic, const std::optional<std::string>& path,
                         Overwrite overwrite, std::ostream& out, ExportRecord& record,
                         const std::function<void(std::ostream&)>& render)
{
    if (!path) {
        record.detail["path"] = "-";
        try {
            render(out);
            out.flush();
            if (!out)
                throw OperationalError(fmt::format("cannot write to standard output: {}",
                                                   std::strerror(errno ? errno : EIO)),
                                       "the export is incomplete; check where the output goes");
        } catch (...) {
            audit_failure(clinic, record, std::current_exception());
        }
        clinic.write([&] {
            clinic.audit({"export", record.entity, std::nullopt, record.client_id, record.detail});
        });
        return {};
    }
    // A refused FILE (the database, an existing file) is bad input: nothing
    // was tried, so there is nothing to audit.
    auto file = open_output(*path, overwrite, clinic.path(), clinic.label());
    record.detail["path"] = std::filesystem::absolute(*path).string();
    std::string sha256;
    try {
        render(file->stream());
        sha256 = file->finish();
    } catch (...) {
        audit_failure(clinic, record, std::current_exception());
    }
    record.detail["sha256"] = sha256;
    clinic.write([&] {
        clinic.audit({"export", record.entity, std::nullopt, record.client_id, record.detail});
        file->publish();
    });
    return sha256;
}

} // namespace massagelog
