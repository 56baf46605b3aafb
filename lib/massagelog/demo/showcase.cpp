#include "massagelog/demo/showcase.hpp"

namespace massagelog::demo {

using namespace std::chrono;

void add_showcase(Writer& w, const LocalDays& day, Instant now,
                  const std::vector<std::int64_t>& therapists)
{
    auto t = [&](std::size_t i) { return therapists[i % therapists.size()]; };
    auto client = [&](const char* name, const char* phone, const char* email, const char* born) {
        return w.client(name, phone, email, born, nullptr);
    };
    const Symptoms no = all_no();
    auto h = [](int n) { return hours{n}; };

    // Twitching still present 5 days after onset: watch (persistent).
    {
        auto c = client("Ana Souza", "+1 555 0101", "ana.souza@example.org", "1988-04-12");
        auto start = day.at(6, 10);
        auto s = w.session(c, t(0), start, 60, "swedish", 2, {{"calf", Side::both, 2, false}});
        w.report(s, {start + h(20), day.at(1, 17), "calf", Side::left, ReactionKind::twitch, 3,
                     Frequency::occasional, Tri::yes, std::nullopt,
                     with(no, Symptom::vision_changes, Tri::unknown), ReportSource::phone,
                     "Flickering in the left calf in the evenings."});
    }
    // Twitching still present more than two weeks after onset: refer (persistent).
    {
        auto c = client("Bruno Keller", "+1 555 0102", "bruno.keller@example.org", "1975-09-30");
        auto start = day.at(20, 14);
        auto s = w.session(c, t(1), start, 90, "deep-tissue", 4,
                           {{"thigh-back", Side::both, 4, false}, {"lower-back", Side::midline, 3, false}});
        w.report(s, {start + h(26), day.at(3, 11), "thigh-back", Side::right,
                     ReactionKind::twitch, 2, Frequency::occasional, Tri::yes, std::nullopt, no,
                     ReportSource::in_person, nullptr});
    }
    // Shoulder weakness after pressure 4 on the shoulder: refer (weakness, nerve).
    {
        auto c = client("Chloé Martin", "+33 6 55 01 03", "chloe.martin@example.org", "1991-02-17");
        auto start = day.at(4, 11);
        auto s = w.session(c, t(2), start, 60, "deep-tissue", 4,
                           {{"shoulder", Side::left, 4, false}, {"neck", Side::midline, 3, false}});
        w.report(s, {start + h(18), day.at(2, 9), "shoulder", Side::left, ReactionKind::twitch,
                     4, Frequency::frequent, Tri::yes, std::nullopt,
                     with(with(no, Symptom::weakness, Tri::yes), Symptom::pain, Tri::yes),
                     ReportSource::phone, "Hard to lift the left arm above the head."});
    }
    // Twitching that gets worse between two reports: refer (worsening).
    {
        auto c = client("Daniel Okafor", "+1 555 0104", "daniel.okafor@example.org", "1983-12-01");
        auto start = day.at(8, 16);
        auto s = w.session(c, t(3), start, 60, "sports", 3, {{"calf", Side::right, 3, false}});
        w.report(s, {start + h(22), day.at(6, 10), "calf", Side::right, ReactionKind::twitch, 3,
                     Frequency::occasional, Tri::yes, std::nullopt, no, ReportSource::phone,
                     nullptr});
        w.report(s, {start + h(22), day.at(3, 15), "calf", Side::right, ReactionKind::twitch, 6,
                     Frequency::frequent, Tri::yes, std::nullopt, no, ReportSource::phone,
                     "More often now, also at night."});
    }
    // Twitching with changes in vision: refer (accompanied).
    {
        auto c = client("Emma Lindqvist", "+46 70 555 01 05", "emma.lindqvist@example.org",
                        "1969-07-23");
        auto start = day.at(3, 9, 30);
        auto s = w.session(c, t(4), start, 60, "swedish", 2, {{"upper-back", Side::midline, 2, false}});
        w.report(s, {start + h(5), day.at(1, 12), "upper-back", Side::midline,
                     ReactionKind::twitch, 2, Frequency::occasional, Tri::no, start + h(30),
                     with(no, Symptom::vision_changes, Tri::yes), ReportSource::phone,
                     "Blurred vision the same evening."});
    }
    // A cramp that came with fatigue and resolved: watch (accompanied).
    {
        auto c = client("Farid Haddad", "+1 555 0106", "farid.haddad@example.org", "1979-03-05");
        auto start = day.at(10, 15);
        auto s = w.session(c, t(0), start, 75, "hot-stone", 2, {{"lower-back", Side::midline, 2, false}});
        w.report(s, {start + h(8), day.at(8, 10), "lower-back", Side::midline, ReactionKind::cramp,
                     3, Frequency::occasional, Tri::no, start + h(30),
                     with(no, Symptom::fatigue, Tri::yes), ReportSource::form, nullptr});
    }
    // A spasm in the abdomen: refer (trunk).
    {
        auto c = client("Grace Liu", "+1 555 0107", "grace.liu@example.org", "1995-11-11");
        auto start = day.at(2, 13);
        auto s = w.session(c, t(1), start, 60, "myofascial", 3, {{"abdomen", Side::midline, 2, false}});
        w.report(s, {start + h(6), day.at(1, 10), "abdomen", Side::midline, ReactionKind::spasm,
                     4, Frequency::occasional, Tri::no, start + h(9), no, ReportSource::phone,
                     nullptr});
    }
    // Twitching in two places at once: watch (spread).
    {
        auto c = client("Hiroshi Tanaka", "+81 90 5555 0108", "hiroshi.tanaka@example.org",
                        "1986-06-08");
        auto start = day.at(3, 17);
        auto s = w.session(c, t(2), start, 90, "deep-tissue", 4,
                           {{"calf", Side::left, 4, false}, {"forearm", Side::right, 4, false}});
        w.report(s, {start + h(15), day.at(1, 11), "calf", Side::left, ReactionKind::twitch, 2,
                     Frequency::occasional, Tri::yes, std::nullopt, no, ReportSource::phone, nullptr});
        w.report(s, {start + h(16), day.at(1, 11), "forearm", Side::right, ReactionKind::twitch,
                     2, Frequency::occasional, Tri::yes, std::nullopt, no, ReportSource::phone,
                     nullptr});
    }
    // Cramps after three sessions within 90 days: refer (recurrent).
    {
        auto c = client("Isabel Ferreira", "+351 91 555 0109", "isabel.ferreira@example.org",
                        "1972-01-19");
        int n = 0;
        for (int ago : {60, 35, 12}) {
            auto start = day.at(ago, 10);
            auto s = w.session(c, t(3 + static_cast<std::size_t>(n++)), start, 60,
                               "neuromuscular", 3, {{"thigh-front", Side::both, 3, false}});
            w.report(s, {start + h(7), start + h(30), "thigh-front", Side::both,
                         ReactionKind::cramp, 5, Frequency::occasional, Tri::no, start + h(9), no,
                         ReportSource::phone, nullptr});
        }
    }
    // Neck pain after focal pressure on the neck: refer (nerve).
    {
        auto c = client("Jonas Weber", "+49 151 5550110", "jonas.weber@example.org", "1990-05-27");
        auto start = day.at(2, 10);
        auto s = w.session(c, t(4), start, 45, "trigger-point", 3,
                           {{"neck", Side::midline, 3, true}, {"upper-back", Side::midline, 3, false}});
        w.report(s, {start + h(4), day.at(1, 9), "neck", Side::midline, ReactionKind::twitch, 3,
                     Frequency::frequent, Tri::yes, std::nullopt, with(no, Symptom::pain, Tri::yes),
                     ReportSource::phone, "Sharp pain on turning the head."});
    }
    // Calf pain after pressure 5 on the calf: watch (accompanied), not nerve.
    {
        auto c = client("Kofi Mensah", "+233 20 555 0111", "kofi.mensah@example.org", "1984-08-14");
        auto start = day.at(5, 12);
        auto s = w.session(c, t(0), start, 60, "deep-tissue", 5, {{"calf", Side::both, 5, false}});
        w.report(s, {start + h(10), day.at(3, 12), "calf", Side::both, ReactionKind::cramp, 4,
                     Frequency::occasional, Tri::no, start + h(20), with(no, Symptom::pain, Tri::yes),
                     ReportSource::in_person, nullptr});
    }
    // A session entered by mistake and voided: its report never fires.
    {
        auto c = client("Lena Novak", "+420 601 555 112", "lena.novak@example.org", "1998-10-03");
        auto start = day.at(6, 15);
        auto s = w.session(c, t(1), start, 60, "sports", 4, {{"shoulder", Side::right, 4, false}},
                           "Entered for the wrong client.");
        w.report(s, {start + h(12), day.at(5, 10), "shoulder", Side::right, ReactionKind::spasm,
                     5, Frequency::frequent, Tri::yes, std::nullopt,
                     with(no, Symptom::weakness, Tri::yes), ReportSource::phone, nullptr});
    }
    // Symptoms nobody asked about: "not recorded" never fires a rule.
    {
        auto c = client("María José Núñez", "+34 612 555 113", "mj.nunez@example.org", "1966-04-29");
        auto start = day.at(9, 11);
        auto s = w.session(c, t(2), start, 60, "shiatsu", 3, {{"upper-back", Side::midline, 3, false}});
        w.report(s, {start + h(12), start + h(40), "upper-back", Side::midline,
                     ReactionKind::twitch, 2, std::nullopt, Tri::no, start + h(20), Symptoms{},
                     ReportSource::form, nullptr});
    }
    // Deep work yesterday and no reaction yet: a day-1 follow-up call is due.
    {
        auto c = client("Noah Williams", "+1 555 0114", "noah.williams@example.org", "2001-02-02");
        auto earlier = day.at(30, 12);
        auto s0 = w.session(c, t(3), earlier, 60, "deep-tissue", 4, {{"upper-back", Side::midline, 4, false}});
        w.followup(s0, earlier + h(24), FollowupOutcome::no_reaction, "Felt fine.");
        w.session(c, t(3), day.at(1, 18), 60, "deep-tissue", 4,
                  {{"upper-back", Side::midline, 4, false}, {"glutes", Side::both, 4, false}});
    }
    (void)now;
}

} // namespace massagelog::demo
