//! JSON on stdout: pretty, one document, a newline after it. Serialising
//! never fails quietly: an error (a closed pipe included) reaches the caller.

use std::io::Write;

use serde::Serialize;

use crate::error::Result;

pub fn print(value: &impl Serialize) -> Result<()> {
    let mut out = super::stdout();
    serde_json::to_writer_pretty(&mut out, value).map_err(std::io::Error::from)?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}
