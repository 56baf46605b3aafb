// The one INSERT of each table: a row written through TableInsert reads
// back field for field, keeps a given id and takes the next one for 0.

#include "fixture.hpp"

#include <massagelog/records/followups.hpp>
#include <massagelog/records/people.hpp>
#include <massagelog/records/sessions.hpp>
#include <massagelog/rules/flags.hpp>
#include <massagelog/store/row_insert.hpp>

#include <catch2/catch.hpp>

using namespace massagelog;
using namespace massagelog::testing;


TEST_CASE_METHOD(ClinicFixture, "row_insert::people", "[row_insert]")
{
    Instant created = from_utc_text("2026-11-01T09:00:00Z");
    TableInsert<Therapist> therapists(db());
    CHECK(therapists.insert({7, "Rosa Larsen", std::nullopt, false, created}) == 7);
    CHECK(therapists.insert({0, "Wen Zhang", std::string("LMT-2"), true, created}) == 8);
    auto listed = list_therapists(clinic());
    REQUIRE(listed.size() == 2);
    CHECK(listed[0].name == "Rosa Larsen");
    CHECK_FALSE(listed[0].licence);
    CHECK_FALSE(listed[0].active);
    CHECK(listed[0].created_at == created);
    CHECK(listed[1].licence == std::optional<std::string>("LMT-2"));
    CHECK(listed[1].active);

    TableInsert<Client> clients(db());
    Instant archived = from_utc_text("2026-11-10T12:00:00Z");
    Client written{3, "Ana Souza", std::string("+1 555 0101"), std::nullopt,
                   std::string("1988-04-12"), std::string("two\nlines"), created, archived};
    CHECK(clients.insert(written) == 3);
    auto read = find_client(clinic(), 3);
    REQUIRE(read);
    CHECK(read->name == written.name);
    CHECK(read->phone == written.phone);
    CHECK_FALSE(read->email);
    CHECK(read->birth_date == written.birth_date);
    CHECK(read->notes == written.notes);
    CHECK(read->created_at == created);
    CHECK(read->archived_at == std::optional<Instant>(archived));
}

TEST_CASE_METHOD(ClinicFixture, "row_insert::calls and reviews", "[row_insert]")
{
    Instant at = from_utc_text("2026-11-02T10:00:00Z");
    TableInsert<Therapist>(db()).insert({0, "Rosa Larsen", std::nullopt, true, at});
    std::int64_t client =
        TableInsert<Client>(db()).insert({0, "Ana Souza", {}, {}, {}, {}, at, std::nullopt});
    std::int64_t session = add_session(clinic(), session_input(client, 1, from_utc_text("2026-11-01T15:00:00Z"))).id;

    CHECK(TableInsert<Followup>(db()).insert(
              {12, session, at, "front desk", FollowupOutcome::no_answer, std::nullopt}) == 12);
    auto calls = client_followups(clinic(), client);
    REQUIRE(calls.size() == 1);
    CHECK(calls[0].id == 12);
    CHECK(calls[0].contacted_at == at);
    CHECK(calls[0].by == "front desk");
    CHECK(calls[0].outcome == FollowupOutcome::no_answer);
    CHECK_FALSE(calls[0].notes);

    TableInsert<StoredReview>(db()).insert(
        {0, "weakness", client, "s1:calf:left", {at, "owner", ReviewAction::referred, "GP"}});
    CHECK(db().execAndGet("SELECT rule || '|' || client_id || '|' || evidence_key || '|' || "
                          "reviewed_at || '|' || reviewed_by || '|' || action || '|' || note "
                          "FROM flag_reviews")
              .getString() ==
          "weakness|" + std::to_string(client) + "|s1:calf:left|2026-11-02T10:00:00Z|owner|referred|GP");
}

TEST_CASE_METHOD(ClinicFixture, "row_insert::last therapist for", "[row_insert]")
{
    CHECK_FALSE(last_therapist_for(clinic(), "tester"));
    std::int64_t rosa = add_therapist(clinic(), {"Rosa Larsen", std::nullopt});
    std::int64_t wen = add_therapist(clinic(), {"Wen Zhang", std::nullopt});
    std::int64_t client = add_client(clinic(), {"Ana Souza", {}, {}, {}, {}});
    SessionInput in = session_input(client, wen, from_utc_text("2026-11-01T15:00:00Z"));
    add_session(clinic(), in);
    CHECK(last_therapist_for(clinic(), clinic().actor().name) == std::optional(wen));
    CHECK_FALSE(last_therapist_for(clinic(), "someone else"));
    in.therapist_id = rosa;
    add_session(clinic(), in);
    CHECK(last_therapist_for(clinic(), clinic().actor().name) == std::optional(rosa));
}
