//! LTTng error codes (`enum lttng_error_code` of LTTng 2.13), value for value, and the
//! texts `lttng_strerror()` prints for them, byte for byte.
//!
//! The API returns these codes negated. Values 94 to 96 are reserved (unused upstream);
//! `lttng_strerror` answers NULL for them, as the real library does.

use std::fmt;

/// Declares every code once, with its value, its C name and its `lttng_strerror` text (`NULL`
/// where upstream has none), and generates [`ErrorCode`] with its lookups from that table.
macro_rules! error_codes {
    (@text NULL) => { None };
    (@text $text:literal) => { Some($text) };
    (@doc NULL) => { "(no text upstream: `lttng_strerror` returns NULL)" };
    (@doc $text:literal) => { $text };
    ($($name:ident = $value:literal, $c_name:ident, $text:tt;)*) => {
        /// One value of upstream's `enum lttng_error_code`. Never renumbered.
        #[repr(i32)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorCode {
            $(
                #[doc = concat!("`", stringify!($c_name), "`: ", error_codes!(@doc $text))]
                $name = $value,
            )*
        }

        impl ErrorCode {
            /// Every defined code, in ascending order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$name),*];

            /// The code with this (positive) value, if upstream defines one.
            pub fn from_i32(value: i32) -> Option<ErrorCode> {
                match value {
                    $($value => Some(ErrorCode::$name),)*
                    _ => None,
                }
            }

            /// The upstream text for this code, as `lttng_strerror` returns it (`None` where
            /// upstream has no entry and returns NULL).
            pub fn text(self) -> Option<&'static str> {
                match self {
                    $(ErrorCode::$name => error_codes!(@text $text),)*
                }
            }

            /// The upstream C name, for diagnostics (`LTTNG_ERR_INVALID`, ...).
            pub fn c_name(self) -> &'static str {
                match self {
                    $(ErrorCode::$name => stringify!($c_name),)*
                }
            }
        }
    };
}

// Value for value and text for text as LTTng 2.13's `enum lttng_error_code` and
// `lttng_strerror` (src/common/error.c); 94 to 96 are reserved upstream.
#[rustfmt::skip]
error_codes! {
    Ok = 10,                                       LTTNG_OK,                                               "Success";
    Unk = 11,                                      LTTNG_ERR_UNK,                                          "Unknown error";
    Und = 12,                                      LTTNG_ERR_UND,                                          "Undefined command";
    SessionStarted = 13,                           LTTNG_ERR_SESSION_STARTED,                              "Session is running";
    UnknownDomain = 14,                            LTTNG_ERR_UNKNOWN_DOMAIN,                               "Unknown tracing domain";
    NotSupported = 15,                             LTTNG_ERR_NOT_SUPPORTED,                                "Operation not supported";
    NoSession = 16,                                LTTNG_ERR_NO_SESSION,                                   "No session found";
    CreateDirFail = 17,                            LTTNG_ERR_CREATE_DIR_FAIL,                              "Create directory failed";
    SessionFail = 18,                              LTTNG_ERR_SESSION_FAIL,                                 "Create session failed";
    NoSessiond = 19,                               LTTNG_ERR_NO_SESSIOND,                                  "No session daemon is available";
    SetUrl = 20,                                   LTTNG_ERR_SET_URL,                                      "Error setting URL";
    UrlExist = 21,                                 LTTNG_ERR_URL_EXIST,                                    "URL already exists";
    BufferNotSupported = 22,                       LTTNG_ERR_BUFFER_NOT_SUPPORTED,                         "Buffer type not supported";
    SessNotFound = 23,                             LTTNG_ERR_SESS_NOT_FOUND,                               "Session name not found";
    BufferTypeMismatch = 24,                       LTTNG_ERR_BUFFER_TYPE_MISMATCH,                         "Buffer type mismatch for session";
    Fatal = 25,                                    LTTNG_ERR_FATAL,                                        "Fatal error of the session daemon";
    Nomem = 26,                                    LTTNG_ERR_NOMEM,                                        "Not enough memory";
    SelectSess = 27,                               LTTNG_ERR_SELECT_SESS,                                  "A session MUST be selected";
    ExistSess = 28,                                LTTNG_ERR_EXIST_SESS,                                   "Session name already exists";
    NoEvent = 29,                                  LTTNG_ERR_NO_EVENT,                                     "Event not found";
    ConnectFail = 30,                              LTTNG_ERR_CONNECT_FAIL,                                 "Unable to connect to Unix socket";
    SnapshotOutputExist = 31,                      LTTNG_ERR_SNAPSHOT_OUTPUT_EXIST,                        "Snapshot output already exists";
    Eperm = 32,                                    LTTNG_ERR_EPERM,                                        "Permission denied";
    KernNa = 33,                                   LTTNG_ERR_KERN_NA,                                      "Kernel tracer not available";
    KernVersion = 34,                              LTTNG_ERR_KERN_VERSION,                                 "Kernel tracer version is not compatible";
    KernEventExist = 35,                           LTTNG_ERR_KERN_EVENT_EXIST,                             "Kernel event already exists";
    KernSessFail = 36,                             LTTNG_ERR_KERN_SESS_FAIL,                               "Kernel create session failed";
    KernChanExist = 37,                            LTTNG_ERR_KERN_CHAN_EXIST,                              "Kernel channel already exists";
    KernChanFail = 38,                             LTTNG_ERR_KERN_CHAN_FAIL,                               "Kernel create channel failed";
    KernChanNotFound = 39,                         LTTNG_ERR_KERN_CHAN_NOT_FOUND,                          "Kernel channel not found";
    KernChanDisableFail = 40,                      LTTNG_ERR_KERN_CHAN_DISABLE_FAIL,                       "Disable kernel channel failed";
    KernChanEnableFail = 41,                       LTTNG_ERR_KERN_CHAN_ENABLE_FAIL,                        "Enable kernel channel failed";
    KernContextFail = 42,                          LTTNG_ERR_KERN_CONTEXT_FAIL,                            "Add kernel context failed";
    KernEnableFail = 43,                           LTTNG_ERR_KERN_ENABLE_FAIL,                             "Enable kernel event failed";
    KernDisableFail = 44,                          LTTNG_ERR_KERN_DISABLE_FAIL,                            "Disable kernel event failed";
    KernMetaFail = 45,                             LTTNG_ERR_KERN_META_FAIL,                               "Opening metadata failed";
    KernStartFail = 46,                            LTTNG_ERR_KERN_START_FAIL,                              "Starting kernel trace failed";
    KernStopFail = 47,                             LTTNG_ERR_KERN_STOP_FAIL,                               "Stopping kernel trace failed";
    KernConsumerFail = 48,                         LTTNG_ERR_KERN_CONSUMER_FAIL,                           "Kernel consumer start failed";
    KernStreamFail = 49,                           LTTNG_ERR_KERN_STREAM_FAIL,                             "Kernel create stream failed";
    StartSessionOnce = 50,                         LTTNG_ERR_START_SESSION_ONCE,                           "Session needs to be started once";
    SnapshotFail = 51,                             LTTNG_ERR_SNAPSHOT_FAIL,                                "Snapshot record failed";
    NoStream = 52,                                 LTTNG_ERR_NO_STREAM,                                    NULL;
    KernListFail = 53,                             LTTNG_ERR_KERN_LIST_FAIL,                               "Listing kernel events failed";
    UstCalibrateFail = 54,                         LTTNG_ERR_UST_CALIBRATE_FAIL,                           "UST calibration failed";
    UstEventEnabled = 55,                          LTTNG_ERR_UST_EVENT_ENABLED,                            "UST event already enabled";
    UstSessFail = 56,                              LTTNG_ERR_UST_SESS_FAIL,                                "UST create session failed";
    UstChanExist = 57,                             LTTNG_ERR_UST_CHAN_EXIST,                               "UST channel already exist";
    UstChanFail = 58,                              LTTNG_ERR_UST_CHAN_FAIL,                                "UST create channel failed";
    UstChanNotFound = 59,                          LTTNG_ERR_UST_CHAN_NOT_FOUND,                           "UST channel not found";
    UstChanDisableFail = 60,                       LTTNG_ERR_UST_CHAN_DISABLE_FAIL,                        "Disable UST channel failed";
    UstChanEnableFail = 61,                        LTTNG_ERR_UST_CHAN_ENABLE_FAIL,                         "Enable UST channel failed";
    ChanExist = 62,                                LTTNG_ERR_CHAN_EXIST,                                   "Channel already exists";
    UstEnableFail = 63,                            LTTNG_ERR_UST_ENABLE_FAIL,                              "Enable UST event failed";
    UstDisableFail = 64,                           LTTNG_ERR_UST_DISABLE_FAIL,                             "Disable UST event failed";
    UstMetaFail = 65,                              LTTNG_ERR_UST_META_FAIL,                                "Opening metadata failed";
    UstStartFail = 66,                             LTTNG_ERR_UST_START_FAIL,                               "Starting UST trace failed";
    UstStopFail = 67,                              LTTNG_ERR_UST_STOP_FAIL,                                "Stopping UST trace failed";
    UstConsumer64Fail = 68,                        LTTNG_ERR_UST_CONSUMER64_FAIL,                          "64-bit UST consumer start failed";
    UstConsumer32Fail = 69,                        LTTNG_ERR_UST_CONSUMER32_FAIL,                          "32-bit UST consumer start failed";
    UstStreamFail = 70,                            LTTNG_ERR_UST_STREAM_FAIL,                              "UST create stream failed";
    SnapshotNodata = 71,                           LTTNG_ERR_SNAPSHOT_NODATA,                              "No data available in snapshot";
    NoChannel = 72,                                LTTNG_ERR_NO_CHANNEL,                                   "No channel found in the session";
    SessionInvalidChar = 73,                       LTTNG_ERR_SESSION_INVALID_CHAR,                         "Invalid character found in session name";
    UstListFail = 74,                              LTTNG_ERR_UST_LIST_FAIL,                                "Listing UST events failed";
    UstEventExist = 75,                            LTTNG_ERR_UST_EVENT_EXIST,                              "UST event already exist";
    UstEventNotFound = 76,                         LTTNG_ERR_UST_EVENT_NOT_FOUND,                          "UST event not found";
    UstContextExist = 77,                          LTTNG_ERR_UST_CONTEXT_EXIST,                            "UST context already exist";
    UstContextInval = 78,                          LTTNG_ERR_UST_CONTEXT_INVAL,                            "UST invalid context";
    NeedRootSessiond = 79,                         LTTNG_ERR_NEED_ROOT_SESSIOND,                           "Tracing the kernel requires a root lttng-sessiond daemon, as well as \"tracing\" group membership or root user ID for the lttng client";
    TraceAlreadyStarted = 80,                      LTTNG_ERR_TRACE_ALREADY_STARTED,                        "Tracing has already been started once";
    TraceAlreadyStopped = 81,                      LTTNG_ERR_TRACE_ALREADY_STOPPED,                        "Tracing has already been stopped";
    KernEventEnosys = 82,                          LTTNG_ERR_KERN_EVENT_ENOSYS,                            "Kernel event type not supported";
    NeedChannelName = 83,                          LTTNG_ERR_NEED_CHANNEL_NAME,                            "Non-default channel exists within session: channel name needs to be specified with '-c name'";
    NoUst = 84,                                    LTTNG_ERR_NO_UST,                                       "LTTng-UST tracer is not supported. Please rebuild lttng-tools with lttng-ust support enabled";
    SaveFileExist = 85,                            LTTNG_ERR_SAVE_FILE_EXIST,                              "Session file already exists";
    SaveIoFail = 86,                               LTTNG_ERR_SAVE_IO_FAIL,                                 "IO error while writing session configuration";
    LoadInvalidConfig = 87,                        LTTNG_ERR_LOAD_INVALID_CONFIG,                          "Invalid session configuration";
    LoadIoFail = 88,                               LTTNG_ERR_LOAD_IO_FAIL,                                 "IO error while reading a session configuration";
    LoadSessionNoent = 89,                         LTTNG_ERR_LOAD_SESSION_NOENT,                           "Session file not found";
    MaxSizeInvalid = 90,                           LTTNG_ERR_MAX_SIZE_INVALID,                             "Snapshot max size is invalid";
    MiOutputType = 91,                             LTTNG_ERR_MI_OUTPUT_TYPE,                               "Invalid MI output format";
    MiIoFail = 92,                                 LTTNG_ERR_MI_IO_FAIL,                                   "IO error while writing MI output";
    MiNotImplemented = 93,                         LTTNG_ERR_MI_NOT_IMPLEMENTED,                           "Mi feature not implemented";
    Invalid = 97,                                  LTTNG_ERR_INVALID,                                      "Invalid parameter";
    NoUstconsumerd = 98,                           LTTNG_ERR_NO_USTCONSUMERD,                              "No UST consumer detected";
    NoKernconsumerd = 99,                          LTTNG_ERR_NO_KERNCONSUMERD,                             "No kernel consumer detected";
    EventExistLoglevel = 100,                      LTTNG_ERR_EVENT_EXIST_LOGLEVEL,                         "Event already enabled with different loglevel";
    UrlDataMiss = 101,                             LTTNG_ERR_URL_DATA_MISS,                                "Missing data path URL";
    UrlCtrlMiss = 102,                             LTTNG_ERR_URL_CTRL_MISS,                                "Missing control path URL";
    EnableConsumerFail = 103,                      LTTNG_ERR_ENABLE_CONSUMER_FAIL,                         "Enabling consumer failed";
    RelaydConnectFail = 104,                       LTTNG_ERR_RELAYD_CONNECT_FAIL,                          "Unable to connect to lttng-relayd";
    RelaydVersionFail = 105,                       LTTNG_ERR_RELAYD_VERSION_FAIL,                          "Relay daemon not compatible";
    FilterInval = 106,                             LTTNG_ERR_FILTER_INVAL,                                 "Invalid filter bytecode";
    FilterNomem = 107,                             LTTNG_ERR_FILTER_NOMEM,                                 "Not enough memory for filter bytecode";
    FilterExist = 108,                             LTTNG_ERR_FILTER_EXIST,                                 "Filter already exist";
    NoConsumer = 109,                              LTTNG_ERR_NO_CONSUMER,                                  "Consumer not found for recording session";
    ExclusionInval = 110,                          LTTNG_ERR_EXCLUSION_INVAL,                              NULL;
    ExclusionNomem = 111,                          LTTNG_ERR_EXCLUSION_NOMEM,                              NULL;
    InvalidEventName = 112,                        LTTNG_ERR_INVALID_EVENT_NAME,                           "Invalid event name";
    InvalidChannelName = 113,                      LTTNG_ERR_INVALID_CHANNEL_NAME,                         "Invalid channel name";
    ProcessAttrExists = 114,                       LTTNG_ERR_PROCESS_ATTR_EXISTS,                          "Process attribute is already tracked";
    ProcessAttrMissing = 115,                      LTTNG_ERR_PROCESS_ATTR_MISSING,                         "Process attribute was not tracked";
    InvalidChannelDomain = 116,                    LTTNG_ERR_INVALID_CHANNEL_DOMAIN,                       "Invalid channel domain";
    Overflow = 117,                                LTTNG_ERR_OVERFLOW,                                     "Overflow occurred";
    SessionNotStarted = 118,                       LTTNG_ERR_SESSION_NOT_STARTED,                          "Session not started";
    LiveSession = 119,                             LTTNG_ERR_LIVE_SESSION,                                 "Live sessions are not supported";
    PerPidSession = 120,                           LTTNG_ERR_PER_PID_SESSION,                              "Per-PID recording sessions are not supported";
    KernContextUnavailable = 121,                  LTTNG_ERR_KERN_CONTEXT_UNAVAILABLE,                     "Context unavailable on this kernel";
    RegenStatedumpFail = 122,                      LTTNG_ERR_REGEN_STATEDUMP_FAIL,                         "Failed to regenerate the state dump";
    RegenStatedumpNomem = 123,                     LTTNG_ERR_REGEN_STATEDUMP_NOMEM,                        "Failed to regenerate the state dump, not enough memory";
    NotSnapshotSession = 124,                      LTTNG_ERR_NOT_SNAPSHOT_SESSION,                         "Snapshot command can't be applied to a non-snapshot session";
    InvalidTrigger = 125,                          LTTNG_ERR_INVALID_TRIGGER,                              "Invalid trigger";
    TriggerExists = 126,                           LTTNG_ERR_TRIGGER_EXISTS,                               "Trigger already registered";
    TriggerNotFound = 127,                         LTTNG_ERR_TRIGGER_NOT_FOUND,                            "Trigger not found";
    CommandCancelled = 128,                        LTTNG_ERR_COMMAND_CANCELLED,                            "Command cancelled";
    RotationPending = 129,                         LTTNG_ERR_ROTATION_PENDING,                             "Rotation already pending for this session";
    RotationNotAvailable = 130,                    LTTNG_ERR_ROTATION_NOT_AVAILABLE,                       "Rotation feature not available for this session's creation mode";
    RotationScheduleSet = 131,                     LTTNG_ERR_ROTATION_SCHEDULE_SET,                        "A session rotation schedule of this type is already set on the session";
    RotationScheduleNotSet = 132,                  LTTNG_ERR_ROTATION_SCHEDULE_NOT_SET,                    "No session rotation schedule of this type is set on the session";
    RotationMultipleAfterStop = 133,               LTTNG_ERR_ROTATION_MULTIPLE_AFTER_STOP,                 "Session was already rotated once since it became inactive";
    RotationWrongVersion = 134,                    LTTNG_ERR_ROTATION_WRONG_VERSION,                       "Session rotation is not supported by this kernel tracer version";
    NoSessionOutput = 135,                         LTTNG_ERR_NO_SESSION_OUTPUT,                            "Session has no output";
    RotationNotAvailableRelay = 136,               LTTNG_ERR_ROTATION_NOT_AVAILABLE_RELAY,                 "Rotation feature not available on the relay";
    AgentTracingDisabled = 137,                    LTTNG_ERR_AGENT_TRACING_DISABLED,                       "Session daemon agent tracing is disabled";
    ProbeLocationInval = 138,                      LTTNG_ERR_PROBE_LOCATION_INVAL,                         "Invalid userspace probe location";
    ElfParsing = 139,                              LTTNG_ERR_ELF_PARSING,                                  "ELF parsing error";
    SdtProbeSemaphore = 140,                       LTTNG_ERR_SDT_PROBE_SEMAPHORE,                          "SDT probe guarded by a semaphore";
    RotationFailConsumer = 141,                    LTTNG_ERR_ROTATION_FAIL_CONSUMER,                       "Rotation failure on consumer";
    RotateRenameFailConsumer = 142,                LTTNG_ERR_ROTATE_RENAME_FAIL_CONSUMER,                  "Rotation rename failure on consumer";
    RotationPendingLocalFailConsumer = 143,        LTTNG_ERR_ROTATION_PENDING_LOCAL_FAIL_CONSUMER,         "Rotation pending check (local) failure on consumer";
    RotationPendingRelayFailConsumer = 144,        LTTNG_ERR_ROTATION_PENDING_RELAY_FAIL_CONSUMER,         "Rotation pending check (relay) failure on consumer";
    MkdirFailConsumer = 145,                       LTTNG_ERR_MKDIR_FAIL_CONSUMER,                          "Directory creation failure on consumer";
    ChanNotFound = 146,                            LTTNG_ERR_CHAN_NOT_FOUND,                               "Channel not found";
    SnapshotUnsupported = 147,                     LTTNG_ERR_SNAPSHOT_UNSUPPORTED,                         "Session configuration does not allow the use of snapshots";
    SessionNotExist = 148,                         LTTNG_ERR_SESSION_NOT_EXIST,                            "Recording session does not exist";
    CreateTraceChunkFailConsumer = 149,            LTTNG_ERR_CREATE_TRACE_CHUNK_FAIL_CONSUMER,             "Trace chunk creation failed on consumer";
    CloseTraceChunkFailConsumer = 150,             LTTNG_ERR_CLOSE_TRACE_CHUNK_FAIL_CONSUMER,              "Trace chunk close failed on consumer";
    TraceChunkExistsFailConsumer = 151,            LTTNG_ERR_TRACE_CHUNK_EXISTS_FAIL_CONSUMER,             "Failed to query consumer for trace chunk existence";
    InvalidProtocol = 152,                         LTTNG_ERR_INVALID_PROTOCOL,                             "Protocol error occurred";
    FileCreationError = 153,                       LTTNG_ERR_FILE_CREATION_ERROR,                          "Failed to create file";
    TimerStopError = 154,                          LTTNG_ERR_TIMER_STOP_ERROR,                             "Failed to stop a timer";
    RotationNotAvailableKernel = 155,              LTTNG_ERR_ROTATION_NOT_AVAILABLE_KERNEL,                "Rotation feature not supported by the kernel tracer";
    ClearRelayDisallowed = 156,                    LTTNG_ERR_CLEAR_RELAY_DISALLOWED,                       "Relayd daemon peer does not allow sessions to be cleared";
    ClearNotAvailableRelay = 157,                  LTTNG_ERR_CLEAR_NOT_AVAILABLE_RELAY,                    "Clearing a session is not supported by the relay daemon";
    ClearFailConsumer = 158,                       LTTNG_ERR_CLEAR_FAIL_CONSUMER,                          "Consumer failed to clear the session";
    RotationAfterStopClear = 159,                  LTTNG_ERR_ROTATION_AFTER_STOP_CLEAR,                    "Session was already cleared since it became inactive";
    UserNotFound = 160,                            LTTNG_ERR_USER_NOT_FOUND,                               "User not found";
    GroupNotFound = 161,                           LTTNG_ERR_GROUP_NOT_FOUND,                              "Group not found";
    UnsupportedDomain = 162,                       LTTNG_ERR_UNSUPPORTED_DOMAIN,                           "Unsupported domain used";
    ProcessAttrTrackerInvalidTrackingPolicy = 163, LTTNG_ERR_PROCESS_ATTR_TRACKER_INVALID_TRACKING_POLICY, "Operation does not apply to the process attribute tracker's tracking policy";
    EventNotifierGroupNotificationFd = 164,        LTTNG_ERR_EVENT_NOTIFIER_GROUP_NOTIFICATION_FD,         "Failed to create an event notifier group notification file descriptor";
    InvalidCaptureExpression = 165,                LTTNG_ERR_INVALID_CAPTURE_EXPRESSION,                   "Invalid capture expression";
    EventNotifierRegistration = 166,               LTTNG_ERR_EVENT_NOTIFIER_REGISTRATION,                  "Failed to create event notifier";
    EventNotifierErrorAccounting = 167,            LTTNG_ERR_EVENT_NOTIFIER_ERROR_ACCOUNTING,              "Failed to initialize event notifier error accounting";
    EventNotifierErrorAccountingFull = 168,        LTTNG_ERR_EVENT_NOTIFIER_ERROR_ACCOUNTING_FULL,         "No index available in event notifier error accounting";
    InvalidErrorQueryTarget = 169,                 LTTNG_ERR_INVALID_ERROR_QUERY_TARGET,                   NULL;
    BufferFlushFailed = 170,                       LTTNG_ERR_BUFFER_FLUSH_FAILED,                          "Failed to flush stream buffer";
}

impl ErrorCode {
    /// The value the API returns for this code: the code negated.
    pub fn as_api(self) -> i32 {
        -(self as i32)
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text().unwrap_or(self.c_name()))
    }
}

/// The text `lttng_strerror(code)` returns; `None` where the real library returns NULL.
///
/// Like upstream, the argument is negated first; anything outside 10..=170 is
/// "Unknown error code", and the reserved 94 to 96 give `None` like the codes without text.
pub fn strerror(code: i32) -> Option<&'static str> {
    const UNKNOWN: &str = "Unknown error code";
    let positive = code.checked_neg().unwrap_or(-1);
    if !(10..=170).contains(&positive) {
        return Some(UNKNOWN);
    }
    ErrorCode::from_i32(positive).and_then(ErrorCode::text)
}
