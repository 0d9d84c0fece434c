"""The ctypes layer: which shared library, how it is loaded, the C prototypes and structs.

Nothing here is public API; :mod:`lttng_ctl` re-exports :func:`find_library`;
:class:`lttng_ctl.Library` is :class:`NativeLibrary` with the high-level calls.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import threading
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from . import errors
from ._version import __version__

__all__ = ["NativeLibrary", "find_library", "LIBRARY_ENV", "SONAME"]

#: The environment variable that names the library to load (a path).
LIBRARY_ENV = "LTTNG_CTL_LIBRARY"
#: The name the dynamic loader looks up last.
SONAME = "liblttng-ctl.so.0"
_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
#: Where the package looks for a copy of its own (``lttng_ctl/_lib/liblttng-ctl.so.0``), put
#: there by scripts/install.sh (a symbolic link to PREFIX/lib) or by a distributor.
BUNDLED = os.path.join(_PACKAGE_DIR, "_lib", SONAME)

# The network-consumer functions of the design: lttng-ctl only. The system's liblttng-ctl
# 2.13 exports its own lttng_enable_consumer/lttng_disable_consumer (obsolete: -ENOSYS), so
# the test is on lttng_set_consumer_uri.
DESIGN_FUNCTIONS = frozenset(
    ["lttng_uri_parse", "lttng_uri_free", "lttng_set_consumer_uri", "lttng_enable_consumer",
     "lttng_disable_consumer"])

LTTNG_SYMBOL_NAME_LEN = 256
LTTNG_NAME_MAX = 255
PATH_MAX = 4096


# --- Structs of the 2.13 headers (x86-64 sizes checked below) -------------------------------

class DomainAttr(ctypes.Union):
    _fields_ = [("pid", ctypes.c_int), ("exec_name", ctypes.c_char * LTTNG_NAME_MAX),
                ("padding", ctypes.c_char * (LTTNG_SYMBOL_NAME_LEN + 32))]


class Domain(ctypes.Structure):
    """``struct lttng_domain``."""
    _fields_ = [("type", ctypes.c_int), ("buf_type", ctypes.c_int),
                ("padding", ctypes.c_char * 12), ("attr", DomainAttr)]


class ChannelAttr(ctypes.Structure):
    """``struct lttng_channel_attr``."""
    _fields_ = [("overwrite", ctypes.c_int), ("subbuf_size", ctypes.c_uint64),
                ("num_subbuf", ctypes.c_uint64), ("switch_timer_interval", ctypes.c_uint),
                ("read_timer_interval", ctypes.c_uint), ("output", ctypes.c_int),
                ("tracefile_size", ctypes.c_uint64), ("tracefile_count", ctypes.c_uint64),
                ("live_timer_interval", ctypes.c_uint), ("align_to_64", ctypes.c_uint32),
                ("extended", ctypes.c_void_p),
                ("padding", ctypes.c_char * (LTTNG_SYMBOL_NAME_LEN + 12))]


class Channel(ctypes.Structure):
    """``struct lttng_channel``."""
    _fields_ = [("name", ctypes.c_char * LTTNG_SYMBOL_NAME_LEN), ("enabled", ctypes.c_uint32),
                ("attr", ChannelAttr), ("padding", ctypes.c_char * 16)]


class ProbeAttr(ctypes.Structure):
    """``struct lttng_event_probe_attr``."""
    _fields_ = [("addr", ctypes.c_uint64), ("offset", ctypes.c_uint64),
                ("symbol_name", ctypes.c_char * LTTNG_SYMBOL_NAME_LEN),
                ("padding", ctypes.c_char * 16)]


class FunctionAttr(ctypes.Structure):
    """``struct lttng_event_function_attr``."""
    _fields_ = [("symbol_name", ctypes.c_char * LTTNG_SYMBOL_NAME_LEN),
                ("padding", ctypes.c_char * 16)]


class EventAttr(ctypes.Union):
    _fields_ = [("probe", ProbeAttr), ("ftrace", FunctionAttr),
                ("padding", ctypes.c_char * (LTTNG_SYMBOL_NAME_LEN + 32))]


class Event(ctypes.Structure):
    """``struct lttng_event``."""
    _fields_ = [("type", ctypes.c_int), ("name", ctypes.c_char * LTTNG_SYMBOL_NAME_LEN),
                ("loglevel_type", ctypes.c_int), ("loglevel", ctypes.c_int),
                ("enabled", ctypes.c_int32), ("pid", ctypes.c_int32),
                ("filter", ctypes.c_ubyte), ("exclusion", ctypes.c_ubyte),
                ("padding2", ctypes.c_char * 2), ("flags", ctypes.c_uint),
                ("padding", ctypes.c_char * 4), ("extended", ctypes.c_void_p),
                ("attr", EventAttr)]


class EventField(ctypes.Structure):
    """``struct lttng_event_field``."""
    _fields_ = [("field_name", ctypes.c_char * LTTNG_SYMBOL_NAME_LEN), ("type", ctypes.c_int),
                ("padding", ctypes.c_char * (LTTNG_SYMBOL_NAME_LEN + 32)), ("event", Event),
                ("nowrite", ctypes.c_int)]


class PerfCounterCtx(ctypes.Structure):
    """``struct lttng_event_perf_counter_ctx``."""
    _fields_ = [("type", ctypes.c_uint32), ("config", ctypes.c_uint64),
                ("name", ctypes.c_char * LTTNG_SYMBOL_NAME_LEN), ("padding", ctypes.c_char * 16)]


class AppCtx(ctypes.Structure):
    _fields_ = [("provider_name", ctypes.c_char_p), ("ctx_name", ctypes.c_char_p)]


class EventContextU(ctypes.Union):
    _fields_ = [("perf_counter", PerfCounterCtx), ("app_ctx", AppCtx),
                ("padding", ctypes.c_char * (LTTNG_SYMBOL_NAME_LEN + 32))]


class EventContext(ctypes.Structure):
    """``struct lttng_event_context``."""
    _fields_ = [("ctx", ctypes.c_int), ("padding", ctypes.c_char * 16), ("u", EventContextU)]


class Session(ctypes.Structure):
    """``struct lttng_session``."""
    _fields_ = [("name", ctypes.c_char * LTTNG_NAME_MAX), ("path", ctypes.c_char * PATH_MAX),
                ("enabled", ctypes.c_uint32), ("snapshot_mode", ctypes.c_uint32),
                ("live_timer_interval", ctypes.c_uint), ("alignment_padding", ctypes.c_char * 4),
                ("extended", ctypes.c_void_p)]


class UriDst(ctypes.Union):
    _fields_ = [("ipv4", ctypes.c_char * 16), ("ipv6", ctypes.c_char * 46),
                ("path", ctypes.c_char * PATH_MAX), ("padding", ctypes.c_char * 128)]


class UriStruct(ctypes.Structure):
    """``struct lttng_uri`` of the network-consumer design (include/lttng-ctl-rs.h)."""
    _fields_ = [("dtype", ctypes.c_int), ("utype", ctypes.c_int), ("stype", ctypes.c_int),
                ("proto", ctypes.c_int), ("port", ctypes.c_uint16),
                ("_padding", ctypes.c_char * 32), ("_subdir", ctypes.c_char * PATH_MAX),
                ("_dst", UriDst)]


_SIZES = {Domain: 308, ChannelAttr: 344, Channel: 624, Event: 584, EventField: 1144,
          EventContext: 312, Session: 4376}
if ctypes.sizeof(ctypes.c_void_p) == 8:
    for _struct, _size in _SIZES.items():
        assert ctypes.sizeof(_struct) == _size, (_struct.__name__, ctypes.sizeof(_struct))

# --- Prototypes ----------------------------------------------------------------------------
# One line per function: "RET name(ARG, ...)". Codes: v void, i int, u unsigned int,
# s const char *, p a pointer to an opaque object, d double, Q uint64_t, q int64_t,
# H uint16_t, I uint32_t, z size_t, b bool, L unsigned long long; "*X" a pointer to X;
# "&Name" a pointer to the struct Name above, "&&Name" a pointer to such a pointer.

_CODES: Dict[str, Any] = {
    "v": None, "i": ctypes.c_int, "u": ctypes.c_uint, "s": ctypes.c_char_p,
    "p": ctypes.c_void_p, "d": ctypes.c_double, "Q": ctypes.c_uint64, "q": ctypes.c_int64,
    "H": ctypes.c_uint16, "I": ctypes.c_uint32, "z": ctypes.c_size_t, "b": ctypes.c_bool,
    "L": ctypes.c_ulonglong,
}
_STRUCTS: Dict[str, Any] = {
    "Domain": Domain, "ChannelAttr": ChannelAttr, "Channel": Channel, "Event": Event,
    "EventField": EventField, "EventContext": EventContext, "Session": Session,
    "Uri": UriStruct,
}

_PROTOTYPES = """
s lttng_strerror(i)
s lttng_rs_version()
i lttng_session_daemon_alive()
i lttng_set_tracing_group(s)
p lttng_create_handle(s, &Domain)
v lttng_destroy_handle(p)
i lttng_create_session(s, s)
i lttng_create_session_snapshot(s, s)
i lttng_create_session_live(s, s, u)
i lttng_create_session_ext(p)
p lttng_session_descriptor_create(s)
p lttng_session_descriptor_local_create(s, s)
p lttng_session_descriptor_network_create(s, s, s)
p lttng_session_descriptor_snapshot_create(s)
p lttng_session_descriptor_snapshot_local_create(s, s)
p lttng_session_descriptor_snapshot_network_create(s, s, s)
p lttng_session_descriptor_live_create(s, L)
p lttng_session_descriptor_live_network_create(s, s, s, L)
i lttng_session_descriptor_get_session_name(p, *s)
v lttng_session_descriptor_destroy(p)
i lttng_destroy_session(s)
i lttng_destroy_session_no_wait(s)
i lttng_destroy_session_ext(s, *p)
i lttng_destruction_handle_wait_for_completion(p, i)
i lttng_destruction_handle_get_result(p, *i)
i lttng_destruction_handle_get_rotation_state(p, *i)
i lttng_destruction_handle_get_archive_location(p, *p)
v lttng_destruction_handle_destroy(p)
i lttng_list_sessions(&&Session)
i lttng_session_get_creation_time(&Session, *Q)
i lttng_set_session_shm_path(s, s)
i lttng_start_tracing(s)
i lttng_stop_tracing(s)
i lttng_stop_tracing_no_wait(s)
i lttng_data_pending(s)
i lttng_regenerate_metadata(s)
i lttng_regenerate_statedump(s)
i lttng_clear_session(s, *p)
i lttng_clear_handle_wait_for_completion(p, i)
i lttng_clear_handle_get_result(p, *i)
v lttng_clear_handle_destroy(p)
i lttng_list_domains(s, &&Domain)
p lttng_channel_create(&Domain)
v lttng_channel_destroy(p)
i lttng_enable_channel(p, p)
i lttng_disable_channel(p, s)
i lttng_list_channels(p, &&Channel)
v lttng_channel_set_default_attr(&Domain, &ChannelAttr)
i lttng_channel_get_discarded_event_count(p, *Q)
i lttng_channel_get_lost_packet_count(p, *Q)
i lttng_channel_get_monitor_timer_interval(p, *Q)
i lttng_channel_set_monitor_timer_interval(p, Q)
i lttng_channel_get_blocking_timeout(p, *q)
i lttng_channel_set_blocking_timeout(p, q)
p lttng_event_create()
v lttng_event_destroy(p)
i lttng_enable_event(p, p, s)
i lttng_enable_event_with_filter(p, p, s, s)
i lttng_enable_event_with_exclusions(p, p, s, s, i, *s)
i lttng_disable_event(p, s, s)
i lttng_disable_event_ext(p, p, s, s)
i lttng_list_events(p, s, &&Event)
i lttng_event_get_filter_expression(p, *s)
i lttng_event_get_exclusion_name_count(p)
i lttng_event_get_exclusion_name(p, z, *s)
p lttng_event_get_userspace_probe_location(p)
i lttng_event_set_userspace_probe_location(p, p)
i lttng_list_tracepoints(p, &&Event)
i lttng_list_tracepoint_fields(p, &&EventField)
i lttng_list_syscalls(&&Event)
i lttng_add_context(p, &EventContext, s, s)
i lttng_set_consumer_url(p, s, s)
i lttng_uri_parse(s, &&Uri)
v lttng_uri_free(&Uri)
i lttng_set_consumer_uri(p, &Uri)
i lttng_enable_consumer(p)
i lttng_disable_consumer(p)
i lttng_rotate_session(s, p, *p)
i lttng_rotation_handle_get_state(p, *i)
i lttng_rotation_handle_get_archive_location(p, *p)
v lttng_rotation_handle_destroy(p)
i lttng_rotation_schedule_get_type(p)
p lttng_rotation_schedule_size_threshold_create()
i lttng_rotation_schedule_size_threshold_get_threshold(p, *Q)
i lttng_rotation_schedule_size_threshold_set_threshold(p, Q)
p lttng_rotation_schedule_periodic_create()
i lttng_rotation_schedule_periodic_get_period(p, *Q)
i lttng_rotation_schedule_periodic_set_period(p, Q)
v lttng_rotation_schedule_destroy(p)
v lttng_rotation_schedules_destroy(p)
i lttng_rotation_schedules_get_count(p, *u)
p lttng_rotation_schedules_get_at_index(p, u)
i lttng_session_add_rotation_schedule(s, p)
i lttng_session_remove_rotation_schedule(s, p)
i lttng_session_list_rotation_schedules(s, *p)
i lttng_trace_archive_location_get_type(p)
i lttng_trace_archive_location_local_get_absolute_path(p, *s)
i lttng_trace_archive_location_relay_get_host(p, *s)
i lttng_trace_archive_location_relay_get_control_port(p, *H)
i lttng_trace_archive_location_relay_get_data_port(p, *H)
i lttng_trace_archive_location_relay_get_protocol_type(p, *i)
i lttng_trace_archive_location_relay_get_relative_path(p, *s)
p lttng_snapshot_output_create()
v lttng_snapshot_output_destroy(p)
I lttng_snapshot_output_get_id(p)
Q lttng_snapshot_output_get_maxsize(p)
s lttng_snapshot_output_get_name(p)
s lttng_snapshot_output_get_ctrl_url(p)
s lttng_snapshot_output_get_data_url(p)
i lttng_snapshot_output_set_id(I, p)
i lttng_snapshot_output_set_size(Q, p)
i lttng_snapshot_output_set_name(s, p)
i lttng_snapshot_output_set_local_path(s, p)
i lttng_snapshot_output_set_network_url(s, p)
i lttng_snapshot_output_set_network_urls(s, s, p)
i lttng_snapshot_output_set_ctrl_url(s, p)
i lttng_snapshot_output_set_data_url(s, p)
i lttng_snapshot_add_output(s, p)
i lttng_snapshot_del_output(s, p)
i lttng_snapshot_list_output(s, *p)
p lttng_snapshot_output_list_get_next(p)
v lttng_snapshot_output_list_destroy(p)
i lttng_snapshot_record(s, p, i)
p lttng_save_session_attr_create()
v lttng_save_session_attr_destroy(p)
i lttng_save_session_attr_set_session_name(p, s)
i lttng_save_session_attr_set_output_url(p, s)
i lttng_save_session_attr_set_overwrite(p, i)
i lttng_save_session_attr_set_omit_name(p, i)
i lttng_save_session_attr_set_omit_output(p, i)
i lttng_save_session(p)
p lttng_load_session_attr_create()
v lttng_load_session_attr_destroy(p)
i lttng_load_session_attr_set_session_name(p, s)
i lttng_load_session_attr_set_input_url(p, s)
i lttng_load_session_attr_set_overwrite(p, i)
i lttng_load_session_attr_set_override_url(p, s)
i lttng_load_session_attr_set_override_ctrl_url(p, s)
i lttng_load_session_attr_set_override_data_url(p, s)
i lttng_load_session_attr_set_override_session_name(p, s)
i lttng_load_session(p)
i lttng_session_get_tracker_handle(s, i, i, *p)
v lttng_process_attr_tracker_handle_destroy(p)
i lttng_process_attr_tracker_handle_get_tracking_policy(p, *i)
i lttng_process_attr_tracker_handle_set_tracking_policy(p, i)
i lttng_process_attr_process_id_tracker_handle_add_pid(p, i)
i lttng_process_attr_process_id_tracker_handle_remove_pid(p, i)
i lttng_process_attr_virtual_process_id_tracker_handle_add_pid(p, i)
i lttng_process_attr_virtual_process_id_tracker_handle_remove_pid(p, i)
i lttng_process_attr_user_id_tracker_handle_add_uid(p, u)
i lttng_process_attr_user_id_tracker_handle_remove_uid(p, u)
i lttng_process_attr_user_id_tracker_handle_add_user_name(p, s)
i lttng_process_attr_user_id_tracker_handle_remove_user_name(p, s)
i lttng_process_attr_virtual_user_id_tracker_handle_add_uid(p, u)
i lttng_process_attr_virtual_user_id_tracker_handle_remove_uid(p, u)
i lttng_process_attr_virtual_user_id_tracker_handle_add_user_name(p, s)
i lttng_process_attr_virtual_user_id_tracker_handle_remove_user_name(p, s)
i lttng_process_attr_group_id_tracker_handle_add_gid(p, u)
i lttng_process_attr_group_id_tracker_handle_remove_gid(p, u)
i lttng_process_attr_group_id_tracker_handle_add_group_name(p, s)
i lttng_process_attr_group_id_tracker_handle_remove_group_name(p, s)
i lttng_process_attr_virtual_group_id_tracker_handle_add_gid(p, u)
i lttng_process_attr_virtual_group_id_tracker_handle_remove_gid(p, u)
i lttng_process_attr_virtual_group_id_tracker_handle_add_group_name(p, s)
i lttng_process_attr_virtual_group_id_tracker_handle_remove_group_name(p, s)
i lttng_process_attr_tracker_handle_get_inclusion_set(p, *p)
i lttng_process_attr_values_get_count(p, *u)
i lttng_process_attr_values_get_type_at_index(p, u)
i lttng_process_attr_values_get_pid_at_index(p, u, *i)
i lttng_process_attr_values_get_uid_at_index(p, u, *u)
i lttng_process_attr_values_get_user_name_at_index(p, u, *s)
i lttng_process_attr_values_get_gid_at_index(p, u, *u)
i lttng_process_attr_values_get_group_name_at_index(p, u, *s)
i lttng_track_pid(p, i)
i lttng_untrack_pid(p, i)
p lttng_health_create_sessiond()
p lttng_health_create_consumerd(i)
p lttng_health_create_relayd(s)
v lttng_health_destroy(p)
i lttng_health_query(p)
i lttng_health_state(p)
i lttng_health_get_nr_threads(p)
p lttng_health_get_thread(p, u)
i lttng_health_thread_state(p)
s lttng_health_thread_name(p)
p lttng_trigger_create(p, p)
i lttng_trigger_set_owner_uid(p, u)
i lttng_trigger_get_owner_uid(p, *u)
p lttng_trigger_get_const_condition(p)
p lttng_trigger_get_const_action(p)
i lttng_trigger_get_name(p, *s)
v lttng_trigger_destroy(p)
i lttng_register_trigger_with_name(p, s)
i lttng_register_trigger_with_automatic_name(p)
i lttng_unregister_trigger(p)
i lttng_list_triggers(*p)
p lttng_triggers_get_at_index(p, u)
i lttng_triggers_get_count(p, *u)
v lttng_triggers_destroy(p)
i lttng_condition_get_type(p)
v lttng_condition_destroy(p)
p lttng_condition_buffer_usage_low_create()
p lttng_condition_buffer_usage_high_create()
i lttng_condition_buffer_usage_get_threshold_ratio(p, *d)
i lttng_condition_buffer_usage_set_threshold_ratio(p, d)
i lttng_condition_buffer_usage_get_threshold(p, *Q)
i lttng_condition_buffer_usage_set_threshold(p, Q)
i lttng_condition_buffer_usage_get_session_name(p, *s)
i lttng_condition_buffer_usage_set_session_name(p, s)
i lttng_condition_buffer_usage_get_channel_name(p, *s)
i lttng_condition_buffer_usage_set_channel_name(p, s)
i lttng_condition_buffer_usage_get_domain_type(p, *i)
i lttng_condition_buffer_usage_set_domain_type(p, i)
p lttng_condition_session_consumed_size_create()
i lttng_condition_session_consumed_size_get_threshold(p, *Q)
i lttng_condition_session_consumed_size_set_threshold(p, Q)
i lttng_condition_session_consumed_size_get_session_name(p, *s)
i lttng_condition_session_consumed_size_set_session_name(p, s)
p lttng_condition_session_rotation_ongoing_create()
p lttng_condition_session_rotation_completed_create()
i lttng_condition_session_rotation_get_session_name(p, *s)
i lttng_condition_session_rotation_set_session_name(p, s)
p lttng_condition_event_rule_matches_create(p)
i lttng_condition_event_rule_matches_get_rule(p, *p)
i lttng_condition_event_rule_matches_append_capture_descriptor(p, p)
i lttng_condition_event_rule_matches_get_capture_descriptor_count(p, *u)
p lttng_condition_event_rule_matches_get_capture_descriptor_at_index(p, u)
i lttng_evaluation_get_type(p)
v lttng_evaluation_destroy(p)
i lttng_evaluation_buffer_usage_get_usage_ratio(p, *d)
i lttng_evaluation_buffer_usage_get_usage(p, *Q)
i lttng_evaluation_session_consumed_size_get_consumed_size(p, *Q)
i lttng_evaluation_session_rotation_get_id(p, *Q)
i lttng_evaluation_session_rotation_completed_get_location(p, *p)
i lttng_evaluation_event_rule_matches_get_captured_values(p, *p)
i lttng_action_get_type(p)
v lttng_action_destroy(p)
p lttng_action_list_create()
i lttng_action_list_add_action(p, p)
i lttng_action_list_get_count(p, *u)
p lttng_action_list_get_at_index(p, u)
p lttng_action_notify_create()
i lttng_action_notify_set_rate_policy(p, p)
i lttng_action_notify_get_rate_policy(p, *p)
p lttng_action_start_session_create()
i lttng_action_start_session_set_session_name(p, s)
i lttng_action_start_session_get_session_name(p, *s)
i lttng_action_start_session_set_rate_policy(p, p)
i lttng_action_start_session_get_rate_policy(p, *p)
p lttng_action_stop_session_create()
i lttng_action_stop_session_set_session_name(p, s)
i lttng_action_stop_session_get_session_name(p, *s)
i lttng_action_stop_session_set_rate_policy(p, p)
i lttng_action_stop_session_get_rate_policy(p, *p)
p lttng_action_rotate_session_create()
i lttng_action_rotate_session_set_session_name(p, s)
i lttng_action_rotate_session_get_session_name(p, *s)
i lttng_action_rotate_session_set_rate_policy(p, p)
i lttng_action_rotate_session_get_rate_policy(p, *p)
p lttng_action_snapshot_session_create()
i lttng_action_snapshot_session_set_session_name(p, s)
i lttng_action_snapshot_session_get_session_name(p, *s)
i lttng_action_snapshot_session_set_output(p, p)
i lttng_action_snapshot_session_get_output(p, *p)
i lttng_action_snapshot_session_set_rate_policy(p, p)
i lttng_action_snapshot_session_get_rate_policy(p, *p)
p lttng_action_path_create(*Q, z)
v lttng_action_path_destroy(p)
i lttng_rate_policy_get_type(p)
p lttng_rate_policy_every_n_create(Q)
i lttng_rate_policy_every_n_get_interval(p, *Q)
p lttng_rate_policy_once_after_n_create(Q)
i lttng_rate_policy_once_after_n_get_threshold(p, *Q)
v lttng_rate_policy_destroy(p)
i lttng_event_rule_get_type(p)
v lttng_event_rule_destroy(p)
p lttng_event_rule_user_tracepoint_create()
i lttng_event_rule_user_tracepoint_set_name_pattern(p, s)
i lttng_event_rule_user_tracepoint_get_name_pattern(p, *s)
i lttng_event_rule_user_tracepoint_set_filter(p, s)
i lttng_event_rule_user_tracepoint_get_filter(p, *s)
i lttng_event_rule_user_tracepoint_set_log_level_rule(p, p)
i lttng_event_rule_user_tracepoint_get_log_level_rule(p, *p)
i lttng_event_rule_user_tracepoint_add_name_pattern_exclusion(p, s)
i lttng_event_rule_user_tracepoint_get_name_pattern_exclusion_count(p, *u)
i lttng_event_rule_user_tracepoint_get_name_pattern_exclusion_at_index(p, u, *s)
p lttng_event_rule_kernel_tracepoint_create()
i lttng_event_rule_kernel_tracepoint_set_name_pattern(p, s)
i lttng_event_rule_kernel_tracepoint_get_name_pattern(p, *s)
i lttng_event_rule_kernel_tracepoint_set_filter(p, s)
i lttng_event_rule_kernel_tracepoint_get_filter(p, *s)
p lttng_event_rule_kernel_syscall_create(i)
i lttng_event_rule_kernel_syscall_set_name_pattern(p, s)
i lttng_event_rule_kernel_syscall_get_name_pattern(p, *s)
i lttng_event_rule_kernel_syscall_set_filter(p, s)
i lttng_event_rule_kernel_syscall_get_filter(p, *s)
i lttng_event_rule_kernel_syscall_get_emission_site(p)
p lttng_event_rule_kernel_kprobe_create(p)
i lttng_event_rule_kernel_kprobe_get_location(p, *p)
i lttng_event_rule_kernel_kprobe_set_event_name(p, s)
i lttng_event_rule_kernel_kprobe_get_event_name(p, *s)
p lttng_event_rule_kernel_uprobe_create(p)
i lttng_event_rule_kernel_uprobe_get_location(p, *p)
i lttng_event_rule_kernel_uprobe_set_event_name(p, s)
i lttng_event_rule_kernel_uprobe_get_event_name(p, *s)
p lttng_event_rule_jul_logging_create()
i lttng_event_rule_jul_logging_set_name_pattern(p, s)
i lttng_event_rule_jul_logging_get_name_pattern(p, *s)
i lttng_event_rule_jul_logging_set_filter(p, s)
i lttng_event_rule_jul_logging_get_filter(p, *s)
i lttng_event_rule_jul_logging_set_log_level_rule(p, p)
i lttng_event_rule_jul_logging_get_log_level_rule(p, *p)
p lttng_event_rule_log4j_logging_create()
i lttng_event_rule_log4j_logging_set_name_pattern(p, s)
i lttng_event_rule_log4j_logging_get_name_pattern(p, *s)
i lttng_event_rule_log4j_logging_set_filter(p, s)
i lttng_event_rule_log4j_logging_get_filter(p, *s)
i lttng_event_rule_log4j_logging_set_log_level_rule(p, p)
i lttng_event_rule_log4j_logging_get_log_level_rule(p, *p)
p lttng_event_rule_python_logging_create()
i lttng_event_rule_python_logging_set_name_pattern(p, s)
i lttng_event_rule_python_logging_get_name_pattern(p, *s)
i lttng_event_rule_python_logging_set_filter(p, s)
i lttng_event_rule_python_logging_get_filter(p, *s)
i lttng_event_rule_python_logging_set_log_level_rule(p, p)
i lttng_event_rule_python_logging_get_log_level_rule(p, *p)
i lttng_log_level_rule_get_type(p)
p lttng_log_level_rule_exactly_create(i)
i lttng_log_level_rule_exactly_get_level(p, *i)
p lttng_log_level_rule_at_least_as_severe_as_create(i)
i lttng_log_level_rule_at_least_as_severe_as_get_level(p, *i)
v lttng_log_level_rule_destroy(p)
i lttng_event_expr_get_type(p)
p lttng_event_expr_event_payload_field_create(s)
s lttng_event_expr_event_payload_field_get_name(p)
p lttng_event_expr_channel_context_field_create(s)
s lttng_event_expr_channel_context_field_get_name(p)
p lttng_event_expr_app_specific_context_field_create(s, s)
s lttng_event_expr_app_specific_context_field_get_provider_name(p)
s lttng_event_expr_app_specific_context_field_get_type_name(p)
p lttng_event_expr_array_field_element_create(p, u)
p lttng_event_expr_array_field_element_get_parent_expr(p)
i lttng_event_expr_array_field_element_get_index(p, *u)
b lttng_event_expr_is_equal(p, p)
v lttng_event_expr_destroy(p)
i lttng_event_field_value_get_type(p)
i lttng_event_field_value_unsigned_int_get_value(p, *Q)
i lttng_event_field_value_signed_int_get_value(p, *q)
i lttng_event_field_value_real_get_value(p, *d)
i lttng_event_field_value_string_get_value(p, *s)
i lttng_event_field_value_array_get_length(p, *u)
i lttng_event_field_value_array_get_element_at_index(p, u, *p)
i lttng_kernel_probe_location_get_type(p)
v lttng_kernel_probe_location_destroy(p)
p lttng_kernel_probe_location_symbol_create(s, Q)
s lttng_kernel_probe_location_symbol_get_name(p)
i lttng_kernel_probe_location_symbol_get_offset(p, *Q)
p lttng_kernel_probe_location_address_create(Q)
i lttng_kernel_probe_location_address_get_address(p, *Q)
i lttng_userspace_probe_location_lookup_method_get_type(p)
v lttng_userspace_probe_location_lookup_method_destroy(p)
p lttng_userspace_probe_location_lookup_method_function_elf_create()
p lttng_userspace_probe_location_lookup_method_tracepoint_sdt_create()
i lttng_userspace_probe_location_get_type(p)
v lttng_userspace_probe_location_destroy(p)
p lttng_userspace_probe_location_function_create(s, s, p)
s lttng_userspace_probe_location_function_get_binary_path(p)
s lttng_userspace_probe_location_function_get_function_name(p)
i lttng_userspace_probe_location_function_get_instrumentation_type(p)
p lttng_userspace_probe_location_get_lookup_method(p)
p lttng_userspace_probe_location_tracepoint_create(s, s, s, p)
s lttng_userspace_probe_location_tracepoint_get_binary_path(p)
s lttng_userspace_probe_location_tracepoint_get_probe_name(p)
s lttng_userspace_probe_location_tracepoint_get_provider_name(p)
p lttng_error_query_trigger_create(p)
p lttng_error_query_condition_create(p)
p lttng_error_query_action_create(p, p)
v lttng_error_query_destroy(p)
i lttng_error_query_execute(p, p, *p)
i lttng_error_query_results_get_count(p, *u)
i lttng_error_query_results_get_result(p, *p, u)
v lttng_error_query_results_destroy(p)
i lttng_error_query_result_get_type(p)
i lttng_error_query_result_get_name(p, *s)
i lttng_error_query_result_get_description(p, *s)
i lttng_error_query_result_counter_get_value(p, *Q)
p lttng_notification_channel_create(p)
i lttng_notification_channel_get_next_notification(p, *p)
i lttng_notification_channel_has_pending_notification(p, *b)
i lttng_notification_channel_subscribe(p, p)
i lttng_notification_channel_unsubscribe(p, p)
v lttng_notification_channel_destroy(p)
p lttng_notification_get_condition(p)
p lttng_notification_get_evaluation(p)
p lttng_notification_get_trigger(p)
v lttng_notification_destroy(p)
"""


def _ctype(code: str) -> Any:
    code = code.strip()
    if code.startswith("&&"):
        return ctypes.POINTER(ctypes.POINTER(_STRUCTS[code[2:]]))
    if code.startswith("&"):
        return ctypes.POINTER(_STRUCTS[code[1:]])
    if code.startswith("*"):
        return ctypes.POINTER(_CODES[code[1:]])
    return _CODES[code]


def _parse_prototypes(text: str) -> Dict[str, Tuple[Any, List[Any]]]:
    table: Dict[str, Tuple[Any, List[Any]]] = {}
    for line in text.strip().splitlines():
        ret, rest = line.split(" ", 1)
        name, args = rest.rstrip(")").split("(")
        argtypes = [_ctype(a) for a in args.split(",") if a.strip()]
        table[name] = (_CODES[ret], argtypes)
    return table


PROTOTYPES = _parse_prototypes(_PROTOTYPES)


# --- Finding and loading the library --------------------------------------------------------

def find_library(path: Optional[str] = None) -> str:
    """The library :class:`Library` loads: ``path`` when given, else ``$LTTNG_CTL_LIBRARY``,
    else the package's own copy (``lttng_ctl/_lib/liblttng-ctl.so.0``) when it exists, else
    ``"liblttng-ctl.so.0"``, which the dynamic loader resolves (``LD_LIBRARY_PATH``, then
    the system's directories: on a machine with LTTng installed, the system's library)."""
    if path:
        return os.fspath(path)
    env = os.environ.get(LIBRARY_ENV)
    if env:
        return env
    if os.path.exists(BUNDLED):
        return BUNDLED
    return SONAME


def _libc() -> ctypes.CDLL:
    name = ctypes.util.find_library("c") or "libc.so.6"
    libc = ctypes.CDLL(name)
    libc.free.argtypes = [ctypes.c_void_p]
    libc.free.restype = None
    return libc


_LIBC = _libc()


def free(pointer: Any) -> None:
    """``free()`` of a block the library ``malloc``'d (list results)."""
    _LIBC.free(pointer)


class NativeLibrary:
    """A loaded liblttng-ctl (the C functions; :class:`lttng_ctl.Library` adds the
    high-level calls).

    ``Library()`` loads what :func:`find_library` names; ``Library(path)`` that file. The
    library is either lttng-ctl's (``is_lttng_ctl``: it exports ``lttng_rs_version`` and the
    network-consumer calls) or another liblttng-ctl 2.13 (the system's): then every call
    works except the network-consumer ones, which raise :class:`NotLttngCtlError`. With
    ``require_lttng_ctl=True`` loading another library raises :class:`NotLttngCtlError`
    at once.

    Most programs use the process-wide default, :func:`library`, which the classes of this
    package take when not given one.
    """

    def __init__(self, path: Optional[str] = None, *, require_lttng_ctl: bool = False):
        self.path = find_library(path)
        try:
            self._cdll = ctypes.CDLL(self.path)
        except OSError as e:
            raise errors.LibraryNotFoundError(
                f"cannot load liblttng-ctl from {self.path!r}: {e} (set {LIBRARY_ENV} to "
                f"lttng-ctl's liblttng-ctl.so.0, or LD_LIBRARY_PATH to its directory)") from e
        self._functions: Dict[str, Any] = {}
        self._lock = threading.Lock()
        self.is_lttng_ctl = self.exports("lttng_rs_version") and self.exports(
            "lttng_set_consumer_uri")
        if require_lttng_ctl and not self.is_lttng_ctl:
            raise errors.NotLttngCtlError("lttng_set_consumer_uri", self.path)

    def __repr__(self) -> str:
        return f"<lttng_ctl.Library {self.path} ({self.version or 'not lttng-ctl'})>"

    # -- identity --

    @property
    def version(self) -> Optional[str]:
        """``lttng_rs_version()`` (``"2.13.9-lttng-ctl-rs-X.Y.Z"``), or None for a library
        that is not lttng-ctl's."""
        if not self.exports("lttng_rs_version"):
            return None
        raw = self.fn("lttng_rs_version")()
        return raw.decode() if raw else None

    @property
    def crate_version(self) -> Optional[str]:
        """The lttng-ctl version of the library (``X.Y.Z`` of :attr:`version`); compare
        with ``lttng_ctl.__version__``, the package's."""
        v = self.version
        return v.rsplit("-", 1)[-1] if v else None

    @property
    def matches_package(self) -> bool:
        """True when the library is lttng-ctl's and of this package's version."""
        return self.crate_version == __version__

    def exports(self, name: str) -> bool:
        """Whether the library exports the symbol ``name`` (``dlsym``)."""
        try:
            getattr(self._cdll, name)
            return True
        except AttributeError:
            return False

    # -- functions --

    def fn(self, name: str) -> Any:
        """The C function ``name`` with its prototype; :class:`UnsupportedByLibraryError`
        (:class:`NotLttngCtlError` for the network-consumer calls) when not exported."""
        f = self._functions.get(name)
        if f is not None:
            return f
        with self._lock:
            if name in DESIGN_FUNCTIONS and not self.is_lttng_ctl:
                raise errors.NotLttngCtlError(name, self.path)
            try:
                f = getattr(self._cdll, name)
            except AttributeError:
                raise errors.UnsupportedByLibraryError(name, self.path) from None
            restype, argtypes = PROTOTYPES[name]
            f.restype = restype
            f.argtypes = argtypes
            self._functions[name] = f
            return f

    def data_pointer(self, name: str) -> Optional[int]:
        """The value of an exported pointer variable (``struct lttng_endpoint *``)."""
        try:
            return ctypes.c_void_p.in_dll(self._cdll, name).value
        except ValueError:
            raise errors.UnsupportedByLibraryError(name, self.path) from None

    def session_daemon_alive(self) -> bool:
        """``lttng_session_daemon_alive``: a session daemon answers on this process's
        socket."""
        return bool(self.fn("lttng_session_daemon_alive")() == 1)

    def strerror(self, code: int) -> str:
        """``lttng_strerror`` of an LTTng error code (either sign)."""
        text = self.fn("lttng_strerror")(-abs(int(code)))
        return text.decode() if text else "Unknown error code"

    def error(self, code: int, call: str, status: Optional[str] = None,
              cls: Optional[type] = None) -> errors.LttngError:
        """The exception for the LTTng error ``code`` (either sign) of ``call``."""
        klass = cls or errors.error_class(code)
        return klass(abs(code), self.strerror(code), call, status)  # type: ignore[no-any-return]

    def call(self, name: str, *args: Any) -> int:
        """Calls ``name``; a negative result (a negated LTTng error code) raises."""
        ret = self.fn(name)(*args)
        if ret is not None and ret < 0:
            raise self.error(ret, name)
        return int(ret) if ret is not None else 0

    def call_code(self, name: str, *args: Any) -> None:
        """Calls a function returning ``enum lttng_error_code``: anything but LTTNG_OK raises."""
        ret = self.fn(name)(*args)
        if ret != errors.ErrorCode.OK:
            raise self.error(ret, name)

    def call_status(self, name: str, *args: Any, ok: Sequence[int] = (0,),
                    statuses: Optional[Mapping[int, Tuple[str, int]]] = None) -> int:
        """Calls a function returning a status enum: values in ``ok`` are returned, others
        raise :class:`StatusError` (or a subclass by code) with the status name and the
        nearest LTTng code from ``statuses`` (value -> (name, code))."""
        ret = self.fn(name)(*args)
        if ret in ok:
            return int(ret)
        raise self.status_error(name, int(ret), statuses or GENERIC_STATUSES)

    def status_error(self, call: str, value: int,
                     statuses: Mapping[int, Tuple[str, int]]) -> errors.LttngError:
        """The exception for a failed status ``value`` of ``call``."""
        name, code = statuses.get(value, (f"status {value}", errors.ErrorCode.UNK))
        return self.error(code, call, name, _status_class(name, code))

    def alloc_string(self, text: Optional[str]) -> Optional[bytes]:
        """A C string argument (None stays NULL)."""
        return None if text is None else os.fsencode(text)


# The statuses common to the object APIs (condition, action, event rule, trigger,
# rate policy, evaluation, ...): 0 OK, -1 ERROR, -2 UNKNOWN or INVALID, -3 INVALID,
# -4 UNSET, -5 UNSUPPORTED, -6 PERMISSION_DENIED. Callers pass the exact table of their enum.
def statuses(prefix: str, **values: int) -> Dict[int, Tuple[str, int]]:
    """A status table: ``NAME=value`` pairs of ``prefix_NAME`` and its nearest LTTng code."""
    codes = {"ERROR": errors.ErrorCode.UNK, "UNKNOWN": errors.ErrorCode.UNK,
             "INVALID": errors.ErrorCode.INVALID, "UNSET": errors.ErrorCode.INVALID,
             "UNSUPPORTED": errors.ErrorCode.NOT_SUPPORTED,
             "PERMISSION_DENIED": errors.ErrorCode.EPERM}
    return {v: (f"{prefix}_{k}", codes.get(k, errors.ErrorCode.UNK)) for k, v in values.items()}


StatusTable = Mapping[int, Tuple[str, int]]

GENERIC_STATUSES = statuses("STATUS", ERROR=-1, UNKNOWN=-2, INVALID=-3, UNSET=-4,
                            UNSUPPORTED=-5, PERMISSION_DENIED=-6)


def _status_class(name: str, code: int) -> type:
    if name.endswith("_ALREADY_SUBSCRIBED"):
        return errors.AlreadySubscribedError
    if name.endswith("_UNKNOWN_CONDITION"):
        return errors.UnknownConditionError
    if name.endswith("_CLOSED"):
        return errors.ChannelClosedError
    if name.endswith("_TIMEOUT"):
        return errors.WaitTimeoutError
    base = errors.error_class(code)
    if base is errors.LttngError:
        return errors.StatusError
    # A class that is both the code's and a StatusError, so that either `except` works.
    key = (base, errors.StatusError)
    cls = _MIXED.get(key)
    if cls is None:
        cls = type(base.__name__, (base, errors.StatusError), {"__module__": errors.__name__,
                                                              "__doc__": base.__doc__})
        _MIXED[key] = cls
    return cls


_MIXED: Dict[Tuple[type, type], type] = {}

def resolve(lib: Optional[NativeLibrary]) -> NativeLibrary:
    """``lib``, or the process-wide default library (:func:`lttng_ctl.library`)."""
    if lib is not None:
        return lib
    from .library import library
    return library()


def text(raw: Optional[bytes]) -> Optional[str]:
    """A C string from the library as ``str`` (None for NULL)."""
    return None if raw is None else os.fsdecode(raw)


class Owned:
    """An owned pointer to a library object, destroyed with ``destroy`` (a C function name)
    when closed, collected or leaving a ``with`` block. ``release()`` gives it up (the
    library took it)."""

    __slots__ = ("lib", "_ptr", "destroy", "__weakref__")

    def __init__(self, lib: NativeLibrary, ptr: Optional[int], destroy: str):
        self.lib = lib
        self._ptr = ptr
        self.destroy = destroy

    @property
    def ptr(self) -> int:
        """The pointer; ValueError once released or closed (or when it was NULL)."""
        if not self._ptr:
            raise ValueError(f"no object (released, closed or NULL; {self.destroy})")
        return self._ptr

    @property
    def alive(self) -> bool:
        """Whether the pointer is still held."""
        return bool(self._ptr)

    def release(self) -> Optional[int]:
        ptr, self._ptr = self._ptr, None
        return ptr

    def close(self) -> None:
        ptr = self.release()
        if ptr:
            self.lib.fn(self.destroy)(ptr)

    def __enter__(self) -> "Owned":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # pragma: no cover - interpreter shutdown
            pass


