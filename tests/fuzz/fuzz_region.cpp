// Region specs and the other small values people type: parsed or refused
// with an InputError, never a crash.

#include <massagelog/exchange/csv.hpp>
#include <massagelog/core/error.hpp>
#include <massagelog/core/values.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace massagelog;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    for (auto extras : {RegionExtras::side_only, RegionExtras::side_pressure_focal}) {
        try {
            auto spec = parse_region_spec(text, "--region", extras);
            if (spec.region.empty() || (spec.pressure && (*spec.pressure < 1 || *spec.pressure > 5)))
                std::abort();
        } catch (const InputError&) {
        }
    }
    auto refused = [&](auto&& parse) {
        try {
            parse();
        } catch (const InputError&) {
        }
    };
    refused([&] { parse_pressure(text, "--pressure"); });
    refused([&] { parse_tri(text, "--pain"); });
    refused([&] { parse_enum<Side>(text, "--side"); });
    refused([&] { parse_int(text, "--severity", 1, 10); });
    refused([&] { checked_text(text, "--notes", TextKind::note); });
    refused([&] { checked_text(text, "--name", TextKind::line); });
    // Neutralised text always comes back exactly.
    std::string cell;
    append_csv_cell(cell, text, CellKind::text);
    (void)cell;
    return 0;
}
