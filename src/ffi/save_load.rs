//! Exports of `lttng/save.h` and `lttng/load.h`.
//!
//! Saving is a daemon command; loading is done client-side, as upstream does (the session
//! XML is parsed here and replayed as ordinary commands).

use std::ffi::{c_char, c_int};

use crate::client;
use crate::ffi::boundary::{ffi_boundary, opt_str};
use crate::ffi::lttng::{INVALID, UNKNOWN, rc};
use crate::model::session::SESSION_NAME_MAX;
use crate::model::uri::{DstType, parse_str_urls};
use crate::proto::sessiond::PATH_MAX;

/// Attributes of a save (opaque).
#[derive(Default)]
pub struct lttng_save_session_attr {
    session_name: String,
    url: String,
    overwrite: bool,
    omit_name: bool,
    omit_output: bool,
}

/// Attributes of a load (opaque).
#[derive(Default)]
pub struct lttng_load_session_attr {
    session_name: String,
    input_url: String,
    overwrite: bool,
    override_url: Option<String>,
    override_ctrl_url: Option<String>,
    override_data_url: Option<String>,
    override_session_name: Option<String>,
}

/// A local path given as a path or `file://` URL, as the 2.13 library accepts it.
fn local_path(url: &str) -> Option<String> {
    if url.len() >= PATH_MAX {
        return None;
    }
    let uris = parse_str_urls(Some(url), None, client::resolver()).ok()?;
    let first = uris.into_iter().next()?;
    (first.dtype == DstType::Path).then_some(first.dst)
}

/// Allocates save attributes. Release with `lttng_save_session_attr_destroy`.
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_save_session_attr_create() -> *mut lttng_save_session_attr {
    ffi_boundary!(std::ptr::null_mut(), { Box::into_raw(Box::default()) })
}

/// Releases save attributes (NULL is fine).
///
/// # Safety
/// `attr` is NULL or attributes of this library not yet destroyed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_save_session_attr_destroy(attr: *mut lttng_save_session_attr) {
    ffi_boundary!((), {
        if !attr.is_null() {
            // SAFETY: created by Box::into_raw here, destroyed once by contract.
            drop(unsafe { Box::from_raw(attr) });
        }
    })
}

/// Which session to save (NULL: every session).
///
/// # Safety
/// `attr` is NULL or attributes of this library; `session_name` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_save_session_attr_set_session_name(
    attr: *mut lttng_save_session_attr,
    session_name: *const c_char,
) -> c_int {
    ffi_boundary!(UNKNOWN, {
        // SAFETY: forwarded contract.
        let (Some(a), name) = (unsafe { attr.as_mut() }, unsafe { opt_str(session_name) }) else {
            return INVALID;
        };
        match name.transpose() {
            Ok(Some(n)) if n.len() <= SESSION_NAME_MAX => a.session_name = n.to_owned(),
            Ok(None) => a.session_name.clear(),
            _ => return INVALID,
        }
        0
    })
}

/// Where to save (a local directory; NULL: the default).
///
/// # Safety
/// `attr` is NULL or attributes of this library; `url` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_save_session_attr_set_output_url(
    attr: *mut lttng_save_session_attr,
    url: *const c_char,
) -> c_int {
    ffi_boundary!(UNKNOWN, {
        // SAFETY: forwarded contract.
        let (Some(a), url) = (unsafe { attr.as_mut() }, unsafe { opt_str(url) }) else {
            return INVALID;
        };
        match url.transpose() {
            Ok(None) => a.url.clear(),
            Ok(Some(u)) => match local_path(u) {
                Some(p) => a.url = p,
                None => return INVALID,
            },
            Err(_) => return INVALID,
        }
        0
    })
}

/// Whether to overwrite an existing file.
///
/// # Safety
/// `attr` is NULL or attributes of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_save_session_attr_set_overwrite(
    attr: *mut lttng_save_session_attr,
    overwrite: c_int,
) -> c_int {
    ffi_boundary!(UNKNOWN, {
        // SAFETY: forwarded contract.
        match unsafe { attr.as_mut() } {
            Some(a) => {
                a.overwrite = overwrite != 0;
                0
            }
            None => INVALID,
        }
    })
}

/// Saves the sessions the attributes name (SAVE_SESSION). 0 or a negative LTTng code.
///
/// # Safety
/// `attr` is NULL or attributes of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_save_session(attr: *mut lttng_save_session_attr) -> c_int {
    ffi_boundary!(UNKNOWN, {
        // SAFETY: forwarded contract.
        let Some(a) = (unsafe { attr.as_ref() }) else {
            return INVALID;
        };
        rc(client::save_session(
            &a.session_name,
            &a.url,
            a.overwrite,
            a.omit_name,
            a.omit_output,
        ))
    })
}

/// Allocates load attributes. Release with `lttng_load_session_attr_destroy`.
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_load_session_attr_create() -> *mut lttng_load_session_attr {
    ffi_boundary!(std::ptr::null_mut(), { Box::into_raw(Box::default()) })
}

/// Releases load attributes (NULL is fine).
///
/// # Safety
/// `attr` is NULL or attributes of this library not yet destroyed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_load_session_attr_destroy(attr: *mut lttng_load_session_attr) {
    ffi_boundary!((), {
        if !attr.is_null() {
            // SAFETY: created by Box::into_raw here, destroyed once by contract.
            drop(unsafe { Box::from_raw(attr) });
        }
    })
}

/// # Safety
/// `attr` is NULL or attributes of this library; `value` a C string or NULL.
unsafe fn set_load(
    attr: *mut lttng_load_session_attr,
    value: *const c_char,
    apply: impl FnOnce(&mut lttng_load_session_attr, Option<&str>) -> Result<(), ()>,
) -> c_int {
    // SAFETY: forwarded contract.
    let (Some(a), v) = (unsafe { attr.as_mut() }, unsafe { opt_str(value) }) else {
        return INVALID;
    };
    match v.transpose() {
        Ok(v) if apply(a, v).is_ok() => 0,
        _ => INVALID,
    }
}

/// Which session to load (NULL: every session of the input).
///
/// # Safety
/// `attr` is NULL or attributes of this library; `session_name` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_load_session_attr_set_session_name(
    attr: *mut lttng_load_session_attr,
    session_name: *const c_char,
) -> c_int {
    ffi_boundary!(UNKNOWN, {
        // SAFETY: forwarded contract.
        unsafe {
            set_load(attr, session_name, |a, v| match v {
                Some(n) if n.len() > SESSION_NAME_MAX => Err(()),
                v => {
                    a.session_name = v.unwrap_or_default().to_owned();
                    Ok(())
                }
            })
        }
    })
}

/// Where to load from (a file or directory; NULL: the default locations).
///
/// # Safety
/// `attr` is NULL or attributes of this library; `url` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_load_session_attr_set_input_url(
    attr: *mut lttng_load_session_attr,
    url: *const c_char,
) -> c_int {
    ffi_boundary!(UNKNOWN, {
        // SAFETY: forwarded contract.
        unsafe {
            set_load(attr, url, |a, v| {
                a.input_url = match v {
                    None => String::new(),
                    Some(u) => local_path(u).ok_or(())?,
                };
                Ok(())
            })
        }
    })
}

/// Whether loading replaces existing sessions of the same name.
///
/// # Safety
/// `attr` is NULL or attributes of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_load_session_attr_set_overwrite(
    attr: *mut lttng_load_session_attr,
    overwrite: c_int,
) -> c_int {
    ffi_boundary!(UNKNOWN, {
        // SAFETY: forwarded contract.
        match unsafe { attr.as_mut() } {
            Some(a) => {
                a.overwrite = overwrite != 0;
                0
            }
            None => INVALID,
        }
    })
}

/// Overrides the output of loaded sessions with a URL (a path or `net://` URL).
///
/// # Safety
/// `attr` is NULL or attributes of this library; `url` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_load_session_attr_set_override_url(
    attr: *mut lttng_load_session_attr,
    url: *const c_char,
) -> c_int {
    ffi_boundary!(UNKNOWN, {
        // SAFETY: forwarded contract.
        unsafe {
            set_load(attr, url, |a, v| {
                let u = v.ok_or(())?;
                if u.len() >= PATH_MAX {
                    return Err(());
                }
                let uris = parse_str_urls(Some(u), None, client::resolver()).map_err(|_| ())?;
                match uris.as_slice() {
                    [p] if p.dtype == DstType::Path => {}
                    [c, _] if c.is_network() => {}
                    _ => return Err(()),
                }
                a.override_url = Some(u.to_owned());
                a.override_ctrl_url = None;
                a.override_data_url = None;
                Ok(())
            })
        }
    })
}

/// Overrides the name of the loaded session (one session only).
///
/// # Safety
/// `attr` is NULL or attributes of this library; `session_name` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_load_session_attr_set_override_session_name(
    attr: *mut lttng_load_session_attr,
    session_name: *const c_char,
) -> c_int {
    ffi_boundary!(UNKNOWN, {
        // SAFETY: forwarded contract.
        unsafe {
            set_load(attr, session_name, |a, v| match v {
                Some(n) if n.len() <= SESSION_NAME_MAX => {
                    a.override_session_name = Some(n.to_owned());
                    Ok(())
                }
                _ => Err(()),
            })
        }
    })
}

/// Loads sessions from their saved configuration (parsed here, client-side, as upstream
/// does), replaying them with the ordinary commands. 0 or a negative LTTng code.
///
/// # Safety
/// `attr` is NULL or attributes of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_load_session(attr: *mut lttng_load_session_attr) -> c_int {
    ffi_boundary!(UNKNOWN, {
        // SAFETY: forwarded contract.
        let Some(a) = (unsafe { attr.as_ref() }) else {
            return INVALID;
        };
        if a.override_session_name.is_some() && a.session_name.is_empty() {
            return INVALID;
        }
        let opts = client::load::LoadOptions {
            input: a.input_url.clone(),
            session_name: a.session_name.clone(),
            overwrite: a.overwrite,
            override_url: a.override_url.clone(),
            override_name: a.override_session_name.clone(),
            report: Some(crate::ffi::lttng::report_error),
        };
        rc(client::load::load(&opts))
    })
}
