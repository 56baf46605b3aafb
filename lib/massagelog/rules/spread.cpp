// spread: open episodes in two or more distinct regions at the same time.

#include "massagelog/rules/rules.hpp"

#include <fmt/format.h>

#include <set>

namespace massagelog::rules {

namespace {

const Advice k_watch{
    "Call the client: twitching in more than one place should be seen by a GP if it does not "
    "settle. Ask about weakness, numbness and vision.",
    "NHS, Twitching eyes and muscles: see a GP if a twitch is in more than one place"};

} // namespace

void spread(const ClientHistory& history, const RuleContext&, std::vector<Flag>& flags)
{
    std::vector<const Episode*> open;
    std::set<std::string> regions;
    for (const Episode& e : history.episodes) {
        if (e.open()) {
            open.push_back(&e);
            regions.insert(e.region->name);
        }
    }
    if (regions.size() < 2)
        return;
    Flag f = client_flag(history, "spread", Level::watch, k_watch, "open");
    std::string where;
    for (const Episode* e : open) {
        f.evidence_key += (f.evidence_key == "open" ? ":" : "+") + e->current_bout_key();
        where += fmt::format("{}{} {} (session {})", where.empty() ? "" : ", ", e->region->name,
                             to_string(e->side), e->session_id);
        f.session_ids.push_back(e->session_id);
        add_reports(f, e->current_bout().reports);
    }
    f.evidence = fmt::format("reactions open in {} regions at once: {}", regions.size(), where);
    flags.push_back(std::move(f));
}

} // namespace massagelog::rules
