#include "massagelog/records/people.hpp"

#include "massagelog/store/clinic.hpp"
#include "massagelog/store/columns.hpp"
#include "massagelog/store/row_insert.hpp"
#include "massagelog/core/error.hpp"
#include "massagelog/core/text.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

namespace massagelog {

namespace {

// An empty answer is no answer: stored as NULL.
std::optional<std::string> opt_line(const std::optional<std::string>& v, std::string_view field)
{
    if (!v || v->empty())
        return std::nullopt;
    return checked_text(*v, field, TextKind::line);
}

Therapist therapist_from(SQLite::Statement& q)
{
    return Therapist{q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                     opt_column(q.getColumn(2)), q.getColumn(3).getInt() != 0,
                     from_utc_text(q.getColumn(4).getString())};
}

Client client_from(SQLite::Statement& q)
{
    Client c;
    c.id = q.getColumn(0).getInt64();
    c.name = q.getColumn(1).getString();
    c.phone = opt_column(q.getColumn(2));
    c.email = opt_column(q.getColumn(3));
    c.birth_date = opt_column(q.getColumn(4));
    c.notes = opt_column(q.getColumn(5));
    c.created_at = from_utc_text(q.getColumn(6).getString());
    if (!q.getColumn(7).isNull())
        c.archived_at = from_utc_text(q.getColumn(7).getString());
    return c;
}

constexpr const char* k_client_columns =
    "id, name, phone, email, birth_date, notes, created_at, archived_at";

void require_name(const std::string& name, std::string_view field)
{
    if (name.find_first_not_of(" \t") == std::string::npos)
        throw InputError(fmt::format("{} is empty", field), "give a name").about(field);
}

} // namespace

TherapistInput checked_therapist(const TherapistInput& input, const FieldLabel& label)
{
    TherapistInput t;
    t.name = checked_text(input.name, label("name"), TextKind::line);
    require_name(t.name, label("name"));
    if (input.licence && !input.licence->empty())
        t.licence = checked_text(*input.licence, label("licence"), TextKind::line);
    return t;
}

const char* const RowTable<Therapist>::insert_sql =
    "INSERT INTO therapists (id, name, licence, active, created_at) VALUES (?, ?, ?, ?, ?)";

void RowTable<Therapist>::bind(SQLite::Statement& q, const Therapist& row)
{
    bind_row(q, id_or_next(row.id), row.name, row.licence, row.active, to_utc_text(row.created_at));
}

const char* const RowTable<Client>::insert_sql =
    "INSERT INTO clients (id, name, phone, email, birth_date, notes, created_at, archived_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

void RowTable<Client>::bind(SQLite::Statement& q, const Client& row)
{
    bind_row(q, id_or_next(row.id), row.name, row.phone, row.email, row.birth_date, row.notes,
             to_utc_text(row.created_at), opt_utc_text(row.archived_at));
}

std::int64_t add_therapist(Clinic& clinic, const TherapistInput& input)
{
    TherapistInput checked = checked_therapist(input, clinic.label());
    const std::string& name = checked.name;
    const std::optional<std::string>& licence = checked.licence;
    return clinic.write([&] {
        std::int64_t id = TableInsert<Therapist>(clinic.db()).insert(
            {0, name, licence, true, clinic.clock().now()});
        nlohmann::json detail = {{"name", name}, {"licence", nullptr}};
        if (licence)
            detail["licence"] = *licence;
        clinic.audit_row({"create", "therapist", id, std::nullopt, detail}, DigestTable::therapists);
        return id;
    });
}

std::vector<Therapist> list_therapists(Clinic& clinic)
{
    std::vector<Therapist> out;
    SQLite::Statement q(clinic.db(), "SELECT id, name, licence, active, created_at FROM therapists "
                                     "ORDER BY name COLLATE NOCASE, id");
    while (q.executeStep())
        out.push_back(therapist_from(q));
    return out;
}

std::optional<std::int64_t> last_therapist_for(Clinic& clinic, const std::string& actor)
{
    SQLite::Statement q(clinic.db(), "SELECT t.id FROM sessions s JOIN therapists t ON t.id = "
                                     "s.therapist_id WHERE s.created_by = :actor AND t.active "
                                     "ORDER BY s.id DESC LIMIT 1");
    q.bind(":actor", actor);
    if (!q.executeStep())
        return std::nullopt;
    return q.getColumn(0).getInt64();
}

ClientInput checked_client(const ClientInput& input, const std::string& today,
                           const FieldLabel& label)
{
    ClientInput c;
    c.name = checked_text(input.name, label("name"), TextKind::line);
    require_name(c.name, label("name"));
    c.phone = opt_line(input.phone, label("phone"));
    c.email = opt_line(input.email, label("email"));
    if (c.email && (c.email->size() < 3 || c.email->find('@') == std::string::npos ||
                    c.email->front() == '@' || c.email->back() == '@'))
        throw InputError(fmt::format("{} {} is not an e-mail address", label("email"),
                                     quote_value(*c.email)),
                         "use name@example.org").about(label("email"));
    if (input.birth_date && !input.birth_date->empty())
        c.birth_date = parse_calendar_date(*input.birth_date, label("birth_date"));
    if (c.birth_date && *c.birth_date > today)
        throw InputError(fmt::format("{} '{}' is in the future", label("birth_date"), *c.birth_date)).about(label("birth_date"));
    if (input.notes && !input.notes->empty())
        c.notes = checked_text(*input.notes, label("notes"), TextKind::note);
    return c;
}

std::int64_t add_client(Clinic& clinic, const ClientInput& raw)
{
    ClientInput c =
        checked_client(raw, clinic.clock().local_date(clinic.clock().now()), clinic.label());
    return clinic.write([&] {
        std::int64_t id = TableInsert<Client>(clinic.db()).insert(
            {0, c.name, c.phone, c.email, c.birth_date, c.notes, clinic.clock().now(),
             std::nullopt});
        nlohmann::json fields = nlohmann::json::array({"name"});
        for (auto [name, present] : {std::pair{"phone", c.phone.has_value()},
                                     {"email", c.email.has_value()},
                                     {"birth_date", c.birth_date.has_value()},
                                     {"notes", c.notes.has_value()}})
            if (present)
                fields.push_back(name);
        // Personal details stay out of the audit log; it records which fields were set.
        clinic.audit_row({"create", "client", id, id, {{"fields", fields}}}, DigestTable::clients);
        return id;
    });
}

namespace {

// The digits of a search that looks like a phone number: three digits or
// more, and nothing but digits and the marks people write numbers with.
std::optional<std::string> phone_digits(std::string_view search)
{
    std::string digits;
    for (char ch : search) {
        if (ch >= '0' && ch <= '9')
            digits += ch;
        else if (std::string_view(" -+()./").find(ch) == std::string_view::npos)
            return std::nullopt;
    }
    if (digits.size() < 3)
        return std::nullopt;
    return digits;
}

} // namespace

void each_client(Clinic& clinic, const std::string& search, IncludeArchived archived,
                 const std::function<void(const Client&)>& visit)
{
    // A name matches whatever its case and accents ("garcia" finds García);
    // phones and e-mails as typed, and a phone by its digits whatever the
    // spaces, dashes, brackets and "+" ("5550101" finds "555 0101").
    std::string sql = fmt::format(
        "SELECT {} FROM clients WHERE (:all_archived OR archived_at IS NULL) AND (:pattern IS "
        "NULL OR instr(match_key(name), :key) OR phone LIKE :pattern ESCAPE '\\' OR email LIKE "
        ":pattern ESCAPE '\\' OR (:digits IS NOT NULL AND instr(replace(replace(replace(replace("
        "replace(replace(replace(phone, ' ', ''), '-', ''), '+', ''), '(', ''), ')', ''), '.', ''), "
        "'/', ''), :digits))) ORDER BY name COLLATE NOCASE, id",
        k_client_columns);
    SQLite::Statement q(clinic.db(), sql);
    q.bind(":all_archived", archived == IncludeArchived::yes ? 1 : 0);
    if (auto digits = phone_digits(search))
        q.bind(":digits", *digits);
    if (!search.empty()) {
        std::string pattern = "%";
        for (char ch : search) {
            if (ch == '%' || ch == '_' || ch == '\\')
                pattern += '\\';
            pattern += ch;
        }
        q.bind(":pattern", pattern + "%");
        q.bind(":key", match_key(search));
    }
    while (q.executeStep())
        visit(client_from(q));
}

std::optional<Client> find_client(Clinic& clinic, std::int64_t id)
{
    SQLite::Statement q(clinic.db(),
                        fmt::format("SELECT {} FROM clients WHERE id = :id", k_client_columns));
    q.bind(":id", id);
    if (!q.executeStep())
        return std::nullopt;
    return client_from(q);
}

Client require_client(Clinic& clinic, std::int64_t id, std::string_view field)
{
    auto c = find_client(clinic, id);
    if (!c)
        throw InputError(fmt::format("{} {}: no such client", field, id),
                         "see " + clinic.next(Next::list_clients)).about(field);
    return *c;
}

Therapist require_therapist(Clinic& clinic, std::int64_t id, std::string_view field)
{
    SQLite::Statement q(clinic.db(), "SELECT id, name, licence, active, created_at FROM therapists "
                                     "WHERE id = :id");
    q.bind(":id", id);
    if (!q.executeStep())
        throw InputError(fmt::format("{} {}: no such therapist", field, id),
                         "see " + clinic.next(Next::list_therapists)).about(field);
    return therapist_from(q);
}

namespace {

bool all_digits(std::string_view text)
{
    return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

// The one person named `text`, but for case and accents.
std::int64_t resolve_person(Clinic& clinic, std::string_view text, std::string_view field,
                            const char* table, const char* usable, const char* detail,
                            const char* noun, Next list)
{
    if (all_digits(text))
        return parse_int(text, field, 1, INT64_MAX);
    SQLite::Statement q(clinic.db(),
                        fmt::format("SELECT id, name, {} FROM {} WHERE match_key(name) = :key "
                                    "AND {} ORDER BY id LIMIT 10",
                                    detail, table, usable));
    q.bind(":key", match_key(text));
    std::vector<std::string> matches;
    std::int64_t id = 0;
    while (q.executeStep()) {
        id = q.getColumn(0).getInt64();
        matches.push_back(fmt::format("{} {}{}", id, q.getColumn(1).getString(),
                                      q.getColumn(2).isNull() ? std::string()
                                                              : " (" + q.getColumn(2).getString() + ")"));
    }
    if (matches.empty())
        throw InputError(fmt::format("{} {}: no {} has that name", field, quote_value(text), noun),
                         fmt::format("see {}, or give the ID", clinic.next(list))).about(field);
    if (matches.size() > 1) {
        std::string list;
        for (const auto& m : matches)
            list += (list.empty() ? "" : "; ") + m;
        throw InputError(fmt::format("{} {} names {} {}s: {}", field, quote_value(text),
                                     matches.size(), noun, list),
                         "give the ID instead").about(field);
    }
    return id;
}

} // namespace

std::int64_t resolve_client(Clinic& clinic, std::string_view text, std::string_view field)
{
    return resolve_person(clinic, text, field, "clients", "archived_at IS NULL", "phone", "client",
                          Next::find_client);
}

std::int64_t resolve_archived_client(Clinic& clinic, std::string_view text, std::string_view field)
{
    return resolve_person(clinic, text, field, "clients", "archived_at IS NOT NULL", "phone",
                          "archived client", Next::find_archived_client);
}

std::int64_t resolve_therapist(Clinic& clinic, std::string_view text, std::string_view field)
{
    return resolve_person(clinic, text, field, "therapists", "active", "licence", "therapist",
                          Next::list_therapists);
}

std::vector<Client> clients_named(Clinic& clinic, std::string_view name, std::int64_t other_than)
{
    SQLite::Statement q(clinic.db(), fmt::format("SELECT {} FROM clients WHERE match_key(name) = "
                                                 ":key AND id != :other ORDER BY id",
                                                 k_client_columns));
    q.bind(":key", match_key(nfc(name)));
    q.bind(":other", other_than);
    std::vector<Client> out;
    while (q.executeStep())
        out.push_back(client_from(q));
    return out;
}

std::vector<Client> find_clients(Clinic& clinic, std::string_view text, std::size_t limit)
{
    std::vector<Client> out;
    each_client(clinic, std::string(text), IncludeArchived::no, [&](const Client& c) {
        if (out.size() < limit)
            out.push_back(c);
    });
    return out;
}

} // namespace massagelog
