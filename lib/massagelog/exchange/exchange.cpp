#include "massagelog/exchange/exchange.hpp"

#include "massagelog/core/catalog.hpp"
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

// The regions of each session as one cell, "neck:midline:4:focal calf:left:3".
// Exporting everything, it walks session_regions in key order beside the
// sessions; with a filter, it looks each session up.
class RegionsColumn {
public:
    RegionsColumn(SQLite::Database& db, bool whole_table)
        : m_catalog(db), m_whole(whole_table),
          m_query(db, whole_table ? "SELECT session_id, region_id, side, pressure, focal FROM "
                                    "session_regions ORDER BY session_id, region_id, side"
                                  : "SELECT session_id, region_id, side, pressure, focal FROM "
                                    "session_regions WHERE session_id = ? ORDER BY region_id, side")
    {
        if (m_whole)
            m_has_row = m_query.executeStep();
    }

    const std::string& of(std::int64_t session)
    {
        m_text.clear();
        if (!m_whole) {
            m_query.reset();
            m_query.bind(1, session);
            m_has_row = m_query.executeStep();
        }
        while (m_has_row && m_query.getColumn(0).getInt64() < session)
            m_has_row = m_query.executeStep();
        while (m_has_row && m_query.getColumn(0).getInt64() == session) {
            if (!m_text.empty())
                m_text += ' ';
            m_text += m_catalog.region_by_id(m_query.getColumn(1).getInt64()).name;
            m_text += ':';
            m_text += m_query.getColumn(2).getText();
            m_text += ':';
            m_text += std::to_string(m_query.getColumn(3).getInt());
            if (m_query.getColumn(4).getInt())
                m_text += ":focal";
            m_has_row = m_query.executeStep();
        }
        return m_text;
    }

private:
    Catalog m_catalog;
    bool m_whole;
    SQLite::Statement m_query;
    bool m_has_row = false;
    std::string m_text;
};

// Writes every row `spec`'s query gives, each column as the spec says.
long long export_rows(Clinic& clinic, const TableSpec& spec, const ExportOptions& o,
                      exchange::LineWriter& w)
{
    auto q = exchange::filtered_query(clinic.db(), spec.select, o, spec.time_column,
                                      spec.client_column, spec.order, spec.therapist_column);
    std::optional<RegionsColumn> regions;
    for (const CsvColumn& c : spec.columns)
        if (c.from == CellFrom::regions)
            regions.emplace(clinic.db(), !(o.from || o.to || o.client_id || o.therapist_id));
    long long rows = 0;
    while (q.executeStep()) {
        int i = 0; // the query's column
        for (const CsvColumn& c : spec.columns) {
            switch (c.from) {
            case CellFrom::number:
                w.number(q.getColumn(i++).getInt64());
                break;
            case CellFrom::value:
                w.value(q.getColumn(i++));
                break;
            case CellFrom::text:
                w.text(q.getColumn(i++));
                break;
            case CellFrom::time:
                w.time(q.getColumn(i++));
                break;
            case CellFrom::tri:
                w.tri(q.getColumn(i++));
                break;
            case CellFrom::yes_no:
                w.value(q.getColumn(i++).getInt() ? "yes" : "no");
                break;
            case CellFrom::regions:
                w.value(regions->of(q.getColumn(0).getInt64()));
                break;
            }
        }
        w.end();
        ++rows;
    }
    return rows;
}

// Thrown to leave a dry run's transaction, which rolls it back.
struct DryRunDone {};

} // namespace

long long export_csv(Clinic& clinic, const ExportOptions& options, std::ostream& out)
{
    bool has_time = options.table != Table::flags && options.table != Table::settings;
    if (!has_time && (options.from || options.to))
        throw InputError(fmt::format("{} and {} do not apply to {}", clinic.label("from"),
                                     clinic.label("to"), to_string(options.table)),
                         options.table == Table::flags ? "use " + clinic.label("as_of") : "").about(clinic.label("from"));
    if (options.as_of && options.table != Table::flags)
        throw InputError(clinic.label("as_of") + " applies to flags only").about(clinic.label("as_of"));
    if (options.therapist_id && options.table != Table::sessions)
        throw InputError(clinic.label("therapist_id") + " applies to sessions only").about(clinic.label("therapist_id"));
    if (options.client_id && (options.table == Table::therapists || options.table == Table::settings))
        throw InputError(fmt::format("{} does not apply to {}", clinic.label("client_id"),
                                     to_string(options.table))).about(clinic.label("client_id"));
    if (options.bom)
        out << "\xEF\xBB\xBF";
    exchange::LineWriter w(out, clinic.clock(), options.utc, options.progress);
    w.header(csv_columns(options.table));
    if (options.table == Table::flags)
        return exchange::export_flags(clinic, options, w);
    return export_rows(clinic, table_spec(options.table), options, w);
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
            case Table::health_history:
                importer = exchange::health_importer(clinic);
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


} // namespace massagelog
