//! Build script: gives the cdylib the SONAME of the library it replaces, so that a
//! copy or link named `liblttng-ctl.so.0` satisfies programs linked to liblttng-ctl.

fn main() {
    let target_os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if target_os == "linux" {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,liblttng-ctl.so.0");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
