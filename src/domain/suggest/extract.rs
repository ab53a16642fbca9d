//! Values a customer's message states (filled in below).
