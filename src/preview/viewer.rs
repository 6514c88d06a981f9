//! `--open`: the PDF or the preview in the desktop's own viewer.

use std::process::{Command, Stdio};

/// Opens `target` (a file or an address) with the desktop's viewer and
/// returns at once: `xdg-open` (Linux, BSDs), `open` (macOS), `start`
/// (Windows). Where there is no desktop to open it on (CI, no `DISPLAY`
/// nor `WAYLAND_DISPLAY` on Linux) nothing is started and the reason is
/// returned, for the caller to print.
pub fn open_in_viewer(target: &str) -> Result<(), String> {
    let env = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty());
    if env("CI") {
        return Err("not opened on a CI machine".into());
    }
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![target])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", target])
    } else {
        if !env("DISPLAY") && !env("WAYLAND_DISPLAY") {
            return Err("no desktop here (DISPLAY is not set)".into());
        }
        ("xdg-open", vec![target])
    };
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {program}: {e}"))?;
    // Reaped when it ends; the watcher never waits for the viewer.
    std::thread::spawn(move || {
        let _ = child.wait();
    });
    Ok(())
}
