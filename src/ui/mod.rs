//! The terminal: styles, tables, prompts, short help and the interactive
//! picker. Text from the library or from customers is made inert here
//! before it reaches the screen.

pub mod audit;
pub mod diagnostics;
pub mod found;
pub mod json;
pub mod picker;
pub mod prompt;
pub mod style;
