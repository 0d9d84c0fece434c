//! Exports of `lttng/event-expr.h` (capture descriptors) and `lttng/event-field-value.h`
//! (captured values, owned by their evaluation).

use std::ffi::CString;

use crate::ffi::object::{Shared, c_object};
use crate::model::notification::FieldValue;
use crate::model::trigger::EventExpr;

/// An event expression's data.
#[derive(Debug)]
pub enum ExprData {
    /// EVENT_PAYLOAD_FIELD.
    PayloadField(CString),
    /// CHANNEL_CONTEXT_FIELD.
    ChannelContextField(CString),
    /// APP_SPECIFIC_CONTEXT_FIELD.
    AppContextField {
        /// Provider.
        provider: CString,
        /// Type.
        type_name: CString,
    },
    /// ARRAY_FIELD_ELEMENT: the parent expression (owned) and the index.
    ArrayElement {
        /// The array expression.
        array: Shared<lttng_event_expr>,
        /// Index.
        index: u32,
    },
}

c_object!(
    /// `struct lttng_event_expr` (opaque).
    lttng_event_expr => ExprData
);

/// A captured value's data, with the nodes its getters lend.
#[derive(Debug)]
pub enum FieldValueData {
    /// UNSIGNED_INT.
    UnsignedInt(u64),
    /// SIGNED_INT.
    SignedInt(i64),
    /// UNSIGNED_ENUM with its labels.
    UnsignedEnum(u64, Vec<CString>),
    /// SIGNED_ENUM with its labels.
    SignedEnum(i64, Vec<CString>),
    /// REAL.
    Real(f64),
    /// STRING.
    String(CString),
    /// ARRAY: `None` for an unavailable element.
    Array(Vec<Option<Shared<lttng_event_field_value>>>),
}

c_object!(
    /// `struct lttng_event_field_value` (opaque).
    lttng_event_field_value => FieldValueData
);

/// The model value of an expression node.
pub fn expr_to_model(expr: &Shared<lttng_event_expr>) -> EventExpr {
    todo!("helper B: {expr:?}")
}

/// A new expression node from a model value.
pub fn expr_from_model(expr: &EventExpr) -> Shared<lttng_event_expr> {
    todo!("helper B: {expr:?}")
}

/// A new field-value node from a model value.
pub fn field_value_from_model(value: &FieldValue) -> Shared<lttng_event_field_value> {
    todo!("helper B: {value:?}")
}
