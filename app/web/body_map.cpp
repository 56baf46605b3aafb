#include "web/body_map.hpp"

#include <massagelog/core/catalog.hpp>
#include <massagelog/core/error.hpp>
#include <massagelog/records/point_of_care.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>

namespace massagelog::web {

namespace {

// Where a region sits on the figures (a 700 x 600 drawing: the front on the
// left, the back on the right; the client's right is on the viewer's left
// in front). The list below the figure follows this order, head to foot.
struct Spot {
    std::string_view region;
    int x_right, x_left, y; // x_right == x_left for a midline region
    bool back() const { return x_right > 350; }
};

constexpr Spot k_spots[] = {
    {"head", 170, 170, 18},        {"face", 170, 170, 58},       {"neck", 170, 170, 98},
    {"shoulder", 105, 235, 128},   {"chest", 170, 170, 165},     {"upper-arm", 80, 260, 190},
    {"abdomen", 170, 170, 235},    {"forearm", 62, 278, 262},    {"hip", 125, 215, 300},
    {"hand", 50, 290, 325},        {"thigh-front", 100, 240, 370}, {"shin", 100, 240, 465},
    {"foot", 105, 235, 560},       {"upper-back", 530, 530, 160}, {"lower-back", 530, 530, 235},
    {"glutes", 595, 465, 300},     {"thigh-back", 605, 455, 370}, {"calf", 595, 465, 465},
};

const Spot* spot_of(std::string_view region)
{
    for (const Spot& s : k_spots)
        if (s.region == region)
            return &s;
    return nullptr;
}

// Two outlines, front and back, drawn with presentation attributes only
// (the pages allow no inline style).
std::string figure(int cx, std::string_view caption)
{
    return fmt::format(
        "<g fill=\"#e8eef3\" stroke=\"#8c9aa6\" stroke-width=\"2\">"
        "<circle cx=\"{0}\" cy=\"45\" r=\"32\"/>"
        "<rect x=\"{1}\" y=\"85\" width=\"24\" height=\"25\"/>"
        "<rect x=\"{2}\" y=\"110\" width=\"120\" height=\"170\" rx=\"24\"/>"
        "<rect x=\"{3}\" y=\"115\" width=\"26\" height=\"215\" rx=\"12\"/>"
        "<rect x=\"{4}\" y=\"115\" width=\"26\" height=\"215\" rx=\"12\"/>"
        "<rect x=\"{5}\" y=\"270\" width=\"110\" height=\"60\" rx=\"14\"/>"
        "<rect x=\"{6}\" y=\"320\" width=\"44\" height=\"260\" rx=\"18\"/>"
        "<rect x=\"{7}\" y=\"320\" width=\"44\" height=\"260\" rx=\"18\"/>"
        "</g><text x=\"{0}\" y=\"596\" text-anchor=\"middle\" font-size=\"16\" fill=\"#50575e\">"
        "{8}</text>",
        cx, cx - 12, cx - 60, cx - 90, cx + 64, cx - 55, cx - 52, cx + 8, caption);
}

// The names of what stands against working a region on one side: refer
// flags ("weakness") and contraindication rules ("clot"), each once.
struct Marks {
    std::vector<std::string> flags;
    std::vector<std::string> blocks;
    bool any() const { return !flags.empty() || !blocks.empty(); }
};

void add_once(std::vector<std::string>& names, std::string_view name)
{
    if (std::find(names.begin(), names.end(), name) == names.end())
        names.emplace_back(name);
}

std::string joined(const std::vector<std::string>& names)
{
    std::string out;
    for (const std::string& n : names)
        out += (out.empty() ? "" : ", ") + n;
    return out;
}

Marks marks_of(std::string_view region, Side side, const std::vector<Flag>& standing,
               const ContraCheck* blocked)
{
    Marks out;
    for (const GuardedRegion& g :
         guarded_regions(standing, {{std::string(region), side, 0, false}}))
        add_once(out.flags, g.flag->rule);
    if (blocked)
        for (const Contraindication* c : blocked->blocks())
            if (c->region && c->region->region == region && sides_meet(c->region->side, side))
                add_once(out.blocks, c->rule);
    return out;
}

// A region of the map with its boxes: R and L for a paired region, one for
// a midline region, each with where it sits on the figure and its marks.
struct MapSide {
    Side side;
    std::string_view label;
    int x;
    Marks marks;
};
struct MapRegion {
    const Region* region;
    const Spot* spot; // none: a region the figures do not show
    std::vector<MapSide> sides;
};

std::string field_name(std::string_view what, std::string_view region)
{
    return fmt::format("region-{}-{}", what, region);
}

// One side's box: at least 24 px, and a 44 px target with its label.
std::string side_box(const FormState& form, const Region& r, const MapSide& side)
{
    const std::string value = fmt::format("{}:{}", r.name, to_string(side.side));
    const bool marked = side.marks.any();
    return fmt::format("<label class=\"tick{}\"><input type=\"checkbox\" name=\"region\" "
                       "value=\"{}\"{}> {}{}</label>",
                       marked ? " marked" : "", escape(value),
                       form.has("region", value) ? " checked" : "", side.label,
                       marked ? " <span aria-hidden=\"true\">\u26a0</span>" : "");
}

std::string region_row(const FormState& form, const MapRegion& m)
{
    const Region& r = *m.region;
    const std::string id = form.field_id("map-" + r.name);
    std::string boxes;
    Marks all;
    for (const MapSide& side : m.sides) {
        boxes += side_box(form, r, side);
        for (const std::string& f : side.marks.flags)
            add_once(all.flags, f);
        for (const std::string& b : side.marks.blocks)
            add_once(all.blocks, b);
    }
    std::string why;
    if (!all.flags.empty())
        why += "refer flag: " + escape(joined(all.flags));
    if (!all.blocks.empty())
        why += (why.empty() ? "" : "; ") + std::string("health history: ") +
               escape(joined(all.blocks));
    const std::string pressure_name = field_name("pressure", r.name);
    const std::string chosen = form.value(pressure_name);
    std::string options = "<option value=\"\">session's</option>";
    for (int p = 1; p <= 5; ++p)
        options += fmt::format("<option value=\"{0}\"{1}>{0}</option>", p,
                               chosen == std::to_string(p) ? " selected" : "");
    const std::string focal_name = field_name("focal", r.name);
    return fmt::format(
        "<div class=\"map-row{}\" role=\"group\" aria-labelledby=\"{}\">"
        "<span class=\"map-name\" id=\"{}\">{}</span><span class=\"map-sides\">{}</span>"
        "<label class=\"map-pressure\">pressure <select name=\"{}\">{}</select></label>"
        "<label class=\"tick\"><input type=\"checkbox\" name=\"{}\" value=\"yes\"{}> focal</label>"
        "{}</div>\n",
        why.empty() ? "" : " marked", id, id, escape(r.name), boxes, escape(pressure_name),
        options, escape(focal_name), form.has(focal_name, "yes") ? " checked" : "",
        why.empty() ? "" : "<span class=\"map-why\">" + why + "</span>");
}

// The figures with a dot on each marked region: a picture of where the
// list's warnings are, hidden from screen readers (the list says it).
std::string figures(const std::vector<MapRegion>& map)
{
    std::string dots;
    for (const MapRegion& m : map)
        for (const MapSide& side : m.sides)
            if (m.spot && side.marks.any())
                dots += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"11\" fill=\"#b32d2e\" "
                                    "stroke=\"#fff\" stroke-width=\"3\"/>",
                                    side.x, m.spot->y + 6);
    return "<svg class=\"bodymap-figure\" viewBox=\"0 0 700 600\" width=\"700\" height=\"600\" "
           "aria-hidden=\"true\" focusable=\"false\">" +
           figure(170, "front") + figure(530, "back") + dots + "</svg>";
}

} // namespace

std::string body_map(const Catalog& catalog, const FormState& form,
                     const std::vector<Flag>& standing, const ContraCheck* blocked)
{
    // Every region with its sides and marks, read once for the list and
    // the figures, in the figures' order head to foot; a region added to
    // the catalog later goes under "Other".
    std::vector<MapRegion> map;
    for (const Region& r : catalog.regions()) {
        MapRegion& m = map.emplace_back(MapRegion{&r, spot_of(r.name), {}});
        auto add = [&](Side side, std::string_view label, int x) {
            m.sides.push_back({side, label, x, marks_of(r.name, side, standing, blocked)});
        };
        if (r.paired) {
            add(Side::right, "R", m.spot ? m.spot->x_right : 0);
            add(Side::left, "L", m.spot ? m.spot->x_left : 0);
        } else {
            add(Side::midline, "worked", m.spot ? m.spot->x_right : 0);
        }
    }
    auto rank = [](const MapRegion& m) {
        return m.spot ? m.spot - k_spots : static_cast<std::ptrdiff_t>(std::size(k_spots));
    };
    std::stable_sort(map.begin(), map.end(),
                     [&](const MapRegion& a, const MapRegion& b) { return rank(a) < rank(b); });
    std::string front, back, other;
    for (const MapRegion& m : map)
        (!m.spot ? other : m.spot->back() ? back : front) += region_row(form, m);
    auto column = [](std::string_view title, const std::string& rows) {
        return rows.empty() ? std::string()
                            : fmt::format("<div class=\"map-column\"><h3>{}</h3>{}</div>", title,
                                          rows);
    };
    return fmt::format(
        "<fieldset class=\"bodymap{}\" id=\"{}\"><legend>Regions worked</legend>"
        "<p class=\"muted\">Tick each region worked: R and L are the client's right and left, "
        "both ticked is both sides. A region's pressure left at \"session's\" is the "
        "session's; focal is sustained pressure on one point. \u26a0 marks a region under a "
        "refer flag or blocked by the health history.</p>{}{}"
        "<div class=\"map-columns\">{}{}{}</div></fieldset>\n",
        !form.error.empty() && form.error_field == "region" ? " has-error" : "",
        form.field_id("region"), field_error(form, "region"), figures(map),
        column("Front", front), column("Back", back), column("Other", other));
}

std::vector<std::string> regions_from_map(const FormState& form)
{
    std::vector<std::string> out;
    // The sides ticked of each region, in the order first ticked.
    std::vector<std::pair<std::string, std::vector<std::string>>> ticked;
    for (const std::string& v : form.values("region")) {
        if (v.empty())
            continue;
        auto colon = v.find(':');
        if (colon == std::string::npos || v.find(':', colon + 1) != std::string::npos) {
            out.push_back(v); // sent whole: session add judges it
            continue;
        }
        std::string name = v.substr(0, colon);
        auto same = std::find_if(ticked.begin(), ticked.end(),
                                 [&](const auto& t) { return t.first == name; });
        if (same == ticked.end())
            same = ticked.insert(ticked.end(), {name, {}});
        same->second.push_back(v.substr(colon + 1));
    }
    for (const auto& [name, sides] : ticked) {
        auto has = [&](std::string_view s) {
            return std::find(sides.begin(), sides.end(), s) != sides.end();
        };
        std::string side = has("left") && has("right") ? "both" : sides.front();
        std::string spec = name + ":" + side;
        const std::string pressure = form.value(field_name("pressure", name));
        if (!pressure.empty())
            spec += ":" + pressure;
        if (form.has(field_name("focal", name), "yes"))
            spec += ":focal";
        out.push_back(spec);
    }
    // A pressure or focal mark beside a region with no side ticked is most
    // likely a box forgotten: asked, not dropped.
    const std::string pressure_prefix = field_name("pressure", ""),
                      focal_prefix = field_name("focal", "");
    for (const std::string& field : form.names()) {
        std::string region;
        if (field.starts_with(pressure_prefix) && !form.value(field).empty())
            region = field.substr(pressure_prefix.size());
        else if (field.starts_with(focal_prefix) && form.has(field, "yes"))
            region = field.substr(focal_prefix.size());
        if (region.empty())
            continue;
        bool worked = std::any_of(out.begin(), out.end(), [&](const std::string& spec) {
            return spec == region || spec.starts_with(region + ":");
        });
        if (!worked)
            throw InputError(fmt::format("Regions worked: {} has a pressure or focal mark but no "
                                         "side ticked",
                                         region),
                             "tick the side worked, or set its pressure back to \"session's\"")
                .about("region");
    }
    if (out.empty())
        throw InputError("Regions worked: no region is ticked",
                         "tick at least one region worked on the body map")
            .about("region");
    return out;
}

std::vector<SessionRegion> every_region(const Catalog& catalog, int pressure)
{
    std::vector<SessionRegion> out;
    for (const Region& r : catalog.regions())
        out.push_back({r.name, r.default_side(), pressure, false});
    return out;
}

} // namespace massagelog::web
