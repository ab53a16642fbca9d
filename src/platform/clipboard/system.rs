//! The macOS and Windows clipboards, in process: the OS keeps the text after
//! `canned` exits. Elsewhere this method does not exist (X11 needs a process
//! that stays; see `x11`).

#[cfg(any(target_os = "macos", windows))]
pub const AVAILABLE: bool = true;
#[cfg(not(any(target_os = "macos", windows)))]
pub const AVAILABLE: bool = false;

/// Sets the clipboard, then reads it back: only the same text counts.
#[cfg(any(target_os = "macos", windows))]
pub fn copy(text: &str) -> Result<(), String> {
    let mut clipboard = arboard::Clipboard::new().map_err(|e| e.to_string())?;
    clipboard.set_text(text).map_err(|e| e.to_string())?;
    match clipboard.get_text() {
        Ok(got) if got == text => Ok(()),
        Ok(_) => Err("the clipboard holds other text after the copy".into()),
        Err(e) => Err(format!("the copy could not be read back: {e}")),
    }
}

#[cfg(not(any(target_os = "macos", windows)))]
pub fn copy(_text: &str) -> Result<(), String> {
    Err("there is no system clipboard here; use x11 or wayland".into())
}

/// The clipboard's text.
#[cfg(any(target_os = "macos", windows))]
pub fn read() -> Result<String, String> {
    let mut clipboard = arboard::Clipboard::new().map_err(|e| e.to_string())?;
    clipboard.get_text().map_err(|e| e.to_string())
}

#[cfg(not(any(target_os = "macos", windows)))]
pub fn read() -> Result<String, String> {
    Err("there is no system clipboard here; use x11 or wayland".into())
}
