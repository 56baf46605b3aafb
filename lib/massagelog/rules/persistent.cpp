// persistent: an episode still open (not reported gone) more than persist.watch_days (watch) or
// persist.refer_days (refer) after the onset of its current bout, on the
// clinic's calendar. A reaction that came back counts from its return.

#include "massagelog/rules/rules.hpp"

#include <fmt/format.h>

namespace massagelog::rules {

namespace {

const Advice k_refer{
    "Advise the client to see their GP: a twitch lasting more than two weeks needs a medical "
    "assessment. No deep work on the area until then.",
    "NHS, Twitching eyes and muscles: see a GP if a twitch lasts more than 2 weeks"};

const Advice k_watch{
    "Call the client: twitching after massage usually settles within days. If it has not gone "
    "soon, or gets worse, advise a GP visit. Suggest rest, fluids, gentle stretching and a warm "
    "compress.",
    "001_a411700d9baee785.txt: twitching can last \"a few hours to several days\"; consult a "
    "professional \"if the twitching doesn't go away\""};

} // namespace

void persistent(const ClientHistory& history, const RuleContext& context, std::vector<Flag>& flags)
{
    const auto& t = context.thresholds;
    for (const Episode& e : history.episodes) {
        Bout bout = e.current_bout();
        if (!bout.open())
            continue;
        auto open_for = clinic_elapsed(context.clock, bout.onset, context.as_of);
        Level level;
        long long threshold;
        if (open_for > std::chrono::days{t.persist_refer_days}) {
            level = Level::refer;
            threshold = t.persist_refer_days;
        } else if (open_for > std::chrono::days{t.persist_watch_days}) {
            level = Level::watch;
            threshold = t.persist_watch_days;
        } else {
            continue;
        }
        std::string unconfirmed = presence_unconfirmed(bout, context.clock);
        Flag f = bout_flag(
            history, e, bout, "persistent", level, level == Level::refer ? k_refer : k_watch,
            fmt::format("{} {} {} {} after {} ({}){}{}; the clinic {} after {} days",
                        to_string(e.reports.back().kind), where(e),
                        unconfirmed.empty() ? "still present" : "not reported gone",
                        describe_duration(open_for),
                        bout.number == 1 ? std::string("onset")
                                         : fmt::format("it came back (bout {})", bout.number),
                        context.clock.local_minutes(bout.onset),
                        unconfirmed.empty() ? "" : ", " + unconfirmed,
                        conflict_note(bout, context.clock),
                        level == Level::refer ? "refers" : "watches", threshold));
        add_reports(f, bout.reports);
        // Crossing the threshold is new evidence: a review of the watch
        // does not cover the refer.
        f.evidence_at = std::max(f.evidence_at, days_after(context.clock, bout.onset, threshold));
        flags.push_back(std::move(f));
    }
}

} // namespace massagelog::rules
