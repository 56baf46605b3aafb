#include "massagelog/exchange/exchange.hpp"

#include "massagelog/store/audit.hpp"
#include "massagelog/store/clinic.hpp"
#include "massagelog/store/database.hpp"
#include "massagelog/core/error.hpp"
#include "massagelog/exchange/common.hpp"
#include "massagelog/store/row_digests.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <sqlite3.h>

namespace massagelog {

namespace {

// In the order a clinic's whole history is imported.
constexpr std::array<std::pair<Table, std::string_view>, 9> k_tables{
    {{Table::settings, "settings"},
     {Table::therapists, "therapists"},
     {Table::clients, "clients"},
     {Table::sessions, "sessions"},
     {Table::reports, "reports"},
     {Table::followups, "followups"},
     {Table::flag_reviews, "flag_reviews"},
     {Table::flags, "flags"},
     {Table::audit, "audit"}}};

constexpr std::size_t k_max_errors_shown = 50;

// Thrown to leave a dry run's transaction, which rolls it back.
struct DryRunDone {};

} // namespace

std::string_view to_string(Table table)
{
    for (auto [t, name] : k_tables)
        if (t == table)
            return name;
    return "?";
}

Table parse_table(std::string_view text, std::string_view field, TableUse use)
{
    std::string choices;
    for (auto [t, name] : k_tables) {
        bool importable = t != Table::flags && t != Table::audit;
        if (use == TableUse::import && !importable)
            continue;
        if (text == name)
            return t;
        choices += (choices.empty() ? "" : ", ") + std::string(name);
    }
    throw InputError(fmt::format("{} {} is not a table {}", field, quote_value(text),
                                 use == TableUse::import ? "import reads" : "export writes"),
                     "use " + choices);
}

const std::vector<std::string_view>& csv_columns(Table table)
{
    static const std::vector<std::string_view> settings{"key", "value"};
    static const std::vector<std::string_view> therapists{"id", "name", "licence", "active",
                                                          "created_at"};
    static const std::vector<std::string_view> clients{
        "id", "name", "phone", "email", "birth_date", "notes", "created_at", "archived_at"};
    static const std::vector<std::string_view> sessions{
        "id",       "started_at", "client_id",  "client",     "therapist_id",
        "therapist", "duration_min", "technique", "pressure",  "regions",
        "notes",    "created_by", "created_at", "voided_at",  "void_reason"};
    static const std::vector<std::string_view> reports{
        "id",         "session_id",     "client_id",       "reported_at", "onset_at",
        "region",     "side",           "kind",            "severity",    "frequency",
        "still_present", "resolved_at", "weakness",        "loss_of_control", "pain",
        "fatigue",    "vision_changes", "numbness",        "stiffness",   "source",
        "notes",      "created_by",     "created_at"};
    static const std::vector<std::string_view> followups{
        "id", "session_id", "client_id", "contacted_at", "contacted_by", "outcome", "notes"};
    static const std::vector<std::string_view> flags{
        "level",      "rule",        "client_id",   "client",        "evidence_key",
        "at",         "evidence",    "guidance",    "source",        "report_ids",
        "session_ids", "reviewed_at", "reviewed_by", "review_action", "review_note"};
    static const std::vector<std::string_view> flag_reviews{
        "id", "rule", "client_id", "evidence_key", "reviewed_at", "reviewed_by", "action", "note"};
    static const std::vector<std::string_view> audit{
        "id",      "at",     "actor",   "os_user",  "action",   "entity",
        "entity_id", "client_id", "outcome", "detail", "prev_hash", "row_hash"};
    switch (table) {
    case Table::settings:
        return settings;
    case Table::flag_reviews:
        return flag_reviews;
    case Table::therapists:
        return therapists;
    case Table::clients:
        return clients;
    case Table::sessions:
        return sessions;
    case Table::reports:
        return reports;
    case Table::followups:
        return followups;
    case Table::flags:
        return flags;
    case Table::audit:
        break;
    }
    return audit;
}

long long export_csv(Clinic& clinic, const ExportOptions& options, std::ostream& out)
{
    bool has_time = options.table != Table::flags && options.table != Table::settings;
    if (!has_time && (options.from || options.to))
        throw InputError(fmt::format("--from and --to do not apply to {}", to_string(options.table)),
                         options.table == Table::flags ? "use --as-of" : "");
    if (options.as_of && options.table != Table::flags)
        throw InputError("--as-of applies to flags only");
    if (options.therapist_id && options.table != Table::sessions)
        throw InputError("--therapist applies to sessions only");
    if (options.client_id && (options.table == Table::therapists || options.table == Table::settings))
        throw InputError(fmt::format("--client does not apply to {}", to_string(options.table)));
    if (options.bom)
        out << "\xEF\xBB\xBF";
    exchange::LineWriter w(out, clinic.clock(), options.utc, options.progress);
    w.header(csv_columns(options.table));
    switch (options.table) {
    case Table::settings:
        return exchange::export_settings(clinic, options, w);
    case Table::flag_reviews:
        return exchange::export_reviews(clinic, options, w);
    case Table::therapists:
        return exchange::export_therapists(clinic, options, w);
    case Table::clients:
        return exchange::export_clients(clinic, options, w);
    case Table::sessions:
        return exchange::export_sessions(clinic, options, w);
    case Table::reports:
        return exchange::export_reports(clinic, options, w);
    case Table::followups:
        return exchange::export_followups(clinic, options, w);
    case Table::flags:
        return exchange::export_flags(clinic, options, w);
    case Table::audit:
        break;
    }
    return exchange::export_audit(clinic, options, w);
}

namespace {

// Drops a table's own full indexes and gives back the SQL that builds them
// again. Partial indexes (voided sessions) stay: they take few rows, and
// building one again would read the whole table.
std::vector<std::string> drop_indexes(SQLite::Database& db, const std::string& table)
{
    std::vector<std::string> create;
    {
        SQLite::Statement q(db, "SELECT m.name, m.sql FROM sqlite_master m JOIN "
                                "pragma_index_list(:table) i ON i.name = m.name WHERE m.type = "
                                "'index' AND i.origin = 'c' AND i.partial = 0 ORDER BY m.name");
        q.bind(":table", table);
        while (q.executeStep())
            create.push_back(q.getColumn(1).getString() + "\x1f" + q.getColumn(0).getString());
    }
    std::vector<std::string> sql;
    for (const auto& c : create) {
        auto split = c.find('\x1f');
        db.exec("DROP INDEX \"" + c.substr(split + 1) + "\"");
        sql.push_back(c.substr(0, split));
    }
    return sql;
}

// The table of row digests an import into `table` writes to, if any.
std::optional<DigestTable> digested(Table table)
{
    for (DigestTable t : k_digest_tables)
        if (to_string(t) == to_string(table))
            return t;
    return std::nullopt;
}

// Bytes per row of an exported file, roughly: enough to tell a bulk load.
constexpr long long k_bytes_per_row = 150;

} // namespace

ImportResult import_csv(Clinic& clinic, Table table, std::istream& in, const std::string& source,
                        DryRun dry_run, const std::function<void(long long)>& progress,
                        std::optional<long long> size_hint)
{
    ImportResult result;
    // A large page cache keeps one big transaction from spilling to the WAL
    // page by page; it lasts for this connection only.
    clinic.db().exec("PRAGMA cache_size = -262144");
    try {
        clinic.write([&] {
            // A bulk load (a file of more rows than the table holds, and of
            // 10,000 or more): the table's indexes are built again at the
            // end, and sessions are written on a second thread. Smaller imports
            // keep the indexes and one thread: the second thread first loads
            // every client and therapist, which a few rows do not repay.
            std::string name(to_string(table));
            bool bulk = false;
            if (size_hint && (table == Table::sessions || table == Table::reports)) {
                long long existing =
                    clinic.db().execAndGet("SELECT count(*) FROM " + name).getInt64();
                bulk = *size_hint / k_bytes_per_row > std::max(existing, 10'000LL);
            }
            BulkDigest digests;
            exchange::RowImporter importer;
            switch (table) {
            case Table::therapists:
                importer = exchange::therapist_importer(clinic);
                break;
            case Table::clients:
                importer = exchange::client_importer(clinic);
                break;
            case Table::sessions:
                importer = exchange::session_importer(clinic, bulk, digests);
                importer.digests_rows = true;
                break;
            case Table::reports:
                importer = exchange::report_importer(clinic);
                break;
            case Table::settings:
                importer = exchange::settings_importer(clinic);
                break;
            case Table::followups:
                importer = exchange::followup_importer(clinic);
                break;
            case Table::flag_reviews:
                importer = exchange::review_importer(clinic);
                break;
            default:
                throw InputError(fmt::format("{} cannot be imported", to_string(table)));
            }
            // The rows of an importer that does not digest them are read back
            // at the end. Every table with digests has its id in the first column.
            std::vector<std::int64_t> ids;
            auto digest_table = digested(table);
            if (digest_table && !importer.digests_rows)
                importer.row = [&ids, write = std::move(importer.row)](const exchange::Row& row) {
                    write(row);
                    ids.push_back(row.id(0));
                };
            std::vector<std::string> rebuild;
            if (bulk)
                rebuild = drop_indexes(clinic.db(), name);
            Sha256 hash;
            result.rows = exchange::read_rows(table, in, hash, progress, importer);
            if (!rebuild.empty())
                clinic.db().exec("PRAGMA cache_size = -8192; PRAGMA threads = 2");
            for (const auto& sql : rebuild)
                clinic.db().exec(sql);
            result.sha256 = hash.hex();
            if (dry_run == DryRun::yes)
                throw DryRunDone{};
            nlohmann::json detail = {
                {"source", source}, {"sha256", result.sha256}, {"rows", result.rows}};
            if (digest_table) {
                digests.add_rows(clinic.db(), *digest_table, id_runs(std::move(ids)));
                detail["digests"] = {{name, digests.json()}};
            }
            clinic.audit({"import", "csv " + name, std::nullopt, std::nullopt, detail});
        });
    } catch (const DryRunDone&) {
        // Every row was valid; the transaction was rolled back on purpose.
    }
    return result;
}

namespace exchange {

void LineWriter::cell(std::string_view s, CellKind kind)
{
    if (!m_first)
        m_line += ',';
    m_first = false;
    append_csv_cell(m_line, s, kind);
}

void LineWriter::header(const std::vector<std::string_view>& columns)
{
    for (auto c : columns)
        value(c);
    end();
}

void LineWriter::text(const SQLite::Column& c)
{
    if (c.isNull())
        empty();
    else
        text(std::string_view(c.getText(), static_cast<std::size_t>(c.getBytes())));
}

void LineWriter::value(const SQLite::Column& c)
{
    if (c.isNull())
        empty();
    else
        value(std::string_view(c.getText(), static_cast<std::size_t>(c.getBytes())));
}

void LineWriter::number(long long n)
{
    if (!m_first)
        m_line += ',';
    m_first = false;
    fmt::format_to(std::back_inserter(m_line), "{}", n);
}

void LineWriter::time(Instant t)
{
    value(m_utc ? to_utc_text(t) : m_clock.local_iso(t));
}

void LineWriter::time(const SQLite::Column& c)
{
    if (c.isNull())
        empty();
    else
        time(from_utc_text(c.getText()));
}

void LineWriter::tri(const SQLite::Column& c)
{
    if (c.isNull())
        empty();
    else
        value(c.getInt() ? "yes" : "no");
}

void LineWriter::end()
{
    m_line += "\r\n";
    m_out.write(m_line.data(), static_cast<std::streamsize>(m_line.size()));
    m_line.clear();
    m_first = true;
    if (m_progress && ++m_lines % 100'000 == 0)
        m_progress(m_lines - 1); // less the header
}

SQLite::Statement filtered_query(SQLite::Database& db, std::string select, const ExportOptions& o,
                                 const char* time_column, const char* client_column,
                                 const char* order, const char* therapist_column)
{
    if (o.from)
        select += fmt::format(" AND {} >= :from", time_column);
    if (o.to)
        select += fmt::format(" AND {} < :to", time_column);
    if (o.client_id && client_column)
        select += fmt::format(" AND {} = :client_id", client_column);
    if (o.therapist_id && therapist_column)
        select += fmt::format(" AND {} = :therapist_id", therapist_column);
    SQLite::Statement q(db, select + " ORDER BY " + order);
    if (o.from)
        q.bind(":from", to_utc_text(*o.from));
    if (o.to)
        q.bind(":to", to_utc_text(*o.to));
    if (o.client_id && client_column)
        q.bind(":client_id", *o.client_id);
    if (o.therapist_id && therapist_column)
        q.bind(":therapist_id", *o.therapist_id);
    return q;
}

void require_new_id(SQLite::Statement& exists, const Row& row, std::size_t column, std::int64_t id,
                    std::string_view what)
{
    exists.reset();
    exists.bind(1, id);
    if (exists.executeStep())
        throw InputError(taken_id(row.line(), row.name(column), id, what),
                         "import into a database without it, or remove the row");
}

std::string field_label(long long line, std::string_view column)
{
    return fmt::format("line {}, column {}: value", line, column);
}

std::string taken_id(long long line, std::string_view column, std::int64_t id,
                     std::string_view what)
{
    return fmt::format("{} {}: {} {} already exists", field_label(line, column), id, what, id);
}

std::string refused_row(long long line, std::string_view why)
{
    return fmt::format("line {}: the database refused the row: {}", line, why);
}

std::string Row::label(std::string_view column) const
{
    return field_label(m_line, column);
}

FieldLabel Row::labeller() const
{
    return [this](std::string_view column) { return label(column); };
}

const std::string& Row::raw(std::size_t column) const
{
    return m_fields[static_cast<std::size_t>(m_index[column])];
}

std::string Row::text(std::size_t column) const
{
    return unneutralise(raw(column));
}

std::optional<std::string> Row::opt_text(std::size_t column) const
{
    if (raw(column).empty())
        return std::nullopt;
    return text(column);
}

std::int64_t Row::id(std::size_t column) const
{
    return parse(column, [&](std::string_view f) { return parse_int(raw(column), f, 1, INT64_MAX); });
}

long long Row::integer(std::size_t column, long long lo, long long hi) const
{
    return parse(column, [&](std::string_view f) { return parse_int(raw(column), f, lo, hi); });
}

Instant Row::time(std::size_t column, const ClinicClock& clock) const
{
    return parse(column, [&](std::string_view f) { return clock.parse(raw(column), f); });
}

std::optional<Instant> Row::opt_time(std::size_t column, const ClinicClock& clock) const
{
    if (raw(column).empty())
        return std::nullopt;
    return time(column, clock);
}

Tri Row::tri(std::size_t column) const
{
    return parse(column, [&](std::string_view f) { return parse_tri(raw(column), f); });
}

long long read_rows(Table table, std::istream& in, Sha256& hash,
                    const std::function<void(long long)>& progress, const RowImporter& importer)
{
    const auto& names = csv_columns(table);
    CsvReader reader(in, &hash);
    std::vector<std::string> fields;
    if (!reader.next(fields))
        throw InputError(fmt::format("the file is empty; an import of {} needs a header row",
                                     to_string(table)),
                         "export writes one: massagelog export " + std::string(to_string(table)));
    std::vector<int> index(names.size(), -1);
    for (std::size_t i = 0; i < fields.size(); ++i) {
        std::string name = unneutralise(fields[i]);
        auto it = std::find(names.begin(), names.end(), name);
        if (it == names.end())
            throw InputError(fmt::format("line {}: column {} is not a column of {}", reader.line(),
                                         quote_value(name), to_string(table)),
                             "see docs/csv.md");
        auto& slot = index[static_cast<std::size_t>(it - names.begin())];
        if (slot != -1)
            throw InputError(fmt::format("line {}: column {} appears twice", reader.line(), name));
        slot = static_cast<int>(i);
    }
    std::string missing;
    for (std::size_t c = 0; c < names.size(); ++c)
        if (index[c] == -1)
            missing += (missing.empty() ? "" : ", ") + std::string(names[c]);
    if (!missing.empty())
        throw InputError(fmt::format("line {}: the header has no column {}", reader.line(), missing),
                         "see docs/csv.md");

    // Errors by line: a batch's come after later rows were read. The first
    // k_max_errors_shown are kept.
    std::vector<std::pair<long long, std::string>> errors;
    long long bad_rows = 0, rows = 0, last_progress = 0;
    auto add_error = [&](long long line, std::string message) {
        ++bad_rows;
        errors.emplace_back(line, std::move(message));
        if (errors.size() >= 2 * k_max_errors_shown) {
            std::stable_sort(errors.begin(), errors.end(),
                             [](const auto& a, const auto& b) { return a.first < b.first; });
            errors.resize(k_max_errors_shown);
        }
    };
    auto guarded = [&](long long line, const std::function<void()>& work) {
        try {
            work();
        } catch (const InputError& e) {
            add_error(line,
                      e.hint().empty() ? e.what() : std::string(e.what()) + " (" + e.hint() + ")");
        } catch (const RowErrors& e) {
            for (const auto& [at, message] : e.errors)
                add_error(at, message);
        } catch (const SQLite::Exception& e) {
            if (!is_constraint(e))
                throw;
            add_error(line,
                      refused_row(line, e.what()));
        }
    };
    while (reader.next(fields)) {
        ++rows;
        if (progress && reader.bytes_read() - last_progress >= (8 << 20)) {
            last_progress = reader.bytes_read();
            progress(last_progress);
        }
        if (fields.size() != index.size()) {
            add_error(reader.line(), fmt::format("line {}: {} fields, the header has {}",
                                                 reader.line(), fields.size(), index.size()));
            continue;
        }
        guarded(reader.line(), [&] { importer.row(Row(fields, index, names, reader.line())); });
    }
    if (importer.finish)
        guarded(reader.line(), importer.finish);
    if (progress)
        progress(reader.bytes_read());
    if (bad_rows > 0) {
        std::stable_sort(errors.begin(), errors.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        if (errors.size() > k_max_errors_shown)
            errors.resize(k_max_errors_shown);
        std::string message = fmt::format("{} of {} rows are not valid; nothing was imported",
                                          bad_rows, rows);
        for (const auto& e : errors)
            message += "\n  " + e.second;
        if (bad_rows > static_cast<long long>(errors.size()))
            message += fmt::format("\n  ... and {} more", bad_rows - static_cast<long long>(errors.size()));
        throw InputError(message);
    }
    return rows;
}

} // namespace exchange

} // namespace massagelog
