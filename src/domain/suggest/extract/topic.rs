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
      "performance", "representation", "wedding", "mariage"],
    &["birth", "born", "naissance", "nee"],
    &["booked", "scheduled", "planned", "prevu", "prevue", "programme", "programmee", "reserve",
      "reservee", "book", "booking", "appointment", "appt", "rdv", "rendez-vous", "visit",
      "visite", "consultation", "session", "seance", "checkup", "check-up", "no-show",
      "non-presentation", "enrolled", "inscrit", "inscrite", "inscrits", "inscrites",
      "inscription", "lesson", "lessons", "lecon", "lecons"],
];

/// Particles that make a verb another ("move in", "move out", "check
/// in"): a variable's word written with one announces its value only
/// where no other particle follows it.
#[rustfmt::skip]
pub const PARTICLES: &[&str] = &["in", "out", "up", "off", "back", "over", "down"];

/// Whether `word` (folded) names one of the occasions a date or an amount
/// is for ("ordered", "livraison", "booked").
pub fn names_an_occasion(word: &str) -> bool {
    OCCASIONS.iter().any(|o| o.contains(&word))
}

/// The words that announce a variable's value.
pub struct Topic {
    forms: Vec<Form>,
    /// Each word a particle follows in the variable's words, as its index
    /// in `forms`, with its particle ("move", "out" of "Move-out date").
    compounds: Vec<(usize, String)>,
    occasions: Vec<&'static str>,
    concepts: Vec<&'static str>,
}

impl Topic {
    /// The topic of a variable whose name and description say `words`.
    pub fn new(words: &[String]) -> Topic {
        // The occasions' forms, stemmed once for every variable.
        static OCCASION_FORMS: LazyLock<Vec<Vec<Form>>> = LazyLock::new(|| {
            OCCASIONS
                .iter()
                .map(|o| o.iter().map(|w| Form::of(w)).collect())
                .collect()
        });
        // "move-out": the word "move", its particle kept beside it.
        let mut plain: Vec<String> = Vec::with_capacity(words.len());
        let mut compounds: Vec<(usize, String)> = Vec::new();
        for w in words {
            match w.split_once('-') {
                Some((first, particle)) if PARTICLES.contains(&particle) => {
                    compounds.push((plain.len(), particle.to_string()));
                    plain.push(first.to_string());
                }
                _ => plain.push(w.clone()),
            }
        }
        let words = plain;
        let forms: Vec<Form> = words.iter().map(|w| Form::of(w)).collect();
        let occasions = OCCASIONS
            .iter()
            .zip(OCCASION_FORMS.iter())
            // "plan" is no form of "planned": a short word meets an
            // occasion only as itself.
            .filter(|(_, of)| {
                of.iter().any(|o| {
                    forms
                        .iter()
                        .any(|f| o.meets(f) && (f.prefix.is_some() || o.word == f.word))
                })
            })
            .flat_map(|(o, _)| o.iter().copied())
            .collect();
        let concepts = words.iter().flat_map(|w| of_word(w)).collect();
        Topic {
            forms,
            compounds,
            occasions,
            concepts,
        }
    }

    /// Whether `word` (folded) announces the variable's value: one of its
    /// words, another form of one, or a word of the same occasion.
    pub fn announces(&self, word: &str) -> bool {
        let form = Form::of(word);
        self.forms.iter().any(|f| form.meets(f))
            || self.occasions.contains(&word)
            || of_word(word).any(|c| self.concepts.contains(&c))
    }

    /// Whether any word of `words` announces the variable's value.
    pub fn announced_in(&self, words: &[String]) -> bool {
        (0..words.len()).any(|at| self.announces_at(words, at))
    }

    /// Whether `words[at]` announces the variable's value, alone, as the
    /// first of an occasion's two words ("rendez-vous" for a booking), or
    /// as the start of a phrase of the same concept ("le rendez-vous du 14
    /// mai" for an appointment).
    pub fn announces_at(&self, words: &[String], at: usize) -> bool {
        let Some(word) = words.get(at) else {
            return false;
        };
        // "I moved in on 2 January" announces no move-out.
        if let Some(next) = words
            .get(at + 1)
            .filter(|n| PARTICLES.contains(&n.as_str()))
        {
            let form = Form::of(word);
            let other = |(first, particle): &(usize, String)| {
                particle != next && form.meets(&self.forms[*first])
            };
            if self.compounds.iter().any(other) {
                return false;
            }
        }
        // "rendez-vous", "check-up": an occasion of two words.
        let phrase = |o: &&str| {
            o.contains('-')
                && o.split('-')
                    .eq(words[at..].iter().take(2).map(String::as_str))
        };
        self.announces(word)
            || self.occasions.iter().any(phrase)
            || concepts(&words[at..(at + 4).min(words.len())])
                .iter()
                .any(|(c, said)| {
                    said.split(' ').next() == Some(word.as_str())
                        && self.concepts.contains(&&c[1..])
                })
    }
}

/// A word (folded) with what [`Form::meets`] compares, worked out once.
pub struct Form {
    word: String,
    /// Its first five letters, when it has five or more.
    prefix: Option<String>,
    /// Its English and French stems, when of four letters or more.
    stems: [Option<String>; 2],
}

impl Form {
    /// The forms of `word` (folded).
    pub fn of(word: &str) -> Form {
        static STEMMERS: LazyLock<[Stemmer; 2]> = LazyLock::new(|| {
            [
                Stemmer::create(Algorithm::English),
                Stemmer::create(Algorithm::French),
            ]
        });
        let prefix = (word.chars().count() >= 5).then(|| word.chars().take(5).collect());
        Form {
            word: word.to_string(),
            prefix,
            stems: STEMMERS.each_ref().map(|s| {
                let stem = s.stem(word);
                (stem.chars().count() >= 4).then(|| stem.into_owned())
            }),
        }
    }

    /// Whether two words are forms of one: the same first five letters
    /// ("ordered" ~ "order", "arrivée" ~ "arrival"), the same English or
    /// French stem ("moving" ~ "move"), or the same shorter word.
    pub fn meets(&self, other: &Form) -> bool {
        self.word == other.word
            || self.prefix.is_some() && self.prefix == other.prefix
            || self
                .stems
                .iter()
                .zip(&other.stems)
                .any(|(a, b)| a.is_some() && a == b)
    }
}
