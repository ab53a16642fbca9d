//! What a variable's own words announce in a message: a date or an amount
//! is the one its variable's words name ("Date the order was placed" takes
//! "I ordered on 12 March"; "What we quoted for the move" takes "the quote
//! was £1,480" beside "the invoice says £1,910").

use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

use crate::domain::suggest::concepts::{concepts, of_word};

/// Occasions a date or an amount is for, each in the words of both
/// languages (exact, folded): a variable that names one is announced by
/// any of them, so "Travel date on the ticket" takes "mon train du 7 juin",
/// "Date of the concert or event" takes "tickets for the show on 21
/// November", and "What we quoted" takes "le devis était de 1 480 €".
#[rustfmt::skip]
const OCCASIONS: &[&[&str]] = &[
    &["order", "ordered", "placed", "commande", "commandee", "commandes", "passee", "bought",
      "purchased", "purchase", "achete", "achetee", "achat"],
    &["delivered", "delivery", "livre", "livree", "livres", "livrees", "livraison"],
    &["payment", "paid", "charged", "debited", "debit", "debite", "debitee", "preleve",
      "prelevee", "prelevement", "paiement", "paye", "payee", "bought", "purchased", "achete",
      "achetee", "achat"],
    &["withdraw", "withdrawn", "withdrew", "withdrawal", "retrait", "retire", "retirer",
      "virement", "transfer", "transferred"],
    &["refund", "refunded", "refunding", "reimbursed", "rembourse", "remboursee",
      "remboursement", "rembourser"],
    &["invoice", "invoiced", "bill", "billed", "facture", "facturee"],
    &["quote", "quoted", "quotation", "estimate", "devis"],
    &["arrival", "arrive", "arriving", "arrivee", "arriverai", "arriverons", "arrivons"],
    &["travel", "travelling", "traveling", "journey", "trip", "train", "flight", "coach", "ticket",
      "tickets", "billet", "billets", "voyage", "voyager", "trajet", "depart", "departure"],
    &["event", "concert", "show", "gig", "festival", "spectacle", "evenement", "match",
      "performance", "representation"],
    &["birth", "born", "naissance", "nee"],
];

/// The words that announce a variable's value.
pub struct Topic<'a> {
    words: &'a [String],
    occasions: Vec<&'static str>,
    concepts: Vec<&'static str>,
}

impl<'a> Topic<'a> {
    /// The topic of a variable whose name and description say `words`.
    pub fn new(words: &'a [String]) -> Topic<'a> {
        let occasions = OCCASIONS
            .iter()
            .filter(|o| o.iter().any(|w| words.iter().any(|a| same_word(w, a))))
            .flat_map(|o| o.iter().copied())
            .collect();
        let concepts = words.iter().flat_map(|w| of_word(w)).collect();
        Topic {
            words,
            occasions,
            concepts,
        }
    }

    /// Whether `word` (folded) announces the variable's value: one of its
    /// words, another form of one, or a word of the same occasion.
    pub fn announces(&self, word: &str) -> bool {
        self.words.iter().any(|a| same_word(word, a))
            || self.occasions.contains(&word)
            || of_word(word).any(|c| self.concepts.contains(&c))
    }

    /// Whether `words[at]` announces the variable's value, alone or as the
    /// start of a phrase of the same concept ("le rendez-vous du 14 mai"
    /// for an appointment).
    pub fn announces_at(&self, words: &[String], at: usize) -> bool {
        let Some(word) = words.get(at) else {
            return false;
        };
        self.announces(word)
            || concepts(&words[at..(at + 4).min(words.len())])
                .iter()
                .any(|(c, said)| {
                    said.split(' ').next() == Some(word.as_str())
                        && self.concepts.contains(&&c[1..])
                })
    }
}

/// Whether a word of the message is `announcing`, or another form of it:
/// the same first five letters ("ordered" ~ "order", "arrivée" ~
/// "arrival"), the same English or French stem ("moving" ~ "move"), or
/// the whole of a shorter word.
pub fn same_word(word: &str, announcing: &str) -> bool {
    static STEMMERS: LazyLock<[Stemmer; 2]> = LazyLock::new(|| {
        [
            Stemmer::create(Algorithm::English),
            Stemmer::create(Algorithm::French),
        ]
    });
    let prefix = |w: &str| w.chars().take(5).collect::<String>();
    let long = |w: &str| w.chars().count() >= 5;
    word == announcing
        || long(word) && long(announcing) && prefix(word) == prefix(announcing)
        || STEMMERS.iter().any(|s| {
            let stem = s.stem(word);
            stem.chars().count() >= 4 && stem == s.stem(announcing)
        })
}
