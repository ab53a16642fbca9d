//! The product's rules, pure: no file system, environment, clock, terminal
//! or platform switches. Everything here takes values and returns values,
//! so every rule can be tested without touching the machine.

pub mod append;
pub mod audit;
pub mod check;
pub mod date;
pub mod diagnostic;
pub mod edit;
pub mod export;
pub mod fill;
pub mod import;
pub mod json;
pub mod library;
pub mod model;
pub mod rules;
pub mod search;
pub mod suggest;
pub mod template;
pub mod text;
pub mod usage;
pub mod values;
