//! Exports of `lttng/save.h` and `lttng/load.h`.
//!
//! Saving is a daemon command; loading is done client-side, as upstream does (the session
//! XML is parsed here and replayed as ordinary commands).

use std::ffi::{CString, c_char, c_int};

use crate::client;
use crate::client::PATH_MAX;
use crate::ffi::boundary::{
    OnBadArg, Opaque, ffi_boundary, free_c, into_c, obj_mut, obj_ref, opt_arg_str,
};
use crate::ffi::lttng::{rc, report_error};
use crate::model::session::SESSION_NAME_MAX;
use crate::model::uri::DstType;

/// A string attribute that the getters hand to C as it is stored (empty: unset).
#[derive(Default)]
struct Text(CString);

impl Text {
    fn new(s: &str) -> Text {
        // Strings come from C strings or from URIs built from them: no inner NUL.
        Text(CString::new(s).unwrap_or_default())
    }
    fn as_str(&self) -> &str {
        self.0.to_str().unwrap_or_default()
    }
    fn is_empty(&self) -> bool {
        self.0.as_bytes().is_empty()
    }
    /// The string, owned by the attributes, or NULL when it is empty.
    fn ptr(&self) -> *const c_char {
        if self.is_empty() {
            std::ptr::null()
        } else {
            self.0.as_ptr()
        }
    }
}

/// The string of an optional attribute, owned by the attributes, or NULL.
fn opt_ptr(t: &Option<Text>) -> *const c_char {
    t.as_ref().map_or(std::ptr::null(), |t| t.0.as_ptr())
}

/// Attributes of a save (opaque).
#[derive(Default)]
pub struct lttng_save_session_attr {
    session_name: Text,
    url: Text,
    overwrite: bool,
    omit_name: bool,
    omit_output: bool,
}

/// The output overrides of a load, as upstream keeps them: the URLs given (`raw_*`, what
/// the getters return) and the URLs applied to each loaded session.
#[derive(Default)]
struct Overrides {
    raw_url: Option<Text>,
    raw_ctrl: Option<Text>,
    raw_data: Option<Text>,
    session_name: Option<Text>,
    applied: client::load::OutputOverrides,
}

/// Attributes of a load (opaque).
#[derive(Default)]
pub struct lttng_load_session_attr {
    session_name: Text,
    input_url: Text,
    overwrite: bool,
    /// Present once any override was set (upstream allocates them on first use).
    overrides: Option<Overrides>,
}

impl Opaque for lttng_save_session_attr {}
impl Opaque for lttng_load_session_attr {}

/// A local path given as a path or `file://` URL, as the 2.13 library accepts it.
fn local_path(url: &str) -> Option<String> {
    if url.len() >= PATH_MAX {
        return None;
    }
    let uris = client::parse_urls_reporting(Some(url), None, Some(report_error)).ok()?;
    let first = uris.into_iter().next()?;
    (first.dtype == DstType::Path).then_some(first.dst)
}

/// Allocates save attributes. Release with `lttng_save_session_attr_destroy`.
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_save_session_attr_create() -> *mut lttng_save_session_attr {
    ffi_boundary!({ into_c(Default::default()) })
}

/// Releases save attributes (NULL, or a pointer that is not live attributes, is ignored).
///
/// # Safety
/// `attr` is NULL or attributes of this library not yet destroyed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_save_session_attr_destroy(attr: *mut lttng_save_session_attr) {
    ffi_boundary!({ free_c(attr) })
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
    ffi_boundary!({
        let a = obj_mut!(attr);
        match opt_arg_str!(session_name) {
            Some(n) if n.len() <= SESSION_NAME_MAX => a.session_name = Text::new(n),
            None => a.session_name = Text::default(),
            _ => return OnBadArg::on_bad_arg(),
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
    ffi_boundary!({
        let a = obj_mut!(attr);
        match opt_arg_str!(url) {
            None => a.url = Text::default(),
            Some(u) => match local_path(u) {
                Some(p) => a.url = Text::new(&p),
                None => return OnBadArg::on_bad_arg(),
            },
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
    ffi_boundary!({
        let a = obj_mut!(attr);
        a.overwrite = overwrite != 0;
        0
    })
}

/// Saves the sessions the attributes name (SAVE_SESSION). 0 or a negative LTTng code.
///
/// # Safety
/// `attr` is NULL or attributes of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_save_session(attr: *mut lttng_save_session_attr) -> c_int {
    ffi_boundary!({
        let a = obj_ref!(attr);
        rc(client::save_session(
            a.session_name.as_str(),
            a.url.as_str(),
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
    ffi_boundary!({ into_c(Default::default()) })
}

/// Releases load attributes (NULL, or a pointer that is not live attributes, is ignored).
///
/// # Safety
/// `attr` is NULL or attributes of this library not yet destroyed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_load_session_attr_destroy(attr: *mut lttng_load_session_attr) {
    ffi_boundary!({ free_c(attr) })
}

/// Applies one setting of load attributes: 0, or -LTTNG_ERR_INVALID when `apply` refuses
/// the value.
fn set_load(
    a: &mut lttng_load_session_attr,
    value: Option<&str>,
    apply: impl FnOnce(&mut lttng_load_session_attr, Option<&str>) -> Result<(), ()>,
) -> c_int {
    match apply(a, value) {
        Ok(()) => 0,
        Err(()) => OnBadArg::on_bad_arg(),
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
    ffi_boundary!({
        let a = obj_mut!(attr);
        set_load(a, opt_arg_str!(session_name), |a, v| match v {
            Some(n) if n.len() > SESSION_NAME_MAX => Err(()),
            v => {
                a.session_name = Text::new(v.unwrap_or_default());
                Ok(())
            }
        })
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
    ffi_boundary!({
        let a = obj_mut!(attr);
        set_load(a, opt_arg_str!(url), |a, v| {
            a.input_url = match v {
                None => Text::default(),
                Some(u) => Text::new(&local_path(u).ok_or(())?),
            };
            Ok(())
        })
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
    ffi_boundary!({
        let a = obj_mut!(attr);
        a.overwrite = overwrite != 0;
        0
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
    ffi_boundary!({
        let a = obj_mut!(attr);
        set_load(a, opt_arg_str!(url), |a, v| {
            let u = v.ok_or(())?;
            if u.len() >= PATH_MAX {
                return Err(());
            }
            let uris =
                client::parse_urls_reporting(Some(u), None, Some(report_error)).map_err(|_| ())?;
            let o = a.overrides.get_or_insert_with(Overrides::default);
            // A new URL replaces every output override, as upstream.
            let applied = &mut o.applied;
            (o.raw_ctrl, o.raw_data) = match uris.as_slice() {
                [p] if p.dtype == DstType::Path => {
                    // Upstream renders it `file://PATH/SUBDIR` (hence a final '/').
                    *applied = client::load::OutputOverrides {
                        path: Some(format!("file://{}/{}", p.dst, p.subdir)),
                        ..Default::default()
                    };
                    (None, None)
                }
                [c, d] if c.is_network() => {
                    let (c, d) = (c.to_url(), d.to_url());
                    *applied = client::load::OutputOverrides {
                        path: None,
                        ctrl: Some(c.clone()),
                        data: Some(d.clone()),
                    };
                    (Some(Text::new(&c)), Some(Text::new(&d)))
                }
                _ => return Err(()),
            };
            o.raw_url = Some(Text::new(u));
            Ok(())
        })
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
    ffi_boundary!({
        let a = obj_mut!(attr);
        set_load(a, opt_arg_str!(session_name), |a, v| match v {
            Some(n) if n.len() <= SESSION_NAME_MAX => {
                a.overrides
                    .get_or_insert_with(Overrides::default)
                    .session_name = Some(Text::new(n));
                Ok(())
            }
            _ => Err(()),
        })
    })
}

/// Loads sessions from their saved configuration (parsed here, client-side, as upstream
/// does), replaying them with the ordinary commands. 0 or a negative LTTng code.
///
/// # Safety
/// `attr` is NULL or attributes of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_load_session(attr: *mut lttng_load_session_attr) -> c_int {
    ffi_boundary!({
        let a = obj_ref!(attr);
        let o = a.overrides.as_ref();
        let override_name = o.and_then(|o| o.session_name.as_ref());
        if override_name.is_some() && a.session_name.is_empty() {
            return OnBadArg::on_bad_arg();
        }
        let opts = client::load::LoadOptions {
            input: a.input_url.as_str().to_owned(),
            session_name: a.session_name.as_str().to_owned(),
            overwrite: a.overwrite,
            overrides: o.map(|o| o.applied.clone()).unwrap_or_default(),
            override_name: override_name.map(|n| n.as_str().to_owned()),
            report: Some(crate::ffi::lttng::report_error),
        };
        rc(client::load::load(&opts))
    })
}

/// The session to save, or NULL (every session). The string belongs to `attr`.
///
/// # Safety
/// `attr` is NULL or attributes of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_save_session_attr_get_session_name(
    attr: *mut lttng_save_session_attr,
) -> *const c_char {
    ffi_boundary!({
        let a = obj_ref!(attr);
        a.session_name.ptr()
    })
}

/// The directory to save into, or NULL (the default). The string belongs to `attr`.
///
/// # Safety
/// `attr` is NULL or attributes of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_save_session_attr_get_output_url(
    attr: *mut lttng_save_session_attr,
) -> *const c_char {
    ffi_boundary!({
        let a = obj_ref!(attr);
        a.url.ptr()
    })
}

/// Whether an existing file is overwritten: 0 or 1, -LTTNG_ERR_INVALID for NULL.
///
/// # Safety
/// `attr` is NULL or attributes of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_save_session_attr_get_overwrite(
    attr: *mut lttng_save_session_attr,
) -> c_int {
    ffi_boundary!({ c_int::from(obj_ref!(attr).overwrite) })
}

/// Whether the session name is left out of the saved file: 0 or 1, -LTTNG_ERR_INVALID
/// for NULL.
///
/// # Safety
/// `attr` is NULL or attributes of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_save_session_attr_get_omit_name(
    attr: *mut lttng_save_session_attr,
) -> c_int {
    ffi_boundary!({ c_int::from(obj_ref!(attr).omit_name) })
}

/// Whether the output is left out of the saved file: 0 or 1, -LTTNG_ERR_INVALID for NULL.
///
/// # Safety
/// `attr` is NULL or attributes of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_save_session_attr_get_omit_output(
    attr: *mut lttng_save_session_attr,
) -> c_int {
    ffi_boundary!({ c_int::from(obj_ref!(attr).omit_output) })
}

/// Leaves the session name out of the saved file (any non-zero value). 0, or
/// -LTTNG_ERR_INVALID for NULL.
///
/// # Safety
/// `attr` is NULL or attributes of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_save_session_attr_set_omit_name(
    attr: *mut lttng_save_session_attr,
    omit_name: c_int,
) -> c_int {
    ffi_boundary!({
        let a = obj_mut!(attr);
        a.omit_name = omit_name != 0;
        0
    })
}

/// Leaves the output out of the saved file (any non-zero value). 0, or
/// -LTTNG_ERR_INVALID for NULL.
///
/// # Safety
/// `attr` is NULL or attributes of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_save_session_attr_set_omit_output(
    attr: *mut lttng_save_session_attr,
    omit_output: c_int,
) -> c_int {
    ffi_boundary!({
        let a = obj_mut!(attr);
        a.omit_output = omit_output != 0;
        0
    })
}

/// The session to load, or NULL (every session). The string belongs to `attr`.
///
/// # Safety
/// `attr` is NULL or attributes of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_load_session_attr_get_session_name(
    attr: *mut lttng_load_session_attr,
) -> *const c_char {
    ffi_boundary!({
        let a = obj_ref!(attr);
        a.session_name.ptr()
    })
}

/// Where to load from, or NULL (the default locations). The string belongs to `attr`.
///
/// # Safety
/// `attr` is NULL or attributes of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_load_session_attr_get_input_url(
    attr: *mut lttng_load_session_attr,
) -> *const c_char {
    ffi_boundary!({
        let a = obj_ref!(attr);
        a.input_url.ptr()
    })
}

/// Whether existing sessions are replaced: 0 or 1, -LTTNG_ERR_INVALID for NULL.
///
/// # Safety
/// `attr` is NULL or attributes of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_load_session_attr_get_overwrite(
    attr: *mut lttng_load_session_attr,
) -> c_int {
    ffi_boundary!({
        let a = obj_ref!(attr);
        c_int::from(a.overwrite)
    })
}

/// One override of load attributes, or NULL when there is none.
fn override_str(
    a: &lttng_load_session_attr,
    field: fn(&Overrides) -> *const c_char,
) -> *const c_char {
    a.overrides.as_ref().map_or(std::ptr::null(), field)
}

/// The control URL override as given (or as derived from a `net://` override), or NULL.
/// The string belongs to `attr`.
///
/// # Safety
/// `attr` is NULL or attributes of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_load_session_attr_get_override_ctrl_url(
    attr: *mut lttng_load_session_attr,
) -> *const c_char {
    ffi_boundary!({ override_str(obj_ref!(attr), |o| opt_ptr(&o.raw_ctrl)) })
}

/// The output URL override as given, or NULL (also when only one of the control and data
/// URLs is overridden). The string belongs to `attr`.
///
/// # Safety
/// `attr` is NULL or attributes of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_load_session_attr_get_override_url(
    attr: *mut lttng_load_session_attr,
) -> *const c_char {
    ffi_boundary!({
        override_str(obj_ref!(attr), |o| {
            let a = &o.applied;
            if a.path.is_some() || (a.ctrl.is_some() && a.data.is_some()) {
                opt_ptr(&o.raw_url)
            } else {
                std::ptr::null()
            }
        })
    })
}

/// The data URL override as given (or as derived from a `net://` override), or NULL. The
/// string belongs to `attr`.
///
/// # Safety
/// `attr` is NULL or attributes of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_load_session_attr_get_override_data_url(
    attr: *mut lttng_load_session_attr,
) -> *const c_char {
    ffi_boundary!({ override_str(obj_ref!(attr), |o| opt_ptr(&o.raw_data)) })
}

/// The session name override, or NULL. The string belongs to `attr`.
///
/// # Safety
/// `attr` is NULL or attributes of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_load_session_attr_get_override_session_name(
    attr: *mut lttng_load_session_attr,
) -> *const c_char {
    ffi_boundary!({ override_str(obj_ref!(attr), |o| opt_ptr(&o.session_name)) })
}

/// Sets one network override (control or data) from `url` (its port defaulting to
/// `stream`'s); refused after a path override.
///
fn set_net_override(
    a: &mut lttng_load_session_attr,
    url: Option<&str>,
    stream: crate::model::uri::StreamType,
) -> c_int {
    set_load(a, url, |a, v| {
        let o = a.overrides.get_or_insert_with(Overrides::default);
        if o.applied.path.is_some() {
            return Err(());
        }
        let mut uri = crate::model::uri::parse_uri(v.ok_or(())?, client::resolver())
            .map_err(|_| ())?
            .into_iter()
            .next()
            .ok_or(())?;
        if uri.port == 0 {
            uri.port = stream.default_port();
        }
        let (raw, applied) = (Some(Text::new(v.unwrap_or_default())), Some(uri.to_url()));
        match stream {
            crate::model::uri::StreamType::Control => (o.raw_ctrl, o.applied.ctrl) = (raw, applied),
            crate::model::uri::StreamType::Data => (o.raw_data, o.applied.data) = (raw, applied),
        }
        Ok(())
    })
}

/// Overrides the control URL of loaded sessions (`tcp://HOST[:PORT]`, port 5342 by
/// default). 0 or -LTTNG_ERR_INVALID (also after a path override).
///
/// # Safety
/// `attr` is NULL or attributes of this library; `url` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_load_session_attr_set_override_ctrl_url(
    attr: *mut lttng_load_session_attr,
    url: *const c_char,
) -> c_int {
    ffi_boundary!({
        let a = obj_mut!(attr);
        set_net_override(a, opt_arg_str!(url), crate::model::uri::StreamType::Control)
    })
}

/// Overrides the data URL of loaded sessions (`tcp://HOST[:PORT]`, port 5343 by default).
/// 0 or -LTTNG_ERR_INVALID (also after a path override).
///
/// # Safety
/// `attr` is NULL or attributes of this library; `url` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_load_session_attr_set_override_data_url(
    attr: *mut lttng_load_session_attr,
    url: *const c_char,
) -> c_int {
    ffi_boundary!({
        let a = obj_mut!(attr);
        set_net_override(a, opt_arg_str!(url), crate::model::uri::StreamType::Data)
    })
}
