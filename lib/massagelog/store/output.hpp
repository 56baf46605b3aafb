#pragma once
// Writing an export or a report where it was asked for (-o FILE, or
// standard output) and auditing it with what happened.

#include "massagelog/store/atomic_file.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>

namespace massagelog {

class Clinic;

// What an export's audit row says; `detail` may be filled in while writing
// (the rows written, say).
struct ExportRecord {
    std::string entity; // "csv clients", "summary client", ...
    std::optional<std::int64_t> client_id;
    nlohmann::json detail = nlohmann::json::object();
};

// Writes what `render` produces to `path` (checked by open_output: never
// the database, an existing file only with Overwrite::yes, a FIFO or device
// as a stream) or, without a path, to `out`. Then audits the export: "ok"
// with the path and the SHA-256 of what was written, or "failed" with the
// error, which is rethrown. Returns the SHA-256 (empty for `out`).
std::string write_export(Clinic& clinic, const std::optional<std::string>& path,
                         Overwrite overwrite, std::ostream& out, ExportRecord& record,
                         const std::function<void(std::ostream&)>& render);

} // namespace massagelog
