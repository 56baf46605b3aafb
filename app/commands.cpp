#include "command.hpp"

namespace massagelog::app {

Command init_command();
Command db_check_command();
Command db_migrate_command();
Command db_backup_command();
Command db_restore_command();
Command config_get_command();
Command config_set_command();
Command config_list_command();
Command therapist_add_command();
Command therapist_list_command();
Command therapist_edit_command();
Command therapist_archive_command();
Command client_add_command();
Command client_list_command();
Command client_show_command();
Command client_archive_command();
Command client_edit_command();
Command client_unarchive_command();
Command client_health_add_command();
Command client_health_show_command();
Command session_add_command();
Command session_list_command();
Command session_show_command();
Command session_void_command();
Command report_add_command();
Command report_list_command();
Command flags_command();
Command flags_review_command();
Command followup_due_command();
Command followup_log_command();
Command summary_client_command();
Command referral_command();
Command export_fhir_command();
Command summary_clinic_command();
Command export_command();
Command import_command();
Command demo_command();
Command user_add_command();
Command user_list_command();
Command user_passwd_command();
Command user_disable_command();
Command serve_command();

const std::vector<Command>& command_table()
{
    static const std::vector<Command> table = {
        init_command(),           db_check_command(),        db_migrate_command(),
        db_backup_command(),      db_restore_command(),
        config_get_command(),     config_set_command(),      config_list_command(),
        therapist_add_command(),  therapist_list_command(),  therapist_edit_command(),
        therapist_archive_command(),
        client_add_command(),     client_list_command(),     client_show_command(),
        client_edit_command(),    client_archive_command(),  client_unarchive_command(),
        client_health_add_command(), client_health_show_command(),
        session_add_command(),    session_list_command(),    session_show_command(),
        session_void_command(),   report_add_command(),      report_list_command(),
        flags_command(),          flags_review_command(),    followup_due_command(),
        followup_log_command(),   summary_client_command(),  summary_clinic_command(),
        referral_command(),
        export_command(),         export_fhir_command(),     import_command(),
        demo_command(),
        user_add_command(),       user_list_command(),       user_passwd_command(),
        user_disable_command(),   serve_command(),
    };
    return table;
}

} // namespace massagelog::app
