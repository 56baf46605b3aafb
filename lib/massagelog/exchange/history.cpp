// CSV export and import of what completes a clinic's history beside its
// records: the settings, the follow-up calls (exported in
// exchange_other.cpp) and the reviews of flags.

#include "massagelog/store/clinic.hpp"
#include "massagelog/records/entry_checks.hpp"
#include "massagelog/core/error.hpp"
#include "massagelog/exchange/common.hpp"
#include "massagelog/records/followups.hpp"
#include "massagelog/rules/flags.hpp"
#include "massagelog/rules/rules.hpp"
#include "massagelog/store/config.hpp"
#include "massagelog/store/row_insert.hpp"
#include "massagelog/store/settings.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <memory>

namespace massagelog::exchange {

namespace {

std::optional<std::string> opt_note(const Row& row, std::size_t column)
{
    auto text = row.opt_text(column);
    if (text)
        text = checked_text(*text, row.label(column), TextKind::note);
    return text;
}

} // namespace

RowImporter settings_importer(Clinic& clinic)
{
    auto at = [](std::string_view name) { return column_of(Table::settings, name); };
    const std::size_t s_key = at("key"), s_value = at("value");
    return {[=, &clinic](const Row& row) {
                const SettingSpec* spec = nullptr;
                try {
                    spec = &setting_spec(row.raw(s_key));
                } catch (const InputError& e) {
                    throw InputError(fmt::format("{}: {}", row.label(s_key), e.what()), e.hint());
                }
                std::string value = spec->normalise(row.text(s_value), row.label(s_value));
                write_setting(clinic.db(), spec->key, value);
            },
            // The pair set_setting checks one at a time, checked on the whole file.
            [&clinic] { check_settings_agree(clinic.db()); }};
}

RowImporter followup_importer(Clinic& clinic)
{
    auto exists = std::make_shared<SQLite::Statement>(clinic.db(),
                                                      "SELECT 1 FROM followups WHERE id = ?");
    auto session = std::make_shared<SQLite::Statement>(
        clinic.db(), "SELECT client_id, started_at FROM sessions WHERE id = ?");
    auto insert = std::make_shared<TableInsert<Followup>>(clinic.db());
    auto future = std::make_shared<FutureLimit>(clinic);
    auto at = [](std::string_view name) { return column_of(Table::followups, name); };
    const std::size_t f_id = at("id"), f_session_id = at("session_id"),
        f_client_id = at("client_id"), f_contacted_at = at("contacted_at"),
        f_contacted_by = at("contacted_by"), f_outcome = at("outcome"), f_notes = at("notes");
    return {[=, &clinic](const Row& row) {
                std::int64_t id = row.id(f_id);
                std::int64_t session_id = row.id(f_session_id);
                std::int64_t client_id = row.id(f_client_id);
                Instant at = row.time(f_contacted_at, clinic.clock());
                future->check(at, row.label(f_contacted_at));
                std::string by = required_line(row, f_contacted_by);
                auto outcome = row.parse(f_outcome, [&](std::string_view f) {
                    return parse_enum<FollowupOutcome>(row.raw(f_outcome), f);
                });
                auto notes = opt_note(row, f_notes);
                // History: a call about a session voided since is kept.
                session->reset();
                session->bind(1, session_id);
                if (!session->executeStep())
                    throw InputError(fmt::format("{} {}: no such session",
                                                 row.label(f_session_id), session_id),
                                     "import sessions before their follow-up calls");
                if (session->getColumn(0).getInt64() != client_id)
                    throw InputError(fmt::format("{} {}: session {} is client {}'s",
                                                 row.label(f_client_id), client_id, session_id,
                                                 session->getColumn(0).getInt64()));
                Instant started = from_utc_text(session->getColumn(1).getText());
                if (at < started)
                    throw InputError(fmt::format("{} {} is before session {} started ({})",
                                                 row.label(f_contacted_at),
                                                 clinic.clock().local_minutes(at), session_id,
                                                 clinic.clock().local_minutes(started)));
                require_new_id(*exists, row, f_id, id, "follow-up call");
                insert->insert({id, session_id, at, by, outcome, notes});
            },
            {}};
}

RowImporter review_importer(Clinic& clinic)
{
    auto exists = std::make_shared<SQLite::Statement>(clinic.db(),
                                                      "SELECT 1 FROM flag_reviews WHERE id = ?");
    auto client = std::make_shared<SQLite::Statement>(clinic.db(),
                                                      "SELECT 1 FROM clients WHERE id = ?");
    auto insert = std::make_shared<TableInsert<StoredReview>>(clinic.db());
    auto future = std::make_shared<FutureLimit>(clinic);
    auto at = [](std::string_view name) { return column_of(Table::flag_reviews, name); };
    const std::size_t r_id = at("id"), r_rule = at("rule"), r_client_id = at("client_id"),
        r_evidence_key = at("evidence_key"), r_reviewed_at = at("reviewed_at"),
        r_reviewed_by = at("reviewed_by"), r_action = at("action"), r_note = at("note");
    return {[=, &clinic](const Row& row) {
                std::int64_t id = row.id(r_id);
                const std::string& rule = row.raw(r_rule);
                bool known = false;
                for (const RuleSpec& spec : rule_table())
                    known = known || spec.id == rule;
                if (!known)
                    throw InputError(fmt::format("{} {} is not a rule", row.label(r_rule),
                                                 quote_value(rule)));
                std::int64_t client_id = row.id(r_client_id);
                std::string key = required_line(row, r_evidence_key);
                Instant at = row.time(r_reviewed_at, clinic.clock());
                future->check(at, row.label(r_reviewed_at));
                std::string by = required_line(row, r_reviewed_by);
                auto action = row.parse(r_action, [&](std::string_view f) {
                    return parse_enum<ReviewAction>(row.raw(r_action), f);
                });
                auto note = opt_note(row, r_note);
                // History: a review stays with its flag even when the flag no
                // longer stands, so only the client is looked up.
                client->reset();
                client->bind(1, client_id);
                if (!client->executeStep())
                    throw InputError(fmt::format("{} {}: no such client", row.label(r_client_id),
                                                 client_id),
                                     "import clients before the reviews of their flags");
                require_new_id(*exists, row, r_id, id, "flag review");
                insert->insert({id, rule, client_id, key, {at, by, action, note}});
            },
            {}};
}

} // namespace massagelog::exchange
