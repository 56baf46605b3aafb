#pragma once
// The session form's body map: every region of the catalog, front and back
// from head to foot, with a box for each side and the region's own
// pressure and focal work beside it; regions under a standing refer flag or
// blocked by the health history are marked. Plain form fields: it works
// without script, and sends `region` as the command line's --region.

#include "web/html.hpp"

#include <massagelog/rules/contraindications.hpp>
#include <massagelog/rules/flag.hpp>

#include <string>
#include <vector>

namespace massagelog {
class Catalog;
}

namespace massagelog::web {

// The map's fieldset. `blocked` is the contraindication check of every
// region at the session's pressure (nothing: the client has no history
// that can block).
std::string body_map(const Catalog& catalog, const FormState& form,
                     const std::vector<Flag>& standing, const ContraCheck* blocked);

// The regions a session form sends, as session add reads them
// (R[:SIDE][:PRESSURE][:focal]): a region ticked on both sides is one region
// on both, with the pressure and focal mark chosen beside it. A `region`
// sent whole (a script, the JSON API) is kept as it came. Throws InputError
// about `region` when none is ticked (a session works at least one), and
// when a region has a pressure or focal mark but no side ticked.
std::vector<std::string> regions_from_map(const FormState& form);

// Every region of the map once, each side, for the contraindication check
// that marks it.
std::vector<SessionRegion> every_region(const Catalog& catalog, int pressure);

} // namespace massagelog::web
