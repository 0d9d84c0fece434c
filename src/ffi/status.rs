//! Upstream's status and type enums of the C API, each with its values and the members an
//! export returns for a panic and for a bad argument (`c_status!`). The header modules
//! re-export theirs (`ffi::action::lttng_action_status`, ...).

use crate::ffi::boundary::c_status;
use crate::model::trigger::condition_type;

// action.rs

c_status! {
    /// `enum lttng_action_status`.
    lttng_action_status {
        OK = 0,
        ERROR = -1,
        UNKNOWN = -2,
        INVALID = -3,
        UNSET = -4,
    }
    on_panic = ERROR, on_bad_arg = INVALID
}

c_status! {
    /// `enum lttng_action_type`.
    lttng_action_type {
        UNKNOWN = -1,
        NOTIFY = 0,
        START_SESSION = 1,
        STOP_SESSION = 2,
        ROTATE_SESSION = 3,
        SNAPSHOT_SESSION = 4,
        LIST = 5,
    }
    on_panic = UNKNOWN, on_bad_arg = UNKNOWN
}

c_status! {
    /// `enum lttng_rate_policy_status`.
    lttng_rate_policy_status {
        OK = 0,
        ERROR = -1,
        UNKNOWN = -2,
        INVALID = -3,
        UNSET = -4,
        UNSUPPORTED = -5,
        PERMISSION_DENIED = -6,
    }
    on_panic = ERROR, on_bad_arg = INVALID
}

c_status! {
    /// `enum lttng_rate_policy_type`.
    lttng_rate_policy_type {
        UNKNOWN = -1,
        EVERY_N = 0,
        ONCE_AFTER_N = 1,
    }
    on_panic = UNKNOWN, on_bad_arg = UNKNOWN
}

c_status! {
    /// `enum lttng_action_path_status`.
    lttng_action_path_status {
        OK = 0,
        INVALID = -1,
    }
    on_panic = INVALID, on_bad_arg = INVALID
}

// condition.rs

c_status! {
    /// `enum lttng_condition_type`.
    lttng_condition_type {
        UNKNOWN = -1,
        SESSION_CONSUMED_SIZE = condition_type::SESSION_CONSUMED_SIZE as i32,
        BUFFER_USAGE_HIGH = condition_type::BUFFER_USAGE_HIGH as i32,
        BUFFER_USAGE_LOW = condition_type::BUFFER_USAGE_LOW as i32,
        SESSION_ROTATION_ONGOING = condition_type::SESSION_ROTATION_ONGOING as i32,
        SESSION_ROTATION_COMPLETED = condition_type::SESSION_ROTATION_COMPLETED as i32,
        EVENT_RULE_MATCHES = condition_type::EVENT_RULE_MATCHES as i32,
    }
    on_panic = UNKNOWN, on_bad_arg = UNKNOWN
}

c_status! {
    /// `enum lttng_condition_status`.
    lttng_condition_status {
        OK = 0,
        ERROR = -1,
        UNKNOWN = -2,
        INVALID = -3,
        UNSET = -4,
        UNSUPPORTED = -5,
    }
    on_panic = ERROR, on_bad_arg = INVALID
}

c_status! {
    /// `enum lttng_evaluation_status`.
    lttng_evaluation_status {
        OK = 0,
        ERROR = -1,
        INVALID = -2,
        UNKNOWN = -3,
        UNSET = -4,
    }
    on_panic = ERROR, on_bad_arg = INVALID
}

c_status! {
    /// `enum lttng_evaluation_event_rule_matches_status`.
    lttng_evaluation_event_rule_matches_status {
        NONE = 1,
        OK = 0,
        INVALID = -1,
    }
    on_panic = INVALID, on_bad_arg = INVALID
}

// event_expr.rs

c_status! {
    /// `enum lttng_event_expr_type`.
    lttng_event_expr_type {
        INVALID = -1,
        EVENT_PAYLOAD_FIELD = 0,
        CHANNEL_CONTEXT_FIELD = 1,
        APP_SPECIFIC_CONTEXT_FIELD = 2,
        ARRAY_FIELD_ELEMENT = 3,
    }
    on_panic = INVALID, on_bad_arg = INVALID
}

c_status! {
    /// `enum lttng_event_expr_status`.
    lttng_event_expr_status {
        INVALID = -1,
        OK = 0,
    }
    on_panic = INVALID, on_bad_arg = INVALID
}

c_status! {
    /// `enum lttng_event_field_value_type`.
    lttng_event_field_value_type {
        UNKNOWN = -2,
        INVALID = -1,
        UNSIGNED_INT = 0,
        SIGNED_INT = 1,
        UNSIGNED_ENUM = 2,
        SIGNED_ENUM = 3,
        REAL = 4,
        STRING = 5,
        ARRAY = 6,
    }
    on_panic = INVALID, on_bad_arg = INVALID
}

c_status! {
    /// `enum lttng_event_field_value_status`.
    lttng_event_field_value_status {
        UNAVAILABLE = -2,
        INVALID = -1,
        OK = 0,
    }
    on_panic = INVALID, on_bad_arg = INVALID
}

// event_rule.rs

c_status! {
    /// `enum lttng_event_rule_status`.
    lttng_event_rule_status {
        OK = 0,
        ERROR = -1,
        UNKNOWN = -2,
        INVALID = -3,
        UNSET = -4,
        UNSUPPORTED = -5,
    }
    on_panic = ERROR, on_bad_arg = INVALID
}

c_status! {
    /// `enum lttng_event_rule_type`.
    lttng_event_rule_type {
        UNKNOWN = -1,
        KERNEL_SYSCALL = 0,
        KERNEL_KPROBE = 1,
        KERNEL_TRACEPOINT = 2,
        KERNEL_UPROBE = 3,
        USER_TRACEPOINT = 4,
        JUL_LOGGING = 5,
        LOG4J_LOGGING = 6,
        PYTHON_LOGGING = 7,
    }
    on_panic = UNKNOWN, on_bad_arg = UNKNOWN
}

c_status! {
    /// `enum lttng_event_rule_kernel_syscall_emission_site`.
    lttng_event_rule_kernel_syscall_emission_site {
        ENTRY_EXIT = 0,
        ENTRY = 1,
        EXIT = 2,
        UNKNOWN = -1,
    }
    on_panic = UNKNOWN, on_bad_arg = UNKNOWN
}

c_status! {
    /// `enum lttng_log_level_rule_type`.
    lttng_log_level_rule_type {
        UNKNOWN = -1,
        EXACTLY = 0,
        AT_LEAST_AS_SEVERE_AS = 1,
    }
    on_panic = UNKNOWN, on_bad_arg = UNKNOWN
}

c_status! {
    /// `enum lttng_log_level_rule_status`.
    lttng_log_level_rule_status {
        OK = 0,
        ERROR = -1,
        INVALID = -3,
    }
    on_panic = ERROR, on_bad_arg = INVALID
}

c_status! {
    /// `enum lttng_kernel_probe_location_status`.
    lttng_kernel_probe_location_status {
        OK = 0,
        INVALID = -1,
    }
    on_panic = INVALID, on_bad_arg = INVALID
}

c_status! {
    /// `enum lttng_kernel_probe_location_type`.
    lttng_kernel_probe_location_type {
        UNKNOWN = -1,
        SYMBOL_OFFSET = 0,
        ADDRESS = 1,
    }
    on_panic = UNKNOWN, on_bad_arg = UNKNOWN
}

// health.rs

c_status! {
    /// The `int` of the health functions (the header says `int`): 0, -1, a negative errno,
    /// or a thread count.
    lttng_health_int {
        OK = 0,
        ERROR = -1,
        INVALID = -libc::EINVAL,
        NOMEM = -libc::ENOMEM,
    }
    on_panic = ERROR, on_bad_arg = INVALID
}

// location.rs

c_status! {
    /// `enum lttng_trace_archive_location_type`.
    lttng_trace_archive_location_type {
        UNKNOWN = 0,
        LOCAL = 1,
        RELAY = 2,
    }
    on_panic = UNKNOWN, on_bad_arg = UNKNOWN
}

c_status! {
    /// `enum lttng_trace_archive_location_status`.
    lttng_trace_archive_location_status {
        OK = 0,
        INVALID = -1,
        ERROR = -2,
    }
    on_panic = ERROR, on_bad_arg = INVALID
}

// notification.rs

c_status! {
    /// `enum lttng_notification_channel_status`.
    lttng_notification_channel_status {
        NOTIFICATIONS_DROPPED = 1,
        INTERRUPTED = 2,
        OK = 0,
        ERROR = -1,
        CLOSED = -2,
        ALREADY_SUBSCRIBED = -3,
        UNKNOWN_CONDITION = -4,
        INVALID = -5,
        UNSUPPORTED_VERSION = -6,
    }
    on_panic = ERROR, on_bad_arg = INVALID
}

// rotation.rs

c_status! {
    /// `enum lttng_rotation_status`.
    lttng_rotation_status {
        OK = 0,
        UNAVAILABLE = 1,
        ERROR = -1,
        INVALID = -2,
        SCHEDULE_ALREADY_SET = -3,
        SCHEDULE_NOT_SET = -4,
    }
    on_panic = ERROR, on_bad_arg = INVALID
}

c_status! {
    /// `enum lttng_rotation_schedule_type`.
    lttng_rotation_schedule_type {
        UNKNOWN = -1,
        SIZE_THRESHOLD = 0,
        PERIODIC = 1,
    }
    on_panic = UNKNOWN, on_bad_arg = UNKNOWN
}

// tracker.rs

c_status! {
    /// `enum lttng_process_attr_tracker_handle_status`.
    lttng_process_attr_tracker_handle_status {
        GROUP_NOT_FOUND = -7,
        USER_NOT_FOUND = -6,
        INVALID_TRACKING_POLICY = -5,
        SESSION_DOES_NOT_EXIST = -4,
        ERROR = -3,
        COMMUNICATION_ERROR = -2,
        INVALID = -1,
        OK = 0,
        EXISTS = 1,
        MISSING = 2,
    }
    on_panic = ERROR, on_bad_arg = INVALID
}

c_status! {
    /// `enum lttng_process_attr_values_status`.
    lttng_process_attr_values_status {
        INVALID_TYPE = -2,
        INVALID = -1,
        OK = 0,
    }
    on_panic = INVALID, on_bad_arg = INVALID
}

c_status! {
    /// `enum lttng_process_attr_value_type`.
    lttng_process_attr_value_type {
        INVALID = -1,
        PID = 0,
        UID = 1,
        USER_NAME = 2,
        GID = 3,
        GROUP_NAME = 4,
    }
    on_panic = INVALID, on_bad_arg = INVALID
}

// trigger.rs

c_status! {
    /// `enum lttng_trigger_status`.
    lttng_trigger_status {
        OK = 0,
        ERROR = -1,
        UNKNOWN = -2,
        INVALID = -3,
        UNSET = -4,
        UNSUPPORTED = -5,
        PERMISSION_DENIED = -6,
    }
    on_panic = ERROR, on_bad_arg = INVALID
}

c_status! {
    /// `enum lttng_error_query_results_status`.
    lttng_error_query_results_status {
        OK = 0,
        ERROR = -1,
        INVALID_PARAMETER = -2,
    }
    on_panic = ERROR, on_bad_arg = INVALID_PARAMETER
}

c_status! {
    /// `enum lttng_error_query_result_status`.
    lttng_error_query_result_status {
        OK = 0,
        ERROR = -1,
        INVALID_PARAMETER = -2,
    }
    on_panic = ERROR, on_bad_arg = INVALID_PARAMETER
}

c_status! {
    /// `enum lttng_error_query_result_type`.
    lttng_error_query_result_type {
        COUNTER = 0,
        UNKNOWN = -1,
    }
    on_panic = UNKNOWN, on_bad_arg = UNKNOWN
}

// types.rs

c_status! {
    /// `enum lttng_error_code` as a return type (values are the positive codes).
    lttng_error_code {
        OK = crate::model::error::ErrorCode::Ok as std::ffi::c_int,
        UNK = crate::model::error::ErrorCode::Unk as std::ffi::c_int,
        INVALID = crate::model::error::ErrorCode::Invalid as std::ffi::c_int,
    }
    on_panic = UNK, on_bad_arg = INVALID
}

c_status! {
    /// `enum lttng_session_descriptor_status`.
    lttng_session_descriptor_status {
        INVALID = -1,
        OK = 0,
        UNSET = 1,
    }
    on_panic = INVALID, on_bad_arg = INVALID
}

// userspace_probe.rs

c_status! {
    /// `enum lttng_userspace_probe_location_status`.
    lttng_userspace_probe_location_status {
        OK = 0,
        INVALID = -1,
    }
    on_panic = INVALID, on_bad_arg = INVALID
}

c_status! {
    /// `enum lttng_userspace_probe_location_type`.
    lttng_userspace_probe_location_type {
        UNKNOWN = -1,
        FUNCTION = 0,
        TRACEPOINT = 1,
    }
    on_panic = UNKNOWN, on_bad_arg = UNKNOWN
}

c_status! {
    /// `enum lttng_userspace_probe_location_lookup_method_type`.
    lttng_userspace_probe_location_lookup_method_type {
        UNKNOWN = -1,
        FUNCTION_DEFAULT = 0,
        FUNCTION_ELF = 1,
        TRACEPOINT_SDT = 2,
    }
    on_panic = UNKNOWN, on_bad_arg = UNKNOWN
}

c_status! {
    /// `enum lttng_userspace_probe_location_function_instrumentation_type`.
    lttng_userspace_probe_location_function_instrumentation_type {
        UNKNOWN = -1,
        ENTRY = 0,
    }
    on_panic = UNKNOWN, on_bad_arg = UNKNOWN
}
