// massagelog db check: integrity, foreign keys and the audit log's hash chain.

#include "../command.hpp"

#include <massagelog/audit.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

namespace massagelog::app {

namespace {

void options(po::options_description&) {}

int run(const po::variables_map&, Clinic& clinic, std::ostream& out)
{
    bool ok = true;
    std::vector<std::string> integrity;
    SQLite::Statement check(clinic.db(), "PRAGMA integrity_check");
    while (check.executeStep())
        integrity.push_back(check.getColumn(0).getString());
    bool integrity_ok = integrity.size() == 1 && integrity[0] == "ok";
    out << "integrity:    " << (integrity_ok ? "ok" : "FAILED") << '\n';
    if (!integrity_ok) {
        ok = false;
        for (const auto& line : integrity)
            out << "  " << line << '\n';
    }

    SQLite::Statement fk(clinic.db(), "PRAGMA foreign_key_check");
    int fk_problems = 0;
    while (fk.executeStep()) {
        if (++fk_problems <= 20)
            out << "  " << fk.getColumn(0).getString() << " row " << fk.getColumn(1).getInt64()
                << " refers to a missing " << fk.getColumn(2).getString() << " row\n";
    }
    out << "foreign keys: " << (fk_problems == 0 ? "ok" : "FAILED") << '\n';
    ok = ok && fk_problems == 0;

    AuditChainReport chain = verify_audit_chain(clinic.db());
    if (chain.first_bad_id) {
        ok = false;
        out << "audit chain:  FAILED: " << chain.problem << '\n';
    } else {
        out << "audit chain:  ok (" << chain.rows << " rows)\n";
    }
    out << (ok ? "database is healthy\n" : "database FAILED its checks; restore from a backup\n");
    return ok ? 0 : 1;
}

} // namespace

Command db_check_command()
{
    return {"db check", "",
            "Check the database: integrity, foreign keys and the audit log's hash chain (exit 1 "
            "on any failure).",
            Access::read, options, {}, run};
}

} // namespace massagelog::app
