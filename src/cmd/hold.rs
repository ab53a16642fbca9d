//! `canned __hold-clipboard`: the detached process that keeps a copy alive
//! on X11. Reads the text from stdin; never from argv, where `ps` shows it.

use std::io::Read;

use crate::Outcome;
use crate::error::{Error, Result};
use crate::platform::clipboard;

pub fn run() -> Result<Outcome> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| Error::io("stdin", e))?;
    clipboard::hold(text).map_err(|e| Error::failed(e, None))?;
    Ok(Outcome::Success)
}
