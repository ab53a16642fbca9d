//! One file of glue per subcommand: read the arguments, call the library
//! modules, print.

pub mod audit;
pub mod chat;
pub mod check;
pub mod completions;
pub mod edit;
pub mod export;
pub mod find;
pub mod hold;
pub mod import;
pub mod init;
pub mod list;
pub mod new;
pub mod pick;
pub mod review;
pub mod show;
pub mod suggest;
pub mod use_;
