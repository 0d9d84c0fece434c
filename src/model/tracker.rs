//! Process-attribute trackers (`lttng/tracker.h`): the values of an inclusion set.

/// One value of an inclusion set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A process id.
    Pid(i32),
    /// A user id.
    Uid(u32),
    /// A user name.
    UserName(String),
    /// A group id.
    Gid(u32),
    /// A group name.
    GroupName(String),
}

impl Value {
    /// `enum lttng_process_attr_value_type`.
    pub fn type_code(&self) -> i32 {
        match self {
            Value::Pid(_) => 0,
            Value::Uid(_) => 1,
            Value::UserName(_) => 2,
            Value::Gid(_) => 3,
            Value::GroupName(_) => 4,
        }
    }
}
