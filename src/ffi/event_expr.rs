//! Exports of `lttng/event-expr.h` (capture descriptors) and `lttng/event-field-value.h`
//! (captured values, owned by their evaluation).
//!
//! Both are nodes (`ffi::object`). An expression is immutable once created; an array
//! element expression owns its parent expression (upstream takes the caller's reference).
//! Field values are created only by the library, from a notification's capture payload
//! (`ffi::condition::evaluation_from_model`); the evaluation owns the root ARRAY value and
//! each array its elements, and the getters lend them.

use std::ffi::{CString, c_char, c_uint};
use std::ops::Deref;

use crate::ffi::boundary::{arg_str, ffi_boundary, out_arg};
use crate::ffi::object::{Shared, c_object, node, release_c, take_c};
use crate::model::notification::FieldValue;
use crate::model::trigger::EventExpr;

pub use crate::ffi::status::{
    lttng_event_expr_status, lttng_event_expr_type, lttng_event_field_value_status,
    lttng_event_field_value_type,
};

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

/// `s` as a C string, cut at its first NUL (what C would read of it).
pub fn c_string(s: &str) -> CString {
    let bytes = s.as_bytes();
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    CString::new(&bytes[..end]).unwrap_or_default()
}

/// A C string of this module as text (every one was UTF-8 when it came in).
pub fn text(s: &CString) -> String {
    s.to_string_lossy().into_owned()
}

/// The model value of an expression node.
pub fn expr_to_model(expr: &Shared<lttng_event_expr>) -> EventExpr {
    match expr.lock().deref() {
        ExprData::PayloadField(name) => EventExpr::PayloadField(text(name)),
        ExprData::ChannelContextField(name) => EventExpr::ChannelContextField(text(name)),
        ExprData::AppContextField {
            provider,
            type_name,
        } => EventExpr::AppContextField {
            provider: text(provider),
            type_name: text(type_name),
        },
        // Parent before child: the element's lock is held while its array is read.
        ExprData::ArrayElement { array, index } => EventExpr::ArrayElement {
            array: Box::new(expr_to_model(array)),
            index: *index,
        },
    }
}

/// A new expression node from a model value.
pub fn expr_from_model(expr: &EventExpr) -> Shared<lttng_event_expr> {
    Shared::new(match expr {
        EventExpr::PayloadField(name) => ExprData::PayloadField(c_string(name)),
        EventExpr::ChannelContextField(name) => ExprData::ChannelContextField(c_string(name)),
        EventExpr::AppContextField {
            provider,
            type_name,
        } => ExprData::AppContextField {
            provider: c_string(provider),
            type_name: c_string(type_name),
        },
        EventExpr::ArrayElement { array, index } => ExprData::ArrayElement {
            array: expr_from_model(array),
            index: *index,
        },
    })
}

/// A new field-value node from a model value.
pub fn field_value_from_model(value: &FieldValue) -> Shared<lttng_event_field_value> {
    let labels = |l: &[String]| l.iter().map(|s| c_string(s)).collect();
    Shared::new(match value {
        FieldValue::UnsignedInt(v) => FieldValueData::UnsignedInt(*v),
        FieldValue::SignedInt(v) => FieldValueData::SignedInt(*v),
        FieldValue::UnsignedEnum(v, l) => FieldValueData::UnsignedEnum(*v, labels(l)),
        FieldValue::SignedEnum(v, l) => FieldValueData::SignedEnum(*v, labels(l)),
        FieldValue::Real(v) => FieldValueData::Real(*v),
        FieldValue::String(s) => FieldValueData::String(c_string(s)),
        FieldValue::Array(items) => FieldValueData::Array(
            items
                .iter()
                .map(|i| i.as_ref().map(field_value_from_model))
                .collect(),
        ),
    })
}

/// The model value of a field-value node (labels included).
pub fn field_value_to_model(value: &Shared<lttng_event_field_value>) -> FieldValue {
    let labels = |l: &[CString]| l.iter().map(text).collect();
    match value.lock().deref() {
        FieldValueData::UnsignedInt(v) => FieldValue::UnsignedInt(*v),
        FieldValueData::SignedInt(v) => FieldValue::SignedInt(*v),
        FieldValueData::UnsignedEnum(v, l) => FieldValue::UnsignedEnum(*v, labels(l)),
        FieldValueData::SignedEnum(v, l) => FieldValue::SignedEnum(*v, labels(l)),
        FieldValueData::Real(v) => FieldValue::Real(*v),
        FieldValueData::String(s) => FieldValue::String(text(s)),
        FieldValueData::Array(items) => FieldValue::Array(
            items
                .iter()
                .map(|i| i.as_ref().map(field_value_to_model))
                .collect(),
        ),
    }
}

/// A new expression handed to C.
fn new_expr(data: ExprData) -> *mut lttng_event_expr {
    Shared::new(data).into_c()
}

/// The type of an expression (LTTNG_EVENT_EXPR_TYPE_INVALID for NULL or a pointer that is
/// not a live expression of this library).
///
/// # Safety
/// `expr` is NULL or an expression of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_expr_get_type(
    expr: *const lttng_event_expr,
) -> lttng_event_expr_type {
    ffi_boundary!({
        match node!(expr).lock().deref() {
            ExprData::PayloadField(_) => lttng_event_expr_type::EVENT_PAYLOAD_FIELD,
            ExprData::ChannelContextField(_) => lttng_event_expr_type::CHANNEL_CONTEXT_FIELD,
            ExprData::AppContextField { .. } => lttng_event_expr_type::APP_SPECIFIC_CONTEXT_FIELD,
            ExprData::ArrayElement { .. } => lttng_event_expr_type::ARRAY_FIELD_ELEMENT,
        }
    })
}

/// A new event payload field expression named `field_name` (copied), or NULL when the name
/// is NULL or not UTF-8. Release with `lttng_event_expr_destroy`, unless ownership is given
/// away (`lttng_event_expr_array_field_element_create`,
/// `lttng_condition_event_rule_matches_append_capture_descriptor`).
///
/// # Safety
/// `field_name` is a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_expr_event_payload_field_create(
    field_name: *const c_char,
) -> *mut lttng_event_expr {
    ffi_boundary!({ new_expr(ExprData::PayloadField(c_string(arg_str!(field_name)))) })
}

/// A new channel context field expression named `field_name` (copied), or NULL when the
/// name is NULL or not UTF-8. Release as `lttng_event_expr_event_payload_field_create`'s.
///
/// # Safety
/// `field_name` is a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_expr_channel_context_field_create(
    field_name: *const c_char,
) -> *mut lttng_event_expr {
    ffi_boundary!({
        new_expr(ExprData::ChannelContextField(c_string(arg_str!(
            field_name
        ))))
    })
}

/// A new application-specific context field expression (`$app.provider:type`; both names
/// copied), or NULL when either is NULL or not UTF-8. Release as
/// `lttng_event_expr_event_payload_field_create`'s.
///
/// # Safety
/// `provider_name` and `type_name` are C strings or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_expr_app_specific_context_field_create(
    provider_name: *const c_char,
    type_name: *const c_char,
) -> *mut lttng_event_expr {
    ffi_boundary!({
        let provider = c_string(arg_str!(provider_name));
        let type_name = c_string(arg_str!(type_name));
        new_expr(ExprData::AppContextField {
            provider,
            type_name,
        })
    })
}

/// A new expression for element `index` of the array `array_field_expr`, or NULL when
/// that is NULL or not a live expression of this library. On success the new expression
/// takes over the caller's reference to `array_field_expr` (destroying the new one
/// destroys both); a borrowed `array_field_expr` (from a getter) is shared instead.
///
/// # Safety
/// `array_field_expr` is NULL or an expression of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_expr_array_field_element_create(
    array_field_expr: *mut lttng_event_expr,
    index: c_uint,
) -> *mut lttng_event_expr {
    ffi_boundary!({
        let array = match take_c(array_field_expr) {
            Some(owned) => owned,
            None => node!(array_field_expr),
        };
        new_expr(ExprData::ArrayElement { array, index })
    })
}

/// The part of an expression a getter lends, when it has the expected kind.
fn lend_name(
    expr: *const lttng_event_expr,
    pick: fn(&ExprData) -> Option<&CString>,
) -> *const c_char {
    let expr = node!(expr);
    let data = expr.lock();
    // The string lives as long as the expression: expressions never change.
    pick(&data).map_or(std::ptr::null(), |s| s.as_ptr())
}

/// The field name of an event payload field expression (lent, valid while the expression
/// lives); NULL for NULL or another kind of expression.
///
/// # Safety
/// `expr` is NULL or an expression of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_expr_event_payload_field_get_name(
    expr: *const lttng_event_expr,
) -> *const c_char {
    ffi_boundary!({
        lend_name(expr, |d| match d {
            ExprData::PayloadField(name) => Some(name),
            _ => None,
        })
    })
}

/// The field name of a channel context field expression (lent, valid while the expression
/// lives); NULL for NULL or another kind of expression.
///
/// # Safety
/// `expr` is NULL or an expression of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_expr_channel_context_field_get_name(
    expr: *const lttng_event_expr,
) -> *const c_char {
    ffi_boundary!({
        lend_name(expr, |d| match d {
            ExprData::ChannelContextField(name) => Some(name),
            _ => None,
        })
    })
}

/// The provider name of an application-specific context field expression (lent, valid
/// while the expression lives); NULL for NULL or another kind of expression.
///
/// # Safety
/// `expr` is NULL or an expression of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_expr_app_specific_context_field_get_provider_name(
    expr: *const lttng_event_expr,
) -> *const c_char {
    ffi_boundary!({
        lend_name(expr, |d| match d {
            ExprData::AppContextField { provider, .. } => Some(provider),
            _ => None,
        })
    })
}

/// The type name of an application-specific context field expression (lent, valid while
/// the expression lives); NULL for NULL or another kind of expression.
///
/// # Safety
/// `expr` is NULL or an expression of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_expr_app_specific_context_field_get_type_name(
    expr: *const lttng_event_expr,
) -> *const c_char {
    ffi_boundary!({
        lend_name(expr, |d| match d {
            ExprData::AppContextField { type_name, .. } => Some(type_name),
            _ => None,
        })
    })
}

/// The array expression of an array element expression (lent, valid while `expr` lives);
/// NULL for NULL or another kind of expression.
///
/// # Safety
/// `expr` is NULL or an expression of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_expr_array_field_element_get_parent_expr(
    expr: *const lttng_event_expr,
) -> *const lttng_event_expr {
    ffi_boundary!({
        match node!(expr).lock().deref() {
            ExprData::ArrayElement { array, .. } => array.as_c().cast_const(),
            _ => std::ptr::null(),
        }
    })
}

/// Stores the index of an array element expression in `*index`; INVALID for NULL
/// arguments or another kind of expression (`*index` then untouched).
///
/// # Safety
/// `expr` is NULL or an expression of this library; `index` a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_expr_array_field_element_get_index(
    expr: *const lttng_event_expr,
    index: *mut c_uint,
) -> lttng_event_expr_status {
    ffi_boundary!({
        let out = out_arg!(index);
        match node!(expr).lock().deref() {
            ExprData::ArrayElement { index, .. } => {
                out.write(*index);
                lttng_event_expr_status::OK
            }
            _ => lttng_event_expr_status::INVALID,
        }
    })
}

/// Whether two expressions are equal (same kind, names, indexes, parents): true when both
/// are NULL, false when only one is, or when either is not a live expression.
///
/// # Safety
/// `expr_a` and `expr_b` are NULL or expressions of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_expr_is_equal(
    expr_a: *const lttng_event_expr,
    expr_b: *const lttng_event_expr,
) -> bool {
    ffi_boundary!({
        if expr_a.is_null() || expr_b.is_null() {
            return expr_a.is_null() && expr_b.is_null();
        }
        expr_to_model(&node!(expr_a)) == expr_to_model(&node!(expr_b))
    })
}

/// Gives back the caller's reference to an expression (and, for an array element, to its
/// parent). NULL, a borrowed pointer (from a getter) or one whose ownership was given away
/// is ignored.
///
/// # Safety
/// `expr` is NULL or an expression of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_expr_destroy(expr: *mut lttng_event_expr) {
    ffi_boundary!({
        release_c(expr);
    })
}

/// The type of a captured value (LTTNG_EVENT_FIELD_VALUE_TYPE_INVALID for NULL or a pointer
/// that is not a live value of this library).
///
/// # Safety
/// `field_val` is NULL or a value of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_field_value_get_type(
    field_val: *const lttng_event_field_value,
) -> lttng_event_field_value_type {
    ffi_boundary!({
        use lttng_event_field_value_type as T;
        match node!(field_val).lock().deref() {
            FieldValueData::UnsignedInt(_) => T::UNSIGNED_INT,
            FieldValueData::SignedInt(_) => T::SIGNED_INT,
            FieldValueData::UnsignedEnum(..) => T::UNSIGNED_ENUM,
            FieldValueData::SignedEnum(..) => T::SIGNED_ENUM,
            FieldValueData::Real(_) => T::REAL,
            FieldValueData::String(_) => T::STRING,
            FieldValueData::Array(_) => T::ARRAY,
        }
    })
}

/// Reads a captured value through `pick` (None: another kind, INVALID).
fn read_value<T>(
    field_val: *const lttng_event_field_value,
    val: *mut T,
    pick: fn(&FieldValueData) -> Option<T>,
) -> lttng_event_field_value_status {
    let out = out_arg!(val);
    match pick(&node!(field_val).lock()) {
        Some(v) => {
            out.write(v);
            lttng_event_field_value_status::OK
        }
        None => lttng_event_field_value_status::INVALID,
    }
}

/// Stores the value of an UNSIGNED_INT or UNSIGNED_ENUM captured value in `*val`; INVALID
/// for NULL arguments or another kind of value (`*val` then untouched).
///
/// # Safety
/// `field_val` is NULL or a value of this library; `val` a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_field_value_unsigned_int_get_value(
    field_val: *const lttng_event_field_value,
    val: *mut u64,
) -> lttng_event_field_value_status {
    ffi_boundary!({
        read_value(field_val, val, |d| match d {
            FieldValueData::UnsignedInt(v) | FieldValueData::UnsignedEnum(v, _) => Some(*v),
            _ => None,
        })
    })
}

/// Stores the value of a SIGNED_INT or SIGNED_ENUM captured value in `*val`; INVALID for
/// NULL arguments or another kind of value (`*val` then untouched).
///
/// # Safety
/// `field_val` is NULL or a value of this library; `val` a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_field_value_signed_int_get_value(
    field_val: *const lttng_event_field_value,
    val: *mut i64,
) -> lttng_event_field_value_status {
    ffi_boundary!({
        read_value(field_val, val, |d| match d {
            FieldValueData::SignedInt(v) | FieldValueData::SignedEnum(v, _) => Some(*v),
            _ => None,
        })
    })
}

/// Stores the value of a REAL captured value in `*val`; INVALID for NULL arguments or
/// another kind of value (`*val` then untouched).
///
/// # Safety
/// `field_val` is NULL or a value of this library; `val` a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_field_value_real_get_value(
    field_val: *const lttng_event_field_value,
    val: *mut f64,
) -> lttng_event_field_value_status {
    ffi_boundary!({
        read_value(field_val, val, |d| match d {
            FieldValueData::Real(v) => Some(*v),
            _ => None,
        })
    })
}

/// Stores in `*value` the string of a STRING captured value (lent, valid while its
/// evaluation lives); INVALID for NULL arguments (where upstream crashes on a NULL
/// `value`) or another kind of value.
///
/// # Safety
/// `field_val` is NULL or a value of this library; `value` a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_field_value_string_get_value(
    field_val: *const lttng_event_field_value,
    value: *mut *const c_char,
) -> lttng_event_field_value_status {
    ffi_boundary!({
        // Values never change: the string lives as long as the value.
        read_value(field_val, value, |d| match d {
            FieldValueData::String(s) => Some(s.as_ptr()),
            _ => None,
        })
    })
}

/// Stores the number of elements of an ARRAY captured value in `*length`; INVALID for NULL
/// arguments or another kind of value.
///
/// # Safety
/// `field_val` is NULL or a value of this library; `length` a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_field_value_array_get_length(
    field_val: *const lttng_event_field_value,
    length: *mut c_uint,
) -> lttng_event_field_value_status {
    ffi_boundary!({
        read_value(field_val, length, |d| match d {
            FieldValueData::Array(items) => Some(items.len() as c_uint),
            _ => None,
        })
    })
}

/// Stores in `*elem_field_val` element `index` of an ARRAY captured value (lent, valid
/// while its evaluation lives). UNAVAILABLE, with `*elem_field_val` set to NULL, for an
/// element the tracer could not capture; INVALID for NULL arguments, another kind of value
/// or an index past the end.
///
/// # Safety
/// `field_val` is NULL or a value of this library; `elem_field_val` a valid pointer or
/// NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_field_value_array_get_element_at_index(
    field_val: *const lttng_event_field_value,
    index: c_uint,
    elem_field_val: *mut *const lttng_event_field_value,
) -> lttng_event_field_value_status {
    ffi_boundary!({
        let out = out_arg!(elem_field_val);
        let value = node!(field_val);
        let data = value.lock();
        let FieldValueData::Array(items) = data.deref() else {
            return lttng_event_field_value_status::INVALID;
        };
        match items.get(index as usize) {
            None => lttng_event_field_value_status::INVALID,
            Some(None) => {
                out.write(std::ptr::null());
                lttng_event_field_value_status::UNAVAILABLE
            }
            Some(Some(elem)) => {
                out.write(elem.as_c().cast_const());
                lttng_event_field_value_status::OK
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payload(name: &str) -> *mut lttng_event_expr {
        let name = CString::new(name).unwrap();
        // SAFETY: a C string.
        unsafe { lttng_event_expr_event_payload_field_create(name.as_ptr()) }
    }

    #[test]
    fn expressions_round_trip_through_the_model() {
        let e = EventExpr::ArrayElement {
            array: Box::new(EventExpr::AppContextField {
                provider: "prov".into(),
                type_name: "ctx".into(),
            }),
            index: 7,
        };
        assert_eq!(expr_to_model(&expr_from_model(&e)), e);
        let nul = EventExpr::PayloadField("a\0b".into());
        assert_eq!(
            expr_to_model(&expr_from_model(&nul)),
            EventExpr::PayloadField("a".into())
        );
    }

    #[test]
    fn array_element_takes_the_callers_reference() {
        let parent = payload("arr");
        // SAFETY: our own objects.
        unsafe {
            let elem = lttng_event_expr_array_field_element_create(parent, 2);
            assert!(!elem.is_null());
            // The caller's reference went to `elem`: destroying `parent` does nothing.
            lttng_event_expr_destroy(parent);
            assert_eq!(
                lttng_event_expr_array_field_element_get_parent_expr(elem),
                parent.cast_const()
            );
            let got = lttng_event_expr_event_payload_field_get_name(parent);
            assert_eq!(std::ffi::CStr::from_ptr(got).to_str(), Ok("arr"));
            // A borrowed parent is shared.
            let borrowed = lttng_event_expr_array_field_element_get_parent_expr(elem);
            let again = lttng_event_expr_array_field_element_create(borrowed.cast_mut(), 3);
            assert!(!again.is_null());
            lttng_event_expr_destroy(elem);
            assert_eq!(
                lttng_event_expr_get_type(parent),
                lttng_event_expr_type::EVENT_PAYLOAD_FIELD
            );
            lttng_event_expr_destroy(again);
        }
    }

    #[test]
    fn is_equal_compares_values() {
        // SAFETY: our own objects and NULL.
        unsafe {
            let a = payload("x");
            let b = payload("x");
            let c = payload("y");
            assert!(lttng_event_expr_is_equal(a, b));
            assert!(!lttng_event_expr_is_equal(a, c));
            assert!(lttng_event_expr_is_equal(
                std::ptr::null(),
                std::ptr::null()
            ));
            assert!(!lttng_event_expr_is_equal(a, std::ptr::null()));
            let ea = lttng_event_expr_array_field_element_create(a, 1);
            let eb = lttng_event_expr_array_field_element_create(b, 1);
            let ec = lttng_event_expr_array_field_element_create(c, 1);
            assert!(lttng_event_expr_is_equal(ea, eb));
            assert!(!lttng_event_expr_is_equal(ea, ec));
            assert!(lttng_event_expr_is_equal(ea, ea));
            for e in [ea, eb, ec] {
                lttng_event_expr_destroy(e);
            }
        }
    }

    #[test]
    fn field_values_read_back() {
        let v = FieldValue::Array(vec![
            Some(FieldValue::String("hi".into())),
            None,
            Some(FieldValue::UnsignedEnum(3, vec!["A".into(), "B".into()])),
            Some(FieldValue::SignedEnum(-3, vec![])),
            Some(FieldValue::SignedInt(-9)),
            Some(FieldValue::Real(0.5)),
        ]);
        let node = field_value_from_model(&v);
        assert_eq!(field_value_to_model(&node), v);
        let root = node.as_c().cast_const();
        // SAFETY: our own objects; out-parameters are locals.
        unsafe {
            let mut len = 0;
            assert_eq!(
                lttng_event_field_value_array_get_length(root, &mut len),
                lttng_event_field_value_status::OK
            );
            assert_eq!(len, 6);
            let mut e = root;
            assert_eq!(
                lttng_event_field_value_array_get_element_at_index(root, 1, &mut e),
                lttng_event_field_value_status::UNAVAILABLE
            );
            assert!(e.is_null());
            assert_eq!(
                lttng_event_field_value_array_get_element_at_index(root, 6, &mut e),
                lttng_event_field_value_status::INVALID
            );
            lttng_event_field_value_array_get_element_at_index(root, 2, &mut e);
            let (mut u, mut s) = (0u64, 0i64);
            assert_eq!(
                lttng_event_field_value_unsigned_int_get_value(e, &mut u),
                lttng_event_field_value_status::OK
            );
            assert_eq!(u, 3);
            assert_eq!(
                lttng_event_field_value_signed_int_get_value(e, &mut s),
                lttng_event_field_value_status::INVALID
            );
            lttng_event_field_value_array_get_element_at_index(root, 3, &mut e);
            assert_eq!(
                lttng_event_field_value_get_type(e),
                lttng_event_field_value_type::SIGNED_ENUM
            );
            assert_eq!(
                lttng_event_field_value_signed_int_get_value(e, &mut s),
                lttng_event_field_value_status::OK
            );
            assert_eq!(s, -3);
            let mut text = std::ptr::null();
            assert_eq!(
                lttng_event_field_value_string_get_value(root, &mut text),
                lttng_event_field_value_status::INVALID
            );
            assert_eq!(
                lttng_event_field_value_get_type(std::ptr::null()),
                lttng_event_field_value_type::INVALID
            );
        }
    }
}
