//! Integration tests: the real `canned` binary, driven as a user would.

mod audit;
mod check;
mod clipboard;
mod find;
mod hostile;
mod init;
mod list_show;
mod picker;
mod quality;
mod review;
mod support;
mod use_;
