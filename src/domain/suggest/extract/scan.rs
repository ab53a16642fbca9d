//! The message cut into words, punctuation and line breaks, with the
//! helpers every kind of value shares: folded comparison, name-like words.

use crate::domain::search::fold::fold;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    /// Letters and digits, with inner hyphens (`INV-2026-0412`, `Jean-Pierre`).
    Word,
    /// One character that is neither a letter, a digit nor white space.
    Punct,
    /// A line break.
    Break,
}

#[derive(Clone, Debug)]
pub struct Tok<'a> {
    pub text: &'a str,
    /// Lowercase, without accents.
    pub folded: String,
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
}

impl Tok<'_> {
    pub fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }

    pub fn is_punct(&self, chars: &str) -> bool {
        self.kind == TokKind::Punct && chars.contains(self.text)
    }

    pub fn is_digits(&self) -> bool {
        self.is_word() && self.text.bytes().all(|b| b.is_ascii_digit())
    }

    /// How many digits it holds: a code has many ("BW-61029384").
    pub fn digits(&self) -> usize {
        self.text.bytes().filter(u8::is_ascii_digit).count()
    }

    pub fn is_any_of(&self, words: &[&str]) -> bool {
        self.is_word() && words.contains(&self.folded.as_str())
    }
}

/// The tokens of `s`. A hyphen belongs to a word only between two letters
/// or digits, so a code such as `4471-B` stays one token and is never read
/// as the number `4471`.
pub fn tokens(s: &str) -> Vec<Tok<'_>> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(s.len(), |&(at, _)| at);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_alphanumeric() {
            let mut j = i + 1;
            while j < chars.len() {
                let c = chars[j].1;
                let joins = c == '-' && chars.get(j + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
                if c.is_alphanumeric() || joins {
                    j += 1;
                } else {
                    break;
                }
            }
            out.push(tok(s, start, end_of(j), TokKind::Word));
            i = j;
        } else if c == '\n' {
            out.push(tok(s, start, end_of(i + 1), TokKind::Break));
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else {
            out.push(tok(s, start, end_of(i + 1), TokKind::Punct));
            i += 1;
        }
    }
    out
}

fn tok(s: &str, start: usize, end: usize, kind: TokKind) -> Tok<'_> {
    let text = &s[start..end];
    Tok {
        text,
        folded: fold(text),
        start,
        end,
        kind,
    }
}

/// Whether the words at `at` are `phrase` (folded words separated by
/// spaces), punctuation such as the apostrophe of "I'm" skipped; the index
/// after the phrase when they are.
pub fn phrase_at(toks: &[Tok<'_>], at: usize, phrase: &str) -> Option<usize> {
    let mut i = at;
    for (n, want) in phrase.split(' ').enumerate() {
        if n > 0 {
            while toks.get(i).is_some_and(|t| t.is_punct("'’-")) {
                i += 1;
            }
        }
        if toks.get(i)?.is_word() && toks[i].folded == want {
            i += 1;
        } else {
            return None;
        }
    }
    Some(i)
}

/// Whether only spaces (no punctuation, no line break) separate two tokens.
pub fn adjacent(s: &str, a: &Tok<'_>, b: &Tok<'_>) -> bool {
    a.end <= b.start && s[a.end..b.start].chars().all(|c| c == ' ' || c == '\u{a0}')
}

/// Words that begin with a capital but are not people's names: greetings,
/// sign-off words, days and months, titles, and words that start a sentence.
#[rustfmt::skip]
const NOT_NAMES: &[&str] = &[
    "hi", "hello", "hey", "dear", "thanks", "thank", "cheers", "regards", "best", "kind", "many",
    "ta", "thx", "bonjour", "bonsoir", "salut", "coucou", "merci", "cordialement", "bien", "bonne",
    "amities", "bises", "sincerely", "yours", "the", "a", "an", "i", "je", "we", "nous", "vous",
    "you", "not", "no", "yes", "oui", "non", "ok", "okay", "now", "please", "svp", "stp", "help",
    "urgent", "sorry", "desole", "so", "very", "just", "still", "also", "really", "here", "there",
    "ici", "team", "equipe", "service", "support", "customer", "client", "cliente", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "lundi", "mardi",
    "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "january", "february", "march", "april",
    "may", "june", "july", "august", "september", "october", "november", "december", "janvier",
    "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre",
    "novembre", "decembre", "christmas", "joyeux", "joyeuses", "merry", "mr", "mrs", "ms", "miss", "mme", "mlle",
    "madame", "monsieur", "dr", "sir", "madam", "vip", "order", "commande", "ticket", "facture",
    "invoice", "urgent", "bref", "enfin", "voila", "ps", "tel", "phone", "telephone", "mobile",
    "email", "mail", "tracking", "suivi", "cdlt",
    // Departments that sign for a company.
    "facilities", "finance", "accounts", "accounting", "procurement", "purchasing", "billing",
    "payroll", "sales", "marketing", "operations", "reception", "management", "administration",
    "comptabilite", "achats", "direction", "facturation", "logistique", "secretariat", "accueil",
    // A household signs as one: "Famille Besson", "The Smith family".
    "famille", "family",
    // Who someone is to the writer, and how a family signs to its own.
    "mum", "mom", "mam", "mummy", "mommy", "dad", "daddy", "nan", "nana", "nanna", "gran", "granny",
    "grandma", "grandad", "granddad", "grandpa", "hubby", "wifey", "hun", "hon", "babe", "luv",
    "darling", "sis", "bro", "auntie", "aunty", "uncle", "maman", "papa", "mamie", "papi", "papy",
    "mamy", "tata", "tonton",
    // Closings and nobody in particular.
    "rgds", "brgds", "kr", "ciao", "bye", "cya", "xoxo", "anon", "anonymous", "myself", "moi",
    "someone", "quelqu", "boss", "chef",
    // How the writer feels or is: "Regards, Disappointed", "I'm Gutted".
    "disappointed", "frustrated", "angry", "sad", "fuming", "gutted", "upset", "annoyed", "waiting",
    "worried", "heartbroken", "exhausted", "fed", "stressed", "anxious", "desperate", "furious",
    "new", "deaf", "blind", "disabled", "diabetic", "autistic", "dyslexic", "colourblind",
    "colorblind", "pregnant", "enceinte", "handicape", "handicapee", "sourd", "sourde", "aveugle",
    "jewish", "muslim", "catholic", "christian", "hindu", "buddhist", "vegan", "vegetarian",
    "polish", "dutch", "australian", "indian", "chinese", "japanese", "portuguese", "italian",
    "russian", "ukrainian", "romanian", "brazilian", "mexican", "turkish", "greek", "swedish",
    "danish", "norwegian", "finnish", "hungarian", "czech", "austrian", "pakistani", "nigerian",
    "kenyan", "american", "canadian", "british", "english", "scottish", "irish", "welsh",
    "french", "german", "spanish", "belgian", "swiss", "retired", "unemployed", "self",
    // Roles that sign or say "here" ("Landlord here", "Thanks,\nHome Owner").
    "owner", "homeowner", "home", "driver", "agent", "coach", "proprietaire", "supporter",
    "supportrice", "animateur", "animatrice", "gerant", "gerante", "parent", "parents",
    "conducteur", "conductrice", "resident", "residente", "user", "utilisateur", "utilisatrice",
    "abonne", "abonnee", "subscriber", "guest", "host", "hote", "patient", "patiente",
    "volunteer", "benevole", "seller", "vendeur", "vendeuse", "buyer", "acheteur", "acheteuse",
    "courier", "livreur", "livreuse", "staff", "chez", "landlord", "landlady", "tenant",
    "tenants", "student", "admin", "administrator", "policyholder", "passenger", "nurse",
    "infirmier", "infirmiere", "locataire", "locataires", "etudiant", "etudiante", "member",
    "membre", "teacher", "enseignant", "enseignante", "doctor", "engineer", "ingenieur",
    "technician", "technicien", "accountant", "comptable", "secretary", "secretaire",
    "manager", "director", "directeur", "directrice", "employee", "employe",
    "freelancer", "contractor", "retraite", "retraitee", "pensioner", "carer", "caregiver",
    "mother", "father", "mere", "pere", "wife", "husband", "femme", "mari", "son", "daughter",
    "fils", "fille", "friend", "neighbour", "neighbor", "voisin", "voisine",
    // Roles of schools, clubs, associations and buildings that sign:
    // "Regards,\nHeadteacher", "Cordialement,\nLe Trésorier".
    "headteacher", "headmaster", "headmistress", "principal", "treasurer", "bursar", "warden",
    "caretaker", "chairman", "chairwoman", "chairperson", "chair", "clerk", "janitor",
    "concierge", "superintendent", "governor", "governors", "trustee", "trustees", "organiser",
    "organizer", "committee", "president", "presidente", "tresorier", "tresoriere",
    "intendant", "intendante", "proviseur", "proviseure", "principale", "gardien",
    "gardienne", "syndic", "econome", "surveillant", "surveillante", "bureau",
    // How the writer feels, in French.
    "furieux", "furieuse", "decu", "decue", "enerve", "enervee", "degoute", "degoutee",
    "fache", "fachee", "desespere", "desesperee", "inquiet", "inquiete", "delighted",
    "pleased", "thrilled", "outraged", "livid", "confused",
    // Marketplaces and platforms a customer buys, sells or pays through,
    // whose name ends a message as a shop's signature does ("… order
    // 48213. Thanks, Amazon"): no one is called so.
    "amazon", "ebay", "etsy", "paypal", "google", "apple", "facebook", "instagram", "vinted",
    "cdiscount", "fnac", "leboncoin", "shopify", "klarna", "zalando", "aliexpress", "temu",
    "shein", "depop", "whatsapp", "microsoft",
];

/// Titles before a surname: "Mme Besson" names nobody by first name.
#[rustfmt::skip]
pub const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mme", "mlle", "m", "madame", "monsieur", "mademoiselle", "dr",
    "docteur", "prof", "me", "maitre", "pr", "professeur", "professor", "sgt", "sergeant", "capt",
    "captain", "rev", "revd", "reverend", "col", "colonel", "lt", "cpl", "cllr", "sister",
    "father", "fr", "sr", "dame", "lord", "lady", "pere", "soeur", "abbe",
];

/// Whether `t` can be a first name or a surname: one capital then lower
/// case letters (parts joined by hyphens each capitalised), and not a word
/// that merely starts a sentence.
pub fn name_like(t: &Tok<'_>) -> bool {
    let parts_ok = t.text.split('-').all(|part| {
        let mut cs = part.chars();
        cs.next().is_some_and(char::is_uppercase) && cs.all(char::is_lowercase)
    });
    t.is_word()
        && parts_ok
        && t.text.chars().count() >= 2
        && t.text.chars().count() <= 20
        && !NOT_NAMES.contains(&t.folded.as_str())
        && !TITLES.contains(&t.folded.as_str())
}

/// Whether a folded word is one that names no person however it is
/// written: a greeting, a day or a month, a title, a department.
pub fn names_no_one(folded: &str) -> bool {
    NOT_NAMES.contains(&folded) || TITLES.contains(&folded)
}

/// The folded words within `n` tokens before index `at` (nearest last).
pub fn words_before<'t>(toks: &'t [Tok<'_>], at: usize, n: usize) -> impl Iterator<Item = &'t str> {
    toks[at.saturating_sub(n)..at]
        .iter()
        .filter(|t| t.is_word())
        .map(|t| t.folded.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokens(s).iter().map(|t| t.text).collect()
    }

    #[test]
    fn a_code_with_hyphens_is_one_word() {
        assert_eq!(
            texts("SKU 4471-B, réf.44712"),
            ["SKU", "4471-B", ",", "réf", ".", "44712"]
        );
    }

    #[test]
    fn an_apostrophe_and_a_line_break_are_tokens_of_their_own() {
        let toks = tokens("I'm\nJo");
        assert_eq!(
            toks.iter().map(|t| t.kind).collect::<Vec<_>>(),
            [
                TokKind::Word,
                TokKind::Punct,
                TokKind::Word,
                TokKind::Break,
                TokKind::Word
            ]
        );
    }

    #[test]
    fn phrases_match_folded_across_apostrophes() {
        let toks = tokens("Je m’appelle Zoé");
        assert_eq!(phrase_at(&toks, 0, "je m appelle"), Some(4));
        assert_eq!(phrase_at(&toks, 0, "je suis"), None);
    }

    #[test]
    fn a_name_is_capitalised_letters_and_not_a_common_word() {
        let is = |s: &str| name_like(&tokens(s)[0]);
        assert!(is("Zoé") && is("Jean-Pierre") && is("Élise"));
        assert!(!is("VIP") && !is("maria") && !is("Thanks") && !is("Mme") && !is("R2d2"));
    }
}
