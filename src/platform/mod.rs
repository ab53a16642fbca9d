//! Everything that touches the machine: paths and user directories, files
//! and their atomic writes, the clock, processes (git, the editor), the
//! clipboard, signals, and the stores kept between runs (chats, usage log,
//! the last copy, search cache). The only place with `#[cfg]` and `libc`.

pub mod cache;
pub mod chat;
pub mod clipboard;
pub mod clock;
pub mod config;
pub mod editor;
pub mod fs;
pub mod git;
pub mod last_copy;
pub mod library;
pub mod shell;
pub mod signals;
pub mod tty;
pub mod usage;
