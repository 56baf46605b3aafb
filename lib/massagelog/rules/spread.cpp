// spread: open episodes in two or more distinct regions at the same time.

#include "massagelog/rules/rules.hpp"

#include <fmt/format.h>

#include <set>

namespace massagelog::rules {

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
    Flag f;
    f.rule = "spread";
    f.level = Level::watch;
    f.client_id = history.client_id;
    f.evidence_key = "open";
    std::string where;
    for (const Episode* e : open) {
        f.evidence_key += (f.evidence_key == "open" ? ":" : "+") + e->current_bout_key();
        where += fmt::format("{}{} {} (session {})", where.empty() ? "" : ", ", e->region->name,
                             to_string(e->side), e->session_id);
        f.session_ids.push_back(e->session_id);
        for (const auto& r : e->reports)
            f.report_ids.push_back(r.id);
        f.at = std::max(f.at, e->latest_report());
    }
    f.evidence = fmt::format("reactions open in {} regions at once: {}", regions.size(), where);
    f.guidance = "Call the client: twitching in more than one place should be seen by a GP if it "
                 "does not settle. Ask about weakness, numbness and vision.";
    f.source = "NHS, Twitching eyes and muscles: see a GP if a twitch is in more than one place";
    flags.push_back(std::move(f));
}

} // namespace massagelog::rules
