//! Integration tests: the real `canned` binary, driven as a user would.

mod check;
mod clipboard;
mod find;
mod hostile;
mod init;
mod list_show;
mod picker;
mod quality;
mod support;
mod use_;
