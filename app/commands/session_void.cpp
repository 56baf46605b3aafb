// massagelog session void ID --reason TEXT [--despite-flags]

#include "../command.hpp"

#include <massagelog/records/sessions.hpp>

namespace massagelog::app {

namespace {

void options(po::options_description& o)
{
    o.add_options()("reason", po::value<std::string>()->required()->value_name("TEXT"),
                    "why the session is voided")(
        "despite-flags", po::bool_switch(),
        "void although unreviewed refer flags rest on the session (audited with them)");
}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    auto id = id_value(vm["id"].as<std::string>(), "session ID");
    void_session(clinic, id, vm["reason"].as<std::string>(),
                 vm["despite-flags"].as<bool>() ? DespiteFlags::yes : DespiteFlags::no);
    out << "Voided session " << id << "; it stays on record and no longer counts.\n";
    return 0;
}

} // namespace

Command session_void_command()
{
    return {"session void", "ID --reason TEXT [--despite-flags]",
            "Void a session entered by mistake: kept, audited, never counted.", Access::write,
            options, {"id"}, run};
}

} // namespace massagelog::app
