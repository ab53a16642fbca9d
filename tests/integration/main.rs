//! Integration tests: the real `canned` binary, driven as a user would.

mod audit;
mod chat;
mod chat_customer;
mod check;
mod clipboard;
mod find;
mod help;
mod hostile;
mod import_export;
mod init;
mod list_show;
mod new_edit;
mod notes;
mod picker;
mod quality;
mod review;
mod suggest;
mod suggest_quality;
mod support;
mod trust;
mod use_;
#[cfg(target_os = "linux")]
mod wayland;
