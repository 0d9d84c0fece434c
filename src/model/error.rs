//! LTTng error codes (`enum lttng_error_code` of LTTng 2.13), value for value, and the
//! texts `lttng_strerror()` prints for them, byte for byte.
//!
//! The API returns these codes negated. Values 94 to 96 are reserved (unused upstream);
//! `lttng_strerror` answers NULL for them, as the real library does.

use std::fmt;

/// One value of upstream's `enum lttng_error_code`. Never renumbered.
#[repr(i32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// `LTTNG_OK`: Success
    Ok = 10,
    /// `LTTNG_ERR_UNK`: Unknown error
    Unk = 11,
    /// `LTTNG_ERR_UND`: Undefined command
    Und = 12,
    /// `LTTNG_ERR_SESSION_STARTED`: Session is running
    SessionStarted = 13,
    /// `LTTNG_ERR_UNKNOWN_DOMAIN`: Unknown tracing domain
    UnknownDomain = 14,
    /// `LTTNG_ERR_NOT_SUPPORTED`: Operation not supported
    NotSupported = 15,
    /// `LTTNG_ERR_NO_SESSION`: No session found
    NoSession = 16,
    /// `LTTNG_ERR_CREATE_DIR_FAIL`: Create directory failed
    CreateDirFail = 17,
    /// `LTTNG_ERR_SESSION_FAIL`: Create session failed
    SessionFail = 18,
    /// `LTTNG_ERR_NO_SESSIOND`: No session daemon is available
    NoSessiond = 19,
    /// `LTTNG_ERR_SET_URL`: Error setting URL
    SetUrl = 20,
    /// `LTTNG_ERR_URL_EXIST`: URL already exists
    UrlExist = 21,
    /// `LTTNG_ERR_BUFFER_NOT_SUPPORTED`: Buffer type not supported
    BufferNotSupported = 22,
    /// `LTTNG_ERR_SESS_NOT_FOUND`: Session name not found
    SessNotFound = 23,
    /// `LTTNG_ERR_BUFFER_TYPE_MISMATCH`: Buffer type mismatch for session
    BufferTypeMismatch = 24,
    /// `LTTNG_ERR_FATAL`: Fatal error of the session daemon
    Fatal = 25,
    /// `LTTNG_ERR_NOMEM`: Not enough memory
    Nomem = 26,
    /// `LTTNG_ERR_SELECT_SESS`: A session MUST be selected
    SelectSess = 27,
    /// `LTTNG_ERR_EXIST_SESS`: Session name already exists
    ExistSess = 28,
    /// `LTTNG_ERR_NO_EVENT`: Event not found
    NoEvent = 29,
    /// `LTTNG_ERR_CONNECT_FAIL`: Unable to connect to Unix socket
    ConnectFail = 30,
    /// `LTTNG_ERR_SNAPSHOT_OUTPUT_EXIST`: Snapshot output already exists
    SnapshotOutputExist = 31,
    /// `LTTNG_ERR_EPERM`: Permission denied
    Eperm = 32,
    /// `LTTNG_ERR_KERN_NA`: Kernel tracer not available
    KernNa = 33,
    /// `LTTNG_ERR_KERN_VERSION`: Kernel tracer version is not compatible
    KernVersion = 34,
    /// `LTTNG_ERR_KERN_EVENT_EXIST`: Kernel event already exists
    KernEventExist = 35,
    /// `LTTNG_ERR_KERN_SESS_FAIL`: Kernel create session failed
    KernSessFail = 36,
    /// `LTTNG_ERR_KERN_CHAN_EXIST`: Kernel channel already exists
    KernChanExist = 37,
    /// `LTTNG_ERR_KERN_CHAN_FAIL`: Kernel create channel failed
    KernChanFail = 38,
    /// `LTTNG_ERR_KERN_CHAN_NOT_FOUND`: Kernel channel not found
    KernChanNotFound = 39,
    /// `LTTNG_ERR_KERN_CHAN_DISABLE_FAIL`: Disable kernel channel failed
    KernChanDisableFail = 40,
    /// `LTTNG_ERR_KERN_CHAN_ENABLE_FAIL`: Enable kernel channel failed
    KernChanEnableFail = 41,
    /// `LTTNG_ERR_KERN_CONTEXT_FAIL`: Add kernel context failed
    KernContextFail = 42,
    /// `LTTNG_ERR_KERN_ENABLE_FAIL`: Enable kernel event failed
    KernEnableFail = 43,
    /// `LTTNG_ERR_KERN_DISABLE_FAIL`: Disable kernel event failed
    KernDisableFail = 44,
    /// `LTTNG_ERR_KERN_META_FAIL`: Opening metadata failed
    KernMetaFail = 45,
    /// `LTTNG_ERR_KERN_START_FAIL`: Starting kernel trace failed
    KernStartFail = 46,
    /// `LTTNG_ERR_KERN_STOP_FAIL`: Stopping kernel trace failed
    KernStopFail = 47,
    /// `LTTNG_ERR_KERN_CONSUMER_FAIL`: Kernel consumer start failed
    KernConsumerFail = 48,
    /// `LTTNG_ERR_KERN_STREAM_FAIL`: Kernel create stream failed
    KernStreamFail = 49,
    /// `LTTNG_ERR_START_SESSION_ONCE`: Session needs to be started once
    StartSessionOnce = 50,
    /// `LTTNG_ERR_SNAPSHOT_FAIL`: Snapshot record failed
    SnapshotFail = 51,
    /// `LTTNG_ERR_NO_STREAM` (no text upstream: `lttng_strerror` returns NULL)
    NoStream = 52,
    /// `LTTNG_ERR_KERN_LIST_FAIL`: Listing kernel events failed
    KernListFail = 53,
    /// `LTTNG_ERR_UST_CALIBRATE_FAIL`: UST calibration failed
    UstCalibrateFail = 54,
    /// `LTTNG_ERR_UST_EVENT_ENABLED`: UST event already enabled
    UstEventEnabled = 55,
    /// `LTTNG_ERR_UST_SESS_FAIL`: UST create session failed
    UstSessFail = 56,
    /// `LTTNG_ERR_UST_CHAN_EXIST`: UST channel already exist
    UstChanExist = 57,
    /// `LTTNG_ERR_UST_CHAN_FAIL`: UST create channel failed
    UstChanFail = 58,
    /// `LTTNG_ERR_UST_CHAN_NOT_FOUND`: UST channel not found
    UstChanNotFound = 59,
    /// `LTTNG_ERR_UST_CHAN_DISABLE_FAIL`: Disable UST channel failed
    UstChanDisableFail = 60,
    /// `LTTNG_ERR_UST_CHAN_ENABLE_FAIL`: Enable UST channel failed
    UstChanEnableFail = 61,
    /// `LTTNG_ERR_CHAN_EXIST`: Channel already exists
    ChanExist = 62,
    /// `LTTNG_ERR_UST_ENABLE_FAIL`: Enable UST event failed
    UstEnableFail = 63,
    /// `LTTNG_ERR_UST_DISABLE_FAIL`: Disable UST event failed
    UstDisableFail = 64,
    /// `LTTNG_ERR_UST_META_FAIL`: Opening metadata failed
    UstMetaFail = 65,
    /// `LTTNG_ERR_UST_START_FAIL`: Starting UST trace failed
    UstStartFail = 66,
    /// `LTTNG_ERR_UST_STOP_FAIL`: Stopping UST trace failed
    UstStopFail = 67,
    /// `LTTNG_ERR_UST_CONSUMER64_FAIL`: 64-bit UST consumer start failed
    UstConsumer64Fail = 68,
    /// `LTTNG_ERR_UST_CONSUMER32_FAIL`: 32-bit UST consumer start failed
    UstConsumer32Fail = 69,
    /// `LTTNG_ERR_UST_STREAM_FAIL`: UST create stream failed
    UstStreamFail = 70,
    /// `LTTNG_ERR_SNAPSHOT_NODATA`: No data available in snapshot
    SnapshotNodata = 71,
    /// `LTTNG_ERR_NO_CHANNEL`: No channel found in the session
    NoChannel = 72,
    /// `LTTNG_ERR_SESSION_INVALID_CHAR`: Invalid character found in session name
    SessionInvalidChar = 73,
    /// `LTTNG_ERR_UST_LIST_FAIL`: Listing UST events failed
    UstListFail = 74,
    /// `LTTNG_ERR_UST_EVENT_EXIST`: UST event already exist
    UstEventExist = 75,
    /// `LTTNG_ERR_UST_EVENT_NOT_FOUND`: UST event not found
    UstEventNotFound = 76,
    /// `LTTNG_ERR_UST_CONTEXT_EXIST`: UST context already exist
    UstContextExist = 77,
    /// `LTTNG_ERR_UST_CONTEXT_INVAL`: UST invalid context
    UstContextInval = 78,
    /// `LTTNG_ERR_NEED_ROOT_SESSIOND`: Tracing the kernel requires a root lttng-sessiond daemon, as well as "tracing" group membership or root user ID for the lttng client
    NeedRootSessiond = 79,
    /// `LTTNG_ERR_TRACE_ALREADY_STARTED`: Tracing has already been started once
    TraceAlreadyStarted = 80,
    /// `LTTNG_ERR_TRACE_ALREADY_STOPPED`: Tracing has already been stopped
    TraceAlreadyStopped = 81,
    /// `LTTNG_ERR_KERN_EVENT_ENOSYS`: Kernel event type not supported
    KernEventEnosys = 82,
    /// `LTTNG_ERR_NEED_CHANNEL_NAME`: Non-default channel exists within session: channel name needs to be specified with '-c name'
    NeedChannelName = 83,
    /// `LTTNG_ERR_NO_UST`: LTTng-UST tracer is not supported. Please rebuild lttng-tools with lttng-ust support enabled
    NoUst = 84,
    /// `LTTNG_ERR_SAVE_FILE_EXIST`: Session file already exists
    SaveFileExist = 85,
    /// `LTTNG_ERR_SAVE_IO_FAIL`: IO error while writing session configuration
    SaveIoFail = 86,
    /// `LTTNG_ERR_LOAD_INVALID_CONFIG`: Invalid session configuration
    LoadInvalidConfig = 87,
    /// `LTTNG_ERR_LOAD_IO_FAIL`: IO error while reading a session configuration
    LoadIoFail = 88,
    /// `LTTNG_ERR_LOAD_SESSION_NOENT`: Session file not found
    LoadSessionNoent = 89,
    /// `LTTNG_ERR_MAX_SIZE_INVALID`: Snapshot max size is invalid
    MaxSizeInvalid = 90,
    /// `LTTNG_ERR_MI_OUTPUT_TYPE`: Invalid MI output format
    MiOutputType = 91,
    /// `LTTNG_ERR_MI_IO_FAIL`: IO error while writing MI output
    MiIoFail = 92,
    /// `LTTNG_ERR_MI_NOT_IMPLEMENTED`: Mi feature not implemented
    MiNotImplemented = 93,
    /// `LTTNG_ERR_INVALID`: Invalid parameter
    Invalid = 97,
    /// `LTTNG_ERR_NO_USTCONSUMERD`: No UST consumer detected
    NoUstconsumerd = 98,
    /// `LTTNG_ERR_NO_KERNCONSUMERD`: No kernel consumer detected
    NoKernconsumerd = 99,
    /// `LTTNG_ERR_EVENT_EXIST_LOGLEVEL`: Event already enabled with different loglevel
    EventExistLoglevel = 100,
    /// `LTTNG_ERR_URL_DATA_MISS`: Missing data path URL
    UrlDataMiss = 101,
    /// `LTTNG_ERR_URL_CTRL_MISS`: Missing control path URL
    UrlCtrlMiss = 102,
    /// `LTTNG_ERR_ENABLE_CONSUMER_FAIL`: Enabling consumer failed
    EnableConsumerFail = 103,
    /// `LTTNG_ERR_RELAYD_CONNECT_FAIL`: Unable to connect to lttng-relayd
    RelaydConnectFail = 104,
    /// `LTTNG_ERR_RELAYD_VERSION_FAIL`: Relay daemon not compatible
    RelaydVersionFail = 105,
    /// `LTTNG_ERR_FILTER_INVAL`: Invalid filter bytecode
    FilterInval = 106,
    /// `LTTNG_ERR_FILTER_NOMEM`: Not enough memory for filter bytecode
    FilterNomem = 107,
    /// `LTTNG_ERR_FILTER_EXIST`: Filter already exist
    FilterExist = 108,
    /// `LTTNG_ERR_NO_CONSUMER`: Consumer not found for recording session
    NoConsumer = 109,
    /// `LTTNG_ERR_EXCLUSION_INVAL` (no text upstream: `lttng_strerror` returns NULL)
    ExclusionInval = 110,
    /// `LTTNG_ERR_EXCLUSION_NOMEM` (no text upstream: `lttng_strerror` returns NULL)
    ExclusionNomem = 111,
    /// `LTTNG_ERR_INVALID_EVENT_NAME`: Invalid event name
    InvalidEventName = 112,
    /// `LTTNG_ERR_INVALID_CHANNEL_NAME`: Invalid channel name
    InvalidChannelName = 113,
    /// `LTTNG_ERR_PROCESS_ATTR_EXISTS`: Process attribute is already tracked
    ProcessAttrExists = 114,
    /// `LTTNG_ERR_PROCESS_ATTR_MISSING`: Process attribute was not tracked
    ProcessAttrMissing = 115,
    /// `LTTNG_ERR_INVALID_CHANNEL_DOMAIN`: Invalid channel domain
    InvalidChannelDomain = 116,
    /// `LTTNG_ERR_OVERFLOW`: Overflow occurred
    Overflow = 117,
    /// `LTTNG_ERR_SESSION_NOT_STARTED`: Session not started
    SessionNotStarted = 118,
    /// `LTTNG_ERR_LIVE_SESSION`: Live sessions are not supported
    LiveSession = 119,
    /// `LTTNG_ERR_PER_PID_SESSION`: Per-PID recording sessions are not supported
    PerPidSession = 120,
    /// `LTTNG_ERR_KERN_CONTEXT_UNAVAILABLE`: Context unavailable on this kernel
    KernContextUnavailable = 121,
    /// `LTTNG_ERR_REGEN_STATEDUMP_FAIL`: Failed to regenerate the state dump
    RegenStatedumpFail = 122,
    /// `LTTNG_ERR_REGEN_STATEDUMP_NOMEM`: Failed to regenerate the state dump, not enough memory
    RegenStatedumpNomem = 123,
    /// `LTTNG_ERR_NOT_SNAPSHOT_SESSION`: Snapshot command can't be applied to a non-snapshot session
    NotSnapshotSession = 124,
    /// `LTTNG_ERR_INVALID_TRIGGER`: Invalid trigger
    InvalidTrigger = 125,
    /// `LTTNG_ERR_TRIGGER_EXISTS`: Trigger already registered
    TriggerExists = 126,
    /// `LTTNG_ERR_TRIGGER_NOT_FOUND`: Trigger not found
    TriggerNotFound = 127,
    /// `LTTNG_ERR_COMMAND_CANCELLED`: Command cancelled
    CommandCancelled = 128,
    /// `LTTNG_ERR_ROTATION_PENDING`: Rotation already pending for this session
    RotationPending = 129,
    /// `LTTNG_ERR_ROTATION_NOT_AVAILABLE`: Rotation feature not available for this session's creation mode
    RotationNotAvailable = 130,
    /// `LTTNG_ERR_ROTATION_SCHEDULE_SET`: A session rotation schedule of this type is already set on the session
    RotationScheduleSet = 131,
    /// `LTTNG_ERR_ROTATION_SCHEDULE_NOT_SET`: No session rotation schedule of this type is set on the session
    RotationScheduleNotSet = 132,
    /// `LTTNG_ERR_ROTATION_MULTIPLE_AFTER_STOP`: Session was already rotated once since it became inactive
    RotationMultipleAfterStop = 133,
    /// `LTTNG_ERR_ROTATION_WRONG_VERSION`: Session rotation is not supported by this kernel tracer version
    RotationWrongVersion = 134,
    /// `LTTNG_ERR_NO_SESSION_OUTPUT`: Session has no output
    NoSessionOutput = 135,
    /// `LTTNG_ERR_ROTATION_NOT_AVAILABLE_RELAY`: Rotation feature not available on the relay
    RotationNotAvailableRelay = 136,
    /// `LTTNG_ERR_AGENT_TRACING_DISABLED`: Session daemon agent tracing is disabled
    AgentTracingDisabled = 137,
    /// `LTTNG_ERR_PROBE_LOCATION_INVAL`: Invalid userspace probe location
    ProbeLocationInval = 138,
    /// `LTTNG_ERR_ELF_PARSING`: ELF parsing error
    ElfParsing = 139,
    /// `LTTNG_ERR_SDT_PROBE_SEMAPHORE`: SDT probe guarded by a semaphore
    SdtProbeSemaphore = 140,
    /// `LTTNG_ERR_ROTATION_FAIL_CONSUMER`: Rotation failure on consumer
    RotationFailConsumer = 141,
    /// `LTTNG_ERR_ROTATE_RENAME_FAIL_CONSUMER`: Rotation rename failure on consumer
    RotateRenameFailConsumer = 142,
    /// `LTTNG_ERR_ROTATION_PENDING_LOCAL_FAIL_CONSUMER`: Rotation pending check (local) failure on consumer
    RotationPendingLocalFailConsumer = 143,
    /// `LTTNG_ERR_ROTATION_PENDING_RELAY_FAIL_CONSUMER`: Rotation pending check (relay) failure on consumer
    RotationPendingRelayFailConsumer = 144,
    /// `LTTNG_ERR_MKDIR_FAIL_CONSUMER`: Directory creation failure on consumer
    MkdirFailConsumer = 145,
    /// `LTTNG_ERR_CHAN_NOT_FOUND`: Channel not found
    ChanNotFound = 146,
    /// `LTTNG_ERR_SNAPSHOT_UNSUPPORTED`: Session configuration does not allow the use of snapshots
    SnapshotUnsupported = 147,
    /// `LTTNG_ERR_SESSION_NOT_EXIST`: Recording session does not exist
    SessionNotExist = 148,
    /// `LTTNG_ERR_CREATE_TRACE_CHUNK_FAIL_CONSUMER`: Trace chunk creation failed on consumer
    CreateTraceChunkFailConsumer = 149,
    /// `LTTNG_ERR_CLOSE_TRACE_CHUNK_FAIL_CONSUMER`: Trace chunk close failed on consumer
    CloseTraceChunkFailConsumer = 150,
    /// `LTTNG_ERR_TRACE_CHUNK_EXISTS_FAIL_CONSUMER`: Failed to query consumer for trace chunk existence
    TraceChunkExistsFailConsumer = 151,
    /// `LTTNG_ERR_INVALID_PROTOCOL`: Protocol error occurred
    InvalidProtocol = 152,
    /// `LTTNG_ERR_FILE_CREATION_ERROR`: Failed to create file
    FileCreationError = 153,
    /// `LTTNG_ERR_TIMER_STOP_ERROR`: Failed to stop a timer
    TimerStopError = 154,
    /// `LTTNG_ERR_ROTATION_NOT_AVAILABLE_KERNEL`: Rotation feature not supported by the kernel tracer
    RotationNotAvailableKernel = 155,
    /// `LTTNG_ERR_CLEAR_RELAY_DISALLOWED`: Relayd daemon peer does not allow sessions to be cleared
    ClearRelayDisallowed = 156,
    /// `LTTNG_ERR_CLEAR_NOT_AVAILABLE_RELAY`: Clearing a session is not supported by the relay daemon
    ClearNotAvailableRelay = 157,
    /// `LTTNG_ERR_CLEAR_FAIL_CONSUMER`: Consumer failed to clear the session
    ClearFailConsumer = 158,
    /// `LTTNG_ERR_ROTATION_AFTER_STOP_CLEAR`: Session was already cleared since it became inactive
    RotationAfterStopClear = 159,
    /// `LTTNG_ERR_USER_NOT_FOUND`: User not found
    UserNotFound = 160,
    /// `LTTNG_ERR_GROUP_NOT_FOUND`: Group not found
    GroupNotFound = 161,
    /// `LTTNG_ERR_UNSUPPORTED_DOMAIN`: Unsupported domain used
    UnsupportedDomain = 162,
    /// `LTTNG_ERR_PROCESS_ATTR_TRACKER_INVALID_TRACKING_POLICY`: Operation does not apply to the process attribute tracker's tracking policy
    ProcessAttrTrackerInvalidTrackingPolicy = 163,
    /// `LTTNG_ERR_EVENT_NOTIFIER_GROUP_NOTIFICATION_FD`: Failed to create an event notifier group notification file descriptor
    EventNotifierGroupNotificationFd = 164,
    /// `LTTNG_ERR_INVALID_CAPTURE_EXPRESSION`: Invalid capture expression
    InvalidCaptureExpression = 165,
    /// `LTTNG_ERR_EVENT_NOTIFIER_REGISTRATION`: Failed to create event notifier
    EventNotifierRegistration = 166,
    /// `LTTNG_ERR_EVENT_NOTIFIER_ERROR_ACCOUNTING`: Failed to initialize event notifier error accounting
    EventNotifierErrorAccounting = 167,
    /// `LTTNG_ERR_EVENT_NOTIFIER_ERROR_ACCOUNTING_FULL`: No index available in event notifier error accounting
    EventNotifierErrorAccountingFull = 168,
    /// `LTTNG_ERR_INVALID_ERROR_QUERY_TARGET` (no text upstream: `lttng_strerror` returns NULL)
    InvalidErrorQueryTarget = 169,
    /// `LTTNG_ERR_BUFFER_FLUSH_FAILED`: Failed to flush stream buffer
    BufferFlushFailed = 170,
}

impl ErrorCode {
    /// Every defined code, in ascending order.
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::Ok,
        ErrorCode::Unk,
        ErrorCode::Und,
        ErrorCode::SessionStarted,
        ErrorCode::UnknownDomain,
        ErrorCode::NotSupported,
        ErrorCode::NoSession,
        ErrorCode::CreateDirFail,
        ErrorCode::SessionFail,
        ErrorCode::NoSessiond,
        ErrorCode::SetUrl,
        ErrorCode::UrlExist,
        ErrorCode::BufferNotSupported,
        ErrorCode::SessNotFound,
        ErrorCode::BufferTypeMismatch,
        ErrorCode::Fatal,
        ErrorCode::Nomem,
        ErrorCode::SelectSess,
        ErrorCode::ExistSess,
        ErrorCode::NoEvent,
        ErrorCode::ConnectFail,
        ErrorCode::SnapshotOutputExist,
        ErrorCode::Eperm,
        ErrorCode::KernNa,
        ErrorCode::KernVersion,
        ErrorCode::KernEventExist,
        ErrorCode::KernSessFail,
        ErrorCode::KernChanExist,
        ErrorCode::KernChanFail,
        ErrorCode::KernChanNotFound,
        ErrorCode::KernChanDisableFail,
        ErrorCode::KernChanEnableFail,
        ErrorCode::KernContextFail,
        ErrorCode::KernEnableFail,
        ErrorCode::KernDisableFail,
        ErrorCode::KernMetaFail,
        ErrorCode::KernStartFail,
        ErrorCode::KernStopFail,
        ErrorCode::KernConsumerFail,
        ErrorCode::KernStreamFail,
        ErrorCode::StartSessionOnce,
        ErrorCode::SnapshotFail,
        ErrorCode::NoStream,
        ErrorCode::KernListFail,
        ErrorCode::UstCalibrateFail,
        ErrorCode::UstEventEnabled,
        ErrorCode::UstSessFail,
        ErrorCode::UstChanExist,
        ErrorCode::UstChanFail,
        ErrorCode::UstChanNotFound,
        ErrorCode::UstChanDisableFail,
        ErrorCode::UstChanEnableFail,
        ErrorCode::ChanExist,
        ErrorCode::UstEnableFail,
        ErrorCode::UstDisableFail,
        ErrorCode::UstMetaFail,
        ErrorCode::UstStartFail,
        ErrorCode::UstStopFail,
        ErrorCode::UstConsumer64Fail,
        ErrorCode::UstConsumer32Fail,
        ErrorCode::UstStreamFail,
        ErrorCode::SnapshotNodata,
        ErrorCode::NoChannel,
        ErrorCode::SessionInvalidChar,
        ErrorCode::UstListFail,
        ErrorCode::UstEventExist,
        ErrorCode::UstEventNotFound,
        ErrorCode::UstContextExist,
        ErrorCode::UstContextInval,
        ErrorCode::NeedRootSessiond,
        ErrorCode::TraceAlreadyStarted,
        ErrorCode::TraceAlreadyStopped,
        ErrorCode::KernEventEnosys,
        ErrorCode::NeedChannelName,
        ErrorCode::NoUst,
        ErrorCode::SaveFileExist,
        ErrorCode::SaveIoFail,
        ErrorCode::LoadInvalidConfig,
        ErrorCode::LoadIoFail,
        ErrorCode::LoadSessionNoent,
        ErrorCode::MaxSizeInvalid,
        ErrorCode::MiOutputType,
        ErrorCode::MiIoFail,
        ErrorCode::MiNotImplemented,
        ErrorCode::Invalid,
        ErrorCode::NoUstconsumerd,
        ErrorCode::NoKernconsumerd,
        ErrorCode::EventExistLoglevel,
        ErrorCode::UrlDataMiss,
        ErrorCode::UrlCtrlMiss,
        ErrorCode::EnableConsumerFail,
        ErrorCode::RelaydConnectFail,
        ErrorCode::RelaydVersionFail,
        ErrorCode::FilterInval,
        ErrorCode::FilterNomem,
        ErrorCode::FilterExist,
        ErrorCode::NoConsumer,
        ErrorCode::ExclusionInval,
        ErrorCode::ExclusionNomem,
        ErrorCode::InvalidEventName,
        ErrorCode::InvalidChannelName,
        ErrorCode::ProcessAttrExists,
        ErrorCode::ProcessAttrMissing,
        ErrorCode::InvalidChannelDomain,
        ErrorCode::Overflow,
        ErrorCode::SessionNotStarted,
        ErrorCode::LiveSession,
        ErrorCode::PerPidSession,
        ErrorCode::KernContextUnavailable,
        ErrorCode::RegenStatedumpFail,
        ErrorCode::RegenStatedumpNomem,
        ErrorCode::NotSnapshotSession,
        ErrorCode::InvalidTrigger,
        ErrorCode::TriggerExists,
        ErrorCode::TriggerNotFound,
        ErrorCode::CommandCancelled,
        ErrorCode::RotationPending,
        ErrorCode::RotationNotAvailable,
        ErrorCode::RotationScheduleSet,
        ErrorCode::RotationScheduleNotSet,
        ErrorCode::RotationMultipleAfterStop,
        ErrorCode::RotationWrongVersion,
        ErrorCode::NoSessionOutput,
        ErrorCode::RotationNotAvailableRelay,
        ErrorCode::AgentTracingDisabled,
        ErrorCode::ProbeLocationInval,
        ErrorCode::ElfParsing,
        ErrorCode::SdtProbeSemaphore,
        ErrorCode::RotationFailConsumer,
        ErrorCode::RotateRenameFailConsumer,
        ErrorCode::RotationPendingLocalFailConsumer,
        ErrorCode::RotationPendingRelayFailConsumer,
        ErrorCode::MkdirFailConsumer,
        ErrorCode::ChanNotFound,
        ErrorCode::SnapshotUnsupported,
        ErrorCode::SessionNotExist,
        ErrorCode::CreateTraceChunkFailConsumer,
        ErrorCode::CloseTraceChunkFailConsumer,
        ErrorCode::TraceChunkExistsFailConsumer,
        ErrorCode::InvalidProtocol,
        ErrorCode::FileCreationError,
        ErrorCode::TimerStopError,
        ErrorCode::RotationNotAvailableKernel,
        ErrorCode::ClearRelayDisallowed,
        ErrorCode::ClearNotAvailableRelay,
        ErrorCode::ClearFailConsumer,
        ErrorCode::RotationAfterStopClear,
        ErrorCode::UserNotFound,
        ErrorCode::GroupNotFound,
        ErrorCode::UnsupportedDomain,
        ErrorCode::ProcessAttrTrackerInvalidTrackingPolicy,
        ErrorCode::EventNotifierGroupNotificationFd,
        ErrorCode::InvalidCaptureExpression,
        ErrorCode::EventNotifierRegistration,
        ErrorCode::EventNotifierErrorAccounting,
        ErrorCode::EventNotifierErrorAccountingFull,
        ErrorCode::InvalidErrorQueryTarget,
        ErrorCode::BufferFlushFailed,
    ];

    /// The code with this (positive) value, if upstream defines one.
    pub fn from_i32(value: i32) -> Option<ErrorCode> {
        match value {
            10 => Some(ErrorCode::Ok),
            11 => Some(ErrorCode::Unk),
            12 => Some(ErrorCode::Und),
            13 => Some(ErrorCode::SessionStarted),
            14 => Some(ErrorCode::UnknownDomain),
            15 => Some(ErrorCode::NotSupported),
            16 => Some(ErrorCode::NoSession),
            17 => Some(ErrorCode::CreateDirFail),
            18 => Some(ErrorCode::SessionFail),
            19 => Some(ErrorCode::NoSessiond),
            20 => Some(ErrorCode::SetUrl),
            21 => Some(ErrorCode::UrlExist),
            22 => Some(ErrorCode::BufferNotSupported),
            23 => Some(ErrorCode::SessNotFound),
            24 => Some(ErrorCode::BufferTypeMismatch),
            25 => Some(ErrorCode::Fatal),
            26 => Some(ErrorCode::Nomem),
            27 => Some(ErrorCode::SelectSess),
            28 => Some(ErrorCode::ExistSess),
            29 => Some(ErrorCode::NoEvent),
            30 => Some(ErrorCode::ConnectFail),
            31 => Some(ErrorCode::SnapshotOutputExist),
            32 => Some(ErrorCode::Eperm),
            33 => Some(ErrorCode::KernNa),
            34 => Some(ErrorCode::KernVersion),
            35 => Some(ErrorCode::KernEventExist),
            36 => Some(ErrorCode::KernSessFail),
            37 => Some(ErrorCode::KernChanExist),
            38 => Some(ErrorCode::KernChanFail),
            39 => Some(ErrorCode::KernChanNotFound),
            40 => Some(ErrorCode::KernChanDisableFail),
            41 => Some(ErrorCode::KernChanEnableFail),
            42 => Some(ErrorCode::KernContextFail),
            43 => Some(ErrorCode::KernEnableFail),
            44 => Some(ErrorCode::KernDisableFail),
            45 => Some(ErrorCode::KernMetaFail),
            46 => Some(ErrorCode::KernStartFail),
            47 => Some(ErrorCode::KernStopFail),
            48 => Some(ErrorCode::KernConsumerFail),
            49 => Some(ErrorCode::KernStreamFail),
            50 => Some(ErrorCode::StartSessionOnce),
            51 => Some(ErrorCode::SnapshotFail),
            52 => Some(ErrorCode::NoStream),
            53 => Some(ErrorCode::KernListFail),
            54 => Some(ErrorCode::UstCalibrateFail),
            55 => Some(ErrorCode::UstEventEnabled),
            56 => Some(ErrorCode::UstSessFail),
            57 => Some(ErrorCode::UstChanExist),
            58 => Some(ErrorCode::UstChanFail),
            59 => Some(ErrorCode::UstChanNotFound),
            60 => Some(ErrorCode::UstChanDisableFail),
            61 => Some(ErrorCode::UstChanEnableFail),
            62 => Some(ErrorCode::ChanExist),
            63 => Some(ErrorCode::UstEnableFail),
            64 => Some(ErrorCode::UstDisableFail),
            65 => Some(ErrorCode::UstMetaFail),
            66 => Some(ErrorCode::UstStartFail),
            67 => Some(ErrorCode::UstStopFail),
            68 => Some(ErrorCode::UstConsumer64Fail),
            69 => Some(ErrorCode::UstConsumer32Fail),
            70 => Some(ErrorCode::UstStreamFail),
            71 => Some(ErrorCode::SnapshotNodata),
            72 => Some(ErrorCode::NoChannel),
            73 => Some(ErrorCode::SessionInvalidChar),
            74 => Some(ErrorCode::UstListFail),
            75 => Some(ErrorCode::UstEventExist),
            76 => Some(ErrorCode::UstEventNotFound),
            77 => Some(ErrorCode::UstContextExist),
            78 => Some(ErrorCode::UstContextInval),
            79 => Some(ErrorCode::NeedRootSessiond),
            80 => Some(ErrorCode::TraceAlreadyStarted),
            81 => Some(ErrorCode::TraceAlreadyStopped),
            82 => Some(ErrorCode::KernEventEnosys),
            83 => Some(ErrorCode::NeedChannelName),
            84 => Some(ErrorCode::NoUst),
            85 => Some(ErrorCode::SaveFileExist),
            86 => Some(ErrorCode::SaveIoFail),
            87 => Some(ErrorCode::LoadInvalidConfig),
            88 => Some(ErrorCode::LoadIoFail),
            89 => Some(ErrorCode::LoadSessionNoent),
            90 => Some(ErrorCode::MaxSizeInvalid),
            91 => Some(ErrorCode::MiOutputType),
            92 => Some(ErrorCode::MiIoFail),
            93 => Some(ErrorCode::MiNotImplemented),
            97 => Some(ErrorCode::Invalid),
            98 => Some(ErrorCode::NoUstconsumerd),
            99 => Some(ErrorCode::NoKernconsumerd),
            100 => Some(ErrorCode::EventExistLoglevel),
            101 => Some(ErrorCode::UrlDataMiss),
            102 => Some(ErrorCode::UrlCtrlMiss),
            103 => Some(ErrorCode::EnableConsumerFail),
            104 => Some(ErrorCode::RelaydConnectFail),
            105 => Some(ErrorCode::RelaydVersionFail),
            106 => Some(ErrorCode::FilterInval),
            107 => Some(ErrorCode::FilterNomem),
            108 => Some(ErrorCode::FilterExist),
            109 => Some(ErrorCode::NoConsumer),
            110 => Some(ErrorCode::ExclusionInval),
            111 => Some(ErrorCode::ExclusionNomem),
            112 => Some(ErrorCode::InvalidEventName),
            113 => Some(ErrorCode::InvalidChannelName),
            114 => Some(ErrorCode::ProcessAttrExists),
            115 => Some(ErrorCode::ProcessAttrMissing),
            116 => Some(ErrorCode::InvalidChannelDomain),
            117 => Some(ErrorCode::Overflow),
            118 => Some(ErrorCode::SessionNotStarted),
            119 => Some(ErrorCode::LiveSession),
            120 => Some(ErrorCode::PerPidSession),
            121 => Some(ErrorCode::KernContextUnavailable),
            122 => Some(ErrorCode::RegenStatedumpFail),
            123 => Some(ErrorCode::RegenStatedumpNomem),
            124 => Some(ErrorCode::NotSnapshotSession),
            125 => Some(ErrorCode::InvalidTrigger),
            126 => Some(ErrorCode::TriggerExists),
            127 => Some(ErrorCode::TriggerNotFound),
            128 => Some(ErrorCode::CommandCancelled),
            129 => Some(ErrorCode::RotationPending),
            130 => Some(ErrorCode::RotationNotAvailable),
            131 => Some(ErrorCode::RotationScheduleSet),
            132 => Some(ErrorCode::RotationScheduleNotSet),
            133 => Some(ErrorCode::RotationMultipleAfterStop),
            134 => Some(ErrorCode::RotationWrongVersion),
            135 => Some(ErrorCode::NoSessionOutput),
            136 => Some(ErrorCode::RotationNotAvailableRelay),
            137 => Some(ErrorCode::AgentTracingDisabled),
            138 => Some(ErrorCode::ProbeLocationInval),
            139 => Some(ErrorCode::ElfParsing),
            140 => Some(ErrorCode::SdtProbeSemaphore),
            141 => Some(ErrorCode::RotationFailConsumer),
            142 => Some(ErrorCode::RotateRenameFailConsumer),
            143 => Some(ErrorCode::RotationPendingLocalFailConsumer),
            144 => Some(ErrorCode::RotationPendingRelayFailConsumer),
            145 => Some(ErrorCode::MkdirFailConsumer),
            146 => Some(ErrorCode::ChanNotFound),
            147 => Some(ErrorCode::SnapshotUnsupported),
            148 => Some(ErrorCode::SessionNotExist),
            149 => Some(ErrorCode::CreateTraceChunkFailConsumer),
            150 => Some(ErrorCode::CloseTraceChunkFailConsumer),
            151 => Some(ErrorCode::TraceChunkExistsFailConsumer),
            152 => Some(ErrorCode::InvalidProtocol),
            153 => Some(ErrorCode::FileCreationError),
            154 => Some(ErrorCode::TimerStopError),
            155 => Some(ErrorCode::RotationNotAvailableKernel),
            156 => Some(ErrorCode::ClearRelayDisallowed),
            157 => Some(ErrorCode::ClearNotAvailableRelay),
            158 => Some(ErrorCode::ClearFailConsumer),
            159 => Some(ErrorCode::RotationAfterStopClear),
            160 => Some(ErrorCode::UserNotFound),
            161 => Some(ErrorCode::GroupNotFound),
            162 => Some(ErrorCode::UnsupportedDomain),
            163 => Some(ErrorCode::ProcessAttrTrackerInvalidTrackingPolicy),
            164 => Some(ErrorCode::EventNotifierGroupNotificationFd),
            165 => Some(ErrorCode::InvalidCaptureExpression),
            166 => Some(ErrorCode::EventNotifierRegistration),
            167 => Some(ErrorCode::EventNotifierErrorAccounting),
            168 => Some(ErrorCode::EventNotifierErrorAccountingFull),
            169 => Some(ErrorCode::InvalidErrorQueryTarget),
            170 => Some(ErrorCode::BufferFlushFailed),
            _ => None,
        }
    }

    /// The upstream text for this code, as `lttng_strerror` returns it (`None` where upstream
    /// has no entry and returns NULL).
    pub fn text(self) -> Option<&'static str> {
        Some(match self {
            ErrorCode::Ok => "Success",
            ErrorCode::Unk => "Unknown error",
            ErrorCode::Und => "Undefined command",
            ErrorCode::SessionStarted => "Session is running",
            ErrorCode::UnknownDomain => "Unknown tracing domain",
            ErrorCode::NotSupported => "Operation not supported",
            ErrorCode::NoSession => "No session found",
            ErrorCode::CreateDirFail => "Create directory failed",
            ErrorCode::SessionFail => "Create session failed",
            ErrorCode::NoSessiond => "No session daemon is available",
            ErrorCode::SetUrl => "Error setting URL",
            ErrorCode::UrlExist => "URL already exists",
            ErrorCode::BufferNotSupported => "Buffer type not supported",
            ErrorCode::SessNotFound => "Session name not found",
            ErrorCode::BufferTypeMismatch => "Buffer type mismatch for session",
            ErrorCode::Fatal => "Fatal error of the session daemon",
            ErrorCode::Nomem => "Not enough memory",
            ErrorCode::SelectSess => "A session MUST be selected",
            ErrorCode::ExistSess => "Session name already exists",
            ErrorCode::NoEvent => "Event not found",
            ErrorCode::ConnectFail => "Unable to connect to Unix socket",
            ErrorCode::SnapshotOutputExist => "Snapshot output already exists",
            ErrorCode::Eperm => "Permission denied",
            ErrorCode::KernNa => "Kernel tracer not available",
            ErrorCode::KernVersion => "Kernel tracer version is not compatible",
            ErrorCode::KernEventExist => "Kernel event already exists",
            ErrorCode::KernSessFail => "Kernel create session failed",
            ErrorCode::KernChanExist => "Kernel channel already exists",
            ErrorCode::KernChanFail => "Kernel create channel failed",
            ErrorCode::KernChanNotFound => "Kernel channel not found",
            ErrorCode::KernChanDisableFail => "Disable kernel channel failed",
            ErrorCode::KernChanEnableFail => "Enable kernel channel failed",
            ErrorCode::KernContextFail => "Add kernel context failed",
            ErrorCode::KernEnableFail => "Enable kernel event failed",
            ErrorCode::KernDisableFail => "Disable kernel event failed",
            ErrorCode::KernMetaFail => "Opening metadata failed",
            ErrorCode::KernStartFail => "Starting kernel trace failed",
            ErrorCode::KernStopFail => "Stopping kernel trace failed",
            ErrorCode::KernConsumerFail => "Kernel consumer start failed",
            ErrorCode::KernStreamFail => "Kernel create stream failed",
            ErrorCode::StartSessionOnce => "Session needs to be started once",
            ErrorCode::SnapshotFail => "Snapshot record failed",
            ErrorCode::NoStream => return None,
            ErrorCode::KernListFail => "Listing kernel events failed",
            ErrorCode::UstCalibrateFail => "UST calibration failed",
            ErrorCode::UstEventEnabled => "UST event already enabled",
            ErrorCode::UstSessFail => "UST create session failed",
            ErrorCode::UstChanExist => "UST channel already exist",
            ErrorCode::UstChanFail => "UST create channel failed",
            ErrorCode::UstChanNotFound => "UST channel not found",
            ErrorCode::UstChanDisableFail => "Disable UST channel failed",
            ErrorCode::UstChanEnableFail => "Enable UST channel failed",
            ErrorCode::ChanExist => "Channel already exists",
            ErrorCode::UstEnableFail => "Enable UST event failed",
            ErrorCode::UstDisableFail => "Disable UST event failed",
            ErrorCode::UstMetaFail => "Opening metadata failed",
            ErrorCode::UstStartFail => "Starting UST trace failed",
            ErrorCode::UstStopFail => "Stopping UST trace failed",
            ErrorCode::UstConsumer64Fail => "64-bit UST consumer start failed",
            ErrorCode::UstConsumer32Fail => "32-bit UST consumer start failed",
            ErrorCode::UstStreamFail => "UST create stream failed",
            ErrorCode::SnapshotNodata => "No data available in snapshot",
            ErrorCode::NoChannel => "No channel found in the session",
            ErrorCode::SessionInvalidChar => "Invalid character found in session name",
            ErrorCode::UstListFail => "Listing UST events failed",
            ErrorCode::UstEventExist => "UST event already exist",
            ErrorCode::UstEventNotFound => "UST event not found",
            ErrorCode::UstContextExist => "UST context already exist",
            ErrorCode::UstContextInval => "UST invalid context",
            ErrorCode::NeedRootSessiond => {
                "Tracing the kernel requires a root lttng-sessiond daemon, as well as \"tracing\" group membership or root user ID for the lttng client"
            }
            ErrorCode::TraceAlreadyStarted => "Tracing has already been started once",
            ErrorCode::TraceAlreadyStopped => "Tracing has already been stopped",
            ErrorCode::KernEventEnosys => "Kernel event type not supported",
            ErrorCode::NeedChannelName => {
                "Non-default channel exists within session: channel name needs to be specified with '-c name'"
            }
            ErrorCode::NoUst => {
                "LTTng-UST tracer is not supported. Please rebuild lttng-tools with lttng-ust support enabled"
            }
            ErrorCode::SaveFileExist => "Session file already exists",
            ErrorCode::SaveIoFail => "IO error while writing session configuration",
            ErrorCode::LoadInvalidConfig => "Invalid session configuration",
            ErrorCode::LoadIoFail => "IO error while reading a session configuration",
            ErrorCode::LoadSessionNoent => "Session file not found",
            ErrorCode::MaxSizeInvalid => "Snapshot max size is invalid",
            ErrorCode::MiOutputType => "Invalid MI output format",
            ErrorCode::MiIoFail => "IO error while writing MI output",
            ErrorCode::MiNotImplemented => "Mi feature not implemented",
            ErrorCode::Invalid => "Invalid parameter",
            ErrorCode::NoUstconsumerd => "No UST consumer detected",
            ErrorCode::NoKernconsumerd => "No kernel consumer detected",
            ErrorCode::EventExistLoglevel => "Event already enabled with different loglevel",
            ErrorCode::UrlDataMiss => "Missing data path URL",
            ErrorCode::UrlCtrlMiss => "Missing control path URL",
            ErrorCode::EnableConsumerFail => "Enabling consumer failed",
            ErrorCode::RelaydConnectFail => "Unable to connect to lttng-relayd",
            ErrorCode::RelaydVersionFail => "Relay daemon not compatible",
            ErrorCode::FilterInval => "Invalid filter bytecode",
            ErrorCode::FilterNomem => "Not enough memory for filter bytecode",
            ErrorCode::FilterExist => "Filter already exist",
            ErrorCode::NoConsumer => "Consumer not found for recording session",
            ErrorCode::ExclusionInval => return None,
            ErrorCode::ExclusionNomem => return None,
            ErrorCode::InvalidEventName => "Invalid event name",
            ErrorCode::InvalidChannelName => "Invalid channel name",
            ErrorCode::ProcessAttrExists => "Process attribute is already tracked",
            ErrorCode::ProcessAttrMissing => "Process attribute was not tracked",
            ErrorCode::InvalidChannelDomain => "Invalid channel domain",
            ErrorCode::Overflow => "Overflow occurred",
            ErrorCode::SessionNotStarted => "Session not started",
            ErrorCode::LiveSession => "Live sessions are not supported",
            ErrorCode::PerPidSession => "Per-PID recording sessions are not supported",
            ErrorCode::KernContextUnavailable => "Context unavailable on this kernel",
            ErrorCode::RegenStatedumpFail => "Failed to regenerate the state dump",
            ErrorCode::RegenStatedumpNomem => {
                "Failed to regenerate the state dump, not enough memory"
            }
            ErrorCode::NotSnapshotSession => {
                "Snapshot command can't be applied to a non-snapshot session"
            }
            ErrorCode::InvalidTrigger => "Invalid trigger",
            ErrorCode::TriggerExists => "Trigger already registered",
            ErrorCode::TriggerNotFound => "Trigger not found",
            ErrorCode::CommandCancelled => "Command cancelled",
            ErrorCode::RotationPending => "Rotation already pending for this session",
            ErrorCode::RotationNotAvailable => {
                "Rotation feature not available for this session's creation mode"
            }
            ErrorCode::RotationScheduleSet => {
                "A session rotation schedule of this type is already set on the session"
            }
            ErrorCode::RotationScheduleNotSet => {
                "No session rotation schedule of this type is set on the session"
            }
            ErrorCode::RotationMultipleAfterStop => {
                "Session was already rotated once since it became inactive"
            }
            ErrorCode::RotationWrongVersion => {
                "Session rotation is not supported by this kernel tracer version"
            }
            ErrorCode::NoSessionOutput => "Session has no output",
            ErrorCode::RotationNotAvailableRelay => "Rotation feature not available on the relay",
            ErrorCode::AgentTracingDisabled => "Session daemon agent tracing is disabled",
            ErrorCode::ProbeLocationInval => "Invalid userspace probe location",
            ErrorCode::ElfParsing => "ELF parsing error",
            ErrorCode::SdtProbeSemaphore => "SDT probe guarded by a semaphore",
            ErrorCode::RotationFailConsumer => "Rotation failure on consumer",
            ErrorCode::RotateRenameFailConsumer => "Rotation rename failure on consumer",
            ErrorCode::RotationPendingLocalFailConsumer => {
                "Rotation pending check (local) failure on consumer"
            }
            ErrorCode::RotationPendingRelayFailConsumer => {
                "Rotation pending check (relay) failure on consumer"
            }
            ErrorCode::MkdirFailConsumer => "Directory creation failure on consumer",
            ErrorCode::ChanNotFound => "Channel not found",
            ErrorCode::SnapshotUnsupported => {
                "Session configuration does not allow the use of snapshots"
            }
            ErrorCode::SessionNotExist => "Recording session does not exist",
            ErrorCode::CreateTraceChunkFailConsumer => "Trace chunk creation failed on consumer",
            ErrorCode::CloseTraceChunkFailConsumer => "Trace chunk close failed on consumer",
            ErrorCode::TraceChunkExistsFailConsumer => {
                "Failed to query consumer for trace chunk existence"
            }
            ErrorCode::InvalidProtocol => "Protocol error occurred",
            ErrorCode::FileCreationError => "Failed to create file",
            ErrorCode::TimerStopError => "Failed to stop a timer",
            ErrorCode::RotationNotAvailableKernel => {
                "Rotation feature not supported by the kernel tracer"
            }
            ErrorCode::ClearRelayDisallowed => {
                "Relayd daemon peer does not allow sessions to be cleared"
            }
            ErrorCode::ClearNotAvailableRelay => {
                "Clearing a session is not supported by the relay daemon"
            }
            ErrorCode::ClearFailConsumer => "Consumer failed to clear the session",
            ErrorCode::RotationAfterStopClear => {
                "Session was already cleared since it became inactive"
            }
            ErrorCode::UserNotFound => "User not found",
            ErrorCode::GroupNotFound => "Group not found",
            ErrorCode::UnsupportedDomain => "Unsupported domain used",
            ErrorCode::ProcessAttrTrackerInvalidTrackingPolicy => {
                "Operation does not apply to the process attribute tracker's tracking policy"
            }
            ErrorCode::EventNotifierGroupNotificationFd => {
                "Failed to create an event notifier group notification file descriptor"
            }
            ErrorCode::InvalidCaptureExpression => "Invalid capture expression",
            ErrorCode::EventNotifierRegistration => "Failed to create event notifier",
            ErrorCode::EventNotifierErrorAccounting => {
                "Failed to initialize event notifier error accounting"
            }
            ErrorCode::EventNotifierErrorAccountingFull => {
                "No index available in event notifier error accounting"
            }
            ErrorCode::InvalidErrorQueryTarget => return None,
            ErrorCode::BufferFlushFailed => "Failed to flush stream buffer",
        })
    }

    /// The upstream C name, for diagnostics (`LTTNG_ERR_INVALID`, ...).
    pub fn c_name(self) -> &'static str {
        match self {
            ErrorCode::Ok => "LTTNG_OK",
            ErrorCode::Unk => "LTTNG_ERR_UNK",
            ErrorCode::Und => "LTTNG_ERR_UND",
            ErrorCode::SessionStarted => "LTTNG_ERR_SESSION_STARTED",
            ErrorCode::UnknownDomain => "LTTNG_ERR_UNKNOWN_DOMAIN",
            ErrorCode::NotSupported => "LTTNG_ERR_NOT_SUPPORTED",
            ErrorCode::NoSession => "LTTNG_ERR_NO_SESSION",
            ErrorCode::CreateDirFail => "LTTNG_ERR_CREATE_DIR_FAIL",
            ErrorCode::SessionFail => "LTTNG_ERR_SESSION_FAIL",
            ErrorCode::NoSessiond => "LTTNG_ERR_NO_SESSIOND",
            ErrorCode::SetUrl => "LTTNG_ERR_SET_URL",
            ErrorCode::UrlExist => "LTTNG_ERR_URL_EXIST",
            ErrorCode::BufferNotSupported => "LTTNG_ERR_BUFFER_NOT_SUPPORTED",
            ErrorCode::SessNotFound => "LTTNG_ERR_SESS_NOT_FOUND",
            ErrorCode::BufferTypeMismatch => "LTTNG_ERR_BUFFER_TYPE_MISMATCH",
            ErrorCode::Fatal => "LTTNG_ERR_FATAL",
            ErrorCode::Nomem => "LTTNG_ERR_NOMEM",
            ErrorCode::SelectSess => "LTTNG_ERR_SELECT_SESS",
            ErrorCode::ExistSess => "LTTNG_ERR_EXIST_SESS",
            ErrorCode::NoEvent => "LTTNG_ERR_NO_EVENT",
            ErrorCode::ConnectFail => "LTTNG_ERR_CONNECT_FAIL",
            ErrorCode::SnapshotOutputExist => "LTTNG_ERR_SNAPSHOT_OUTPUT_EXIST",
            ErrorCode::Eperm => "LTTNG_ERR_EPERM",
            ErrorCode::KernNa => "LTTNG_ERR_KERN_NA",
            ErrorCode::KernVersion => "LTTNG_ERR_KERN_VERSION",
            ErrorCode::KernEventExist => "LTTNG_ERR_KERN_EVENT_EXIST",
            ErrorCode::KernSessFail => "LTTNG_ERR_KERN_SESS_FAIL",
            ErrorCode::KernChanExist => "LTTNG_ERR_KERN_CHAN_EXIST",
            ErrorCode::KernChanFail => "LTTNG_ERR_KERN_CHAN_FAIL",
            ErrorCode::KernChanNotFound => "LTTNG_ERR_KERN_CHAN_NOT_FOUND",
            ErrorCode::KernChanDisableFail => "LTTNG_ERR_KERN_CHAN_DISABLE_FAIL",
            ErrorCode::KernChanEnableFail => "LTTNG_ERR_KERN_CHAN_ENABLE_FAIL",
            ErrorCode::KernContextFail => "LTTNG_ERR_KERN_CONTEXT_FAIL",
            ErrorCode::KernEnableFail => "LTTNG_ERR_KERN_ENABLE_FAIL",
            ErrorCode::KernDisableFail => "LTTNG_ERR_KERN_DISABLE_FAIL",
            ErrorCode::KernMetaFail => "LTTNG_ERR_KERN_META_FAIL",
            ErrorCode::KernStartFail => "LTTNG_ERR_KERN_START_FAIL",
            ErrorCode::KernStopFail => "LTTNG_ERR_KERN_STOP_FAIL",
            ErrorCode::KernConsumerFail => "LTTNG_ERR_KERN_CONSUMER_FAIL",
            ErrorCode::KernStreamFail => "LTTNG_ERR_KERN_STREAM_FAIL",
            ErrorCode::StartSessionOnce => "LTTNG_ERR_START_SESSION_ONCE",
            ErrorCode::SnapshotFail => "LTTNG_ERR_SNAPSHOT_FAIL",
            ErrorCode::NoStream => "LTTNG_ERR_NO_STREAM",
            ErrorCode::KernListFail => "LTTNG_ERR_KERN_LIST_FAIL",
            ErrorCode::UstCalibrateFail => "LTTNG_ERR_UST_CALIBRATE_FAIL",
            ErrorCode::UstEventEnabled => "LTTNG_ERR_UST_EVENT_ENABLED",
            ErrorCode::UstSessFail => "LTTNG_ERR_UST_SESS_FAIL",
            ErrorCode::UstChanExist => "LTTNG_ERR_UST_CHAN_EXIST",
            ErrorCode::UstChanFail => "LTTNG_ERR_UST_CHAN_FAIL",
            ErrorCode::UstChanNotFound => "LTTNG_ERR_UST_CHAN_NOT_FOUND",
            ErrorCode::UstChanDisableFail => "LTTNG_ERR_UST_CHAN_DISABLE_FAIL",
            ErrorCode::UstChanEnableFail => "LTTNG_ERR_UST_CHAN_ENABLE_FAIL",
            ErrorCode::ChanExist => "LTTNG_ERR_CHAN_EXIST",
            ErrorCode::UstEnableFail => "LTTNG_ERR_UST_ENABLE_FAIL",
            ErrorCode::UstDisableFail => "LTTNG_ERR_UST_DISABLE_FAIL",
            ErrorCode::UstMetaFail => "LTTNG_ERR_UST_META_FAIL",
            ErrorCode::UstStartFail => "LTTNG_ERR_UST_START_FAIL",
            ErrorCode::UstStopFail => "LTTNG_ERR_UST_STOP_FAIL",
            ErrorCode::UstConsumer64Fail => "LTTNG_ERR_UST_CONSUMER64_FAIL",
            ErrorCode::UstConsumer32Fail => "LTTNG_ERR_UST_CONSUMER32_FAIL",
            ErrorCode::UstStreamFail => "LTTNG_ERR_UST_STREAM_FAIL",
            ErrorCode::SnapshotNodata => "LTTNG_ERR_SNAPSHOT_NODATA",
            ErrorCode::NoChannel => "LTTNG_ERR_NO_CHANNEL",
            ErrorCode::SessionInvalidChar => "LTTNG_ERR_SESSION_INVALID_CHAR",
            ErrorCode::UstListFail => "LTTNG_ERR_UST_LIST_FAIL",
            ErrorCode::UstEventExist => "LTTNG_ERR_UST_EVENT_EXIST",
            ErrorCode::UstEventNotFound => "LTTNG_ERR_UST_EVENT_NOT_FOUND",
            ErrorCode::UstContextExist => "LTTNG_ERR_UST_CONTEXT_EXIST",
            ErrorCode::UstContextInval => "LTTNG_ERR_UST_CONTEXT_INVAL",
            ErrorCode::NeedRootSessiond => "LTTNG_ERR_NEED_ROOT_SESSIOND",
            ErrorCode::TraceAlreadyStarted => "LTTNG_ERR_TRACE_ALREADY_STARTED",
            ErrorCode::TraceAlreadyStopped => "LTTNG_ERR_TRACE_ALREADY_STOPPED",
            ErrorCode::KernEventEnosys => "LTTNG_ERR_KERN_EVENT_ENOSYS",
            ErrorCode::NeedChannelName => "LTTNG_ERR_NEED_CHANNEL_NAME",
            ErrorCode::NoUst => "LTTNG_ERR_NO_UST",
            ErrorCode::SaveFileExist => "LTTNG_ERR_SAVE_FILE_EXIST",
            ErrorCode::SaveIoFail => "LTTNG_ERR_SAVE_IO_FAIL",
            ErrorCode::LoadInvalidConfig => "LTTNG_ERR_LOAD_INVALID_CONFIG",
            ErrorCode::LoadIoFail => "LTTNG_ERR_LOAD_IO_FAIL",
            ErrorCode::LoadSessionNoent => "LTTNG_ERR_LOAD_SESSION_NOENT",
            ErrorCode::MaxSizeInvalid => "LTTNG_ERR_MAX_SIZE_INVALID",
            ErrorCode::MiOutputType => "LTTNG_ERR_MI_OUTPUT_TYPE",
            ErrorCode::MiIoFail => "LTTNG_ERR_MI_IO_FAIL",
            ErrorCode::MiNotImplemented => "LTTNG_ERR_MI_NOT_IMPLEMENTED",
            ErrorCode::Invalid => "LTTNG_ERR_INVALID",
            ErrorCode::NoUstconsumerd => "LTTNG_ERR_NO_USTCONSUMERD",
            ErrorCode::NoKernconsumerd => "LTTNG_ERR_NO_KERNCONSUMERD",
            ErrorCode::EventExistLoglevel => "LTTNG_ERR_EVENT_EXIST_LOGLEVEL",
            ErrorCode::UrlDataMiss => "LTTNG_ERR_URL_DATA_MISS",
            ErrorCode::UrlCtrlMiss => "LTTNG_ERR_URL_CTRL_MISS",
            ErrorCode::EnableConsumerFail => "LTTNG_ERR_ENABLE_CONSUMER_FAIL",
            ErrorCode::RelaydConnectFail => "LTTNG_ERR_RELAYD_CONNECT_FAIL",
            ErrorCode::RelaydVersionFail => "LTTNG_ERR_RELAYD_VERSION_FAIL",
            ErrorCode::FilterInval => "LTTNG_ERR_FILTER_INVAL",
            ErrorCode::FilterNomem => "LTTNG_ERR_FILTER_NOMEM",
            ErrorCode::FilterExist => "LTTNG_ERR_FILTER_EXIST",
            ErrorCode::NoConsumer => "LTTNG_ERR_NO_CONSUMER",
            ErrorCode::ExclusionInval => "LTTNG_ERR_EXCLUSION_INVAL",
            ErrorCode::ExclusionNomem => "LTTNG_ERR_EXCLUSION_NOMEM",
            ErrorCode::InvalidEventName => "LTTNG_ERR_INVALID_EVENT_NAME",
            ErrorCode::InvalidChannelName => "LTTNG_ERR_INVALID_CHANNEL_NAME",
            ErrorCode::ProcessAttrExists => "LTTNG_ERR_PROCESS_ATTR_EXISTS",
            ErrorCode::ProcessAttrMissing => "LTTNG_ERR_PROCESS_ATTR_MISSING",
            ErrorCode::InvalidChannelDomain => "LTTNG_ERR_INVALID_CHANNEL_DOMAIN",
            ErrorCode::Overflow => "LTTNG_ERR_OVERFLOW",
            ErrorCode::SessionNotStarted => "LTTNG_ERR_SESSION_NOT_STARTED",
            ErrorCode::LiveSession => "LTTNG_ERR_LIVE_SESSION",
            ErrorCode::PerPidSession => "LTTNG_ERR_PER_PID_SESSION",
            ErrorCode::KernContextUnavailable => "LTTNG_ERR_KERN_CONTEXT_UNAVAILABLE",
            ErrorCode::RegenStatedumpFail => "LTTNG_ERR_REGEN_STATEDUMP_FAIL",
            ErrorCode::RegenStatedumpNomem => "LTTNG_ERR_REGEN_STATEDUMP_NOMEM",
            ErrorCode::NotSnapshotSession => "LTTNG_ERR_NOT_SNAPSHOT_SESSION",
            ErrorCode::InvalidTrigger => "LTTNG_ERR_INVALID_TRIGGER",
            ErrorCode::TriggerExists => "LTTNG_ERR_TRIGGER_EXISTS",
            ErrorCode::TriggerNotFound => "LTTNG_ERR_TRIGGER_NOT_FOUND",
            ErrorCode::CommandCancelled => "LTTNG_ERR_COMMAND_CANCELLED",
            ErrorCode::RotationPending => "LTTNG_ERR_ROTATION_PENDING",
            ErrorCode::RotationNotAvailable => "LTTNG_ERR_ROTATION_NOT_AVAILABLE",
            ErrorCode::RotationScheduleSet => "LTTNG_ERR_ROTATION_SCHEDULE_SET",
            ErrorCode::RotationScheduleNotSet => "LTTNG_ERR_ROTATION_SCHEDULE_NOT_SET",
            ErrorCode::RotationMultipleAfterStop => "LTTNG_ERR_ROTATION_MULTIPLE_AFTER_STOP",
            ErrorCode::RotationWrongVersion => "LTTNG_ERR_ROTATION_WRONG_VERSION",
            ErrorCode::NoSessionOutput => "LTTNG_ERR_NO_SESSION_OUTPUT",
            ErrorCode::RotationNotAvailableRelay => "LTTNG_ERR_ROTATION_NOT_AVAILABLE_RELAY",
            ErrorCode::AgentTracingDisabled => "LTTNG_ERR_AGENT_TRACING_DISABLED",
            ErrorCode::ProbeLocationInval => "LTTNG_ERR_PROBE_LOCATION_INVAL",
            ErrorCode::ElfParsing => "LTTNG_ERR_ELF_PARSING",
            ErrorCode::SdtProbeSemaphore => "LTTNG_ERR_SDT_PROBE_SEMAPHORE",
            ErrorCode::RotationFailConsumer => "LTTNG_ERR_ROTATION_FAIL_CONSUMER",
            ErrorCode::RotateRenameFailConsumer => "LTTNG_ERR_ROTATE_RENAME_FAIL_CONSUMER",
            ErrorCode::RotationPendingLocalFailConsumer => {
                "LTTNG_ERR_ROTATION_PENDING_LOCAL_FAIL_CONSUMER"
            }
            ErrorCode::RotationPendingRelayFailConsumer => {
                "LTTNG_ERR_ROTATION_PENDING_RELAY_FAIL_CONSUMER"
            }
            ErrorCode::MkdirFailConsumer => "LTTNG_ERR_MKDIR_FAIL_CONSUMER",
            ErrorCode::ChanNotFound => "LTTNG_ERR_CHAN_NOT_FOUND",
            ErrorCode::SnapshotUnsupported => "LTTNG_ERR_SNAPSHOT_UNSUPPORTED",
            ErrorCode::SessionNotExist => "LTTNG_ERR_SESSION_NOT_EXIST",
            ErrorCode::CreateTraceChunkFailConsumer => "LTTNG_ERR_CREATE_TRACE_CHUNK_FAIL_CONSUMER",
            ErrorCode::CloseTraceChunkFailConsumer => "LTTNG_ERR_CLOSE_TRACE_CHUNK_FAIL_CONSUMER",
            ErrorCode::TraceChunkExistsFailConsumer => "LTTNG_ERR_TRACE_CHUNK_EXISTS_FAIL_CONSUMER",
            ErrorCode::InvalidProtocol => "LTTNG_ERR_INVALID_PROTOCOL",
            ErrorCode::FileCreationError => "LTTNG_ERR_FILE_CREATION_ERROR",
            ErrorCode::TimerStopError => "LTTNG_ERR_TIMER_STOP_ERROR",
            ErrorCode::RotationNotAvailableKernel => "LTTNG_ERR_ROTATION_NOT_AVAILABLE_KERNEL",
            ErrorCode::ClearRelayDisallowed => "LTTNG_ERR_CLEAR_RELAY_DISALLOWED",
            ErrorCode::ClearNotAvailableRelay => "LTTNG_ERR_CLEAR_NOT_AVAILABLE_RELAY",
            ErrorCode::ClearFailConsumer => "LTTNG_ERR_CLEAR_FAIL_CONSUMER",
            ErrorCode::RotationAfterStopClear => "LTTNG_ERR_ROTATION_AFTER_STOP_CLEAR",
            ErrorCode::UserNotFound => "LTTNG_ERR_USER_NOT_FOUND",
            ErrorCode::GroupNotFound => "LTTNG_ERR_GROUP_NOT_FOUND",
            ErrorCode::UnsupportedDomain => "LTTNG_ERR_UNSUPPORTED_DOMAIN",
            ErrorCode::ProcessAttrTrackerInvalidTrackingPolicy => {
                "LTTNG_ERR_PROCESS_ATTR_TRACKER_INVALID_TRACKING_POLICY"
            }
            ErrorCode::EventNotifierGroupNotificationFd => {
                "LTTNG_ERR_EVENT_NOTIFIER_GROUP_NOTIFICATION_FD"
            }
            ErrorCode::InvalidCaptureExpression => "LTTNG_ERR_INVALID_CAPTURE_EXPRESSION",
            ErrorCode::EventNotifierRegistration => "LTTNG_ERR_EVENT_NOTIFIER_REGISTRATION",
            ErrorCode::EventNotifierErrorAccounting => "LTTNG_ERR_EVENT_NOTIFIER_ERROR_ACCOUNTING",
            ErrorCode::EventNotifierErrorAccountingFull => {
                "LTTNG_ERR_EVENT_NOTIFIER_ERROR_ACCOUNTING_FULL"
            }
            ErrorCode::InvalidErrorQueryTarget => "LTTNG_ERR_INVALID_ERROR_QUERY_TARGET",
            ErrorCode::BufferFlushFailed => "LTTNG_ERR_BUFFER_FLUSH_FAILED",
        }
    }

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
