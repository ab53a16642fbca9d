//! The rules of extraction, one test per rule and per trap, on the
//! variables of the sample library.

use regex_lite::Regex;

use super::*;
