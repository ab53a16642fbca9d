//! Money as customers write it: the one list of currency signs, codes and
//! names, read by the values (an amount is a figure with its currency) and
//! by the ranking (an amount's figures are no error code).

/// Signs, written before or after the figures: "£30", "49,90 €".
pub const SIGNS: [char; 3] = ['€', '$', '£'];

/// Codes, in capitals, before or after the figures: "EUR 35", "35 CHF".
pub const CODES: [&str; 4] = ["EUR", "USD", "GBP", "CHF"];

/// Names written after the figures, in lower case, that mean money and
/// nothing else: "35 euros", "560 quid".
pub const NAMES: [&str; 8] = [
    "euro", "euros", "dollar", "dollars", "pound", "pounds", "quid", "bucks",
];

/// Names of money that are other words too: "3 livres" may be books, and
/// "50 balles" balls. Their figures are no error code, but no value is read
/// as an amount from them.
pub const LOOSE_NAMES: [&str; 4] = ["livre", "livres", "balles", "francs"];

/// Whether `word`, folded to lower case, names a currency by its code or
/// its name, loose names included: the figures beside it are a sum.
pub fn names_money(word: &str) -> bool {
    CODES.iter().any(|c| c.eq_ignore_ascii_case(word))
        || NAMES.contains(&word)
        || LOOSE_NAMES.contains(&word)
}

/// Whether `word`, folded to lower case, is a currency code: written before
/// the figures, it is theirs ("EUR 404").
pub fn is_code(word: &str) -> bool {
    CODES.iter().any(|c| c.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_money_in_any_case_and_a_loose_name_is_too() {
        assert!(names_money("eur"));
        assert!(names_money("quid"));
        assert!(names_money("balles"));
        assert!(!names_money("items"));
        assert!(is_code("chf"));
        assert!(!is_code("euros"));
    }
}
