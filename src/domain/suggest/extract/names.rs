//! People's first names: the customer's, from how they introduce
//! themselves or sign off, and someone's in a role ("our account manager
//! Sarah"). A greeted agent, a colleague, "Mme Besson", a team or a company
//! in the sign-off are nobody's first name.

use super::org::is_business_word;
use super::scan::{TITLES, Tok, TokKind, name_like, phrase_at};
use super::{Candidate, excerpt};

/// How customers introduce themselves, and what may follow the name for
/// the introduction to be one ("this is Laura from …", "ici Laurent de …").
const INTRODUCTIONS: &[(&str, Followers)] = &[
    ("my name is", Followers::Any),
    ("my name s", Followers::Any),
    ("je m appelle", Followers::Any),
    ("mon nom est", Followers::Any),
    ("mon prenom est", Followers::Any),
    ("moi c est", Followers::Any),
    ("i m", Followers::Loose),
    ("i am", Followers::Loose),
    ("im", Followers::Loose),
    ("this is", Followers::Strict),
    ("it s", Followers::Strict),
    ("je suis", Followers::Strict),
    ("ici", Followers::Strict),
    ("c est", Followers::Strict),
];

#[derive(Clone, Copy)]
enum Followers {
    /// Anything: the phrase says a name comes.
    Any,
    /// A break in the sentence, or a word that goes on introducing.
    Loose,
    /// Only what goes on introducing ("from", "de", a comma).
    Strict,
}

/// Words after "I'm X" that show X was a name, not an adjective.
const GO_ON: &[&str] = &[
    "and", "from", "de", "et", "here", "ici", "btw", "du", "at", "chez", "with", "of", "avec",
];
/// What "I'm …" is followed by that is not a name.
const NOT_INTRODUCED: &[&str] = &[
    "english", "french", "british", "american", "german", "spanish", "italian", "belgian",
    "swiss", "canadian", "irish", "scottish", "welsh", "francais", "francaise", "belge",
    "suisse", "anglais", "anglaise",
];

/// Words that open a sign-off ("Thanks,", "Bien à vous,") and the words
/// that may continue it.
const CLOSING_OPENERS: &[&str] = &[
    "thanks", "thank", "cheers", "regards", "best", "kind", "warm", "warmest", "many", "ta",
    "thx", "merci", "cordialement", "bien", "bonne", "sincerely", "yours", "bises", "amities",
    "salutations", "cdlt", "respectueusement", "love", "all", "a",
];
const CLOSING_MORE: &[&str] = &[
    "you", "again", "so", "much", "regards", "wishes", "the", "best", "beaucoup", "d", "avance",
    "a", "vous", "cordialement", "journee", "soiree", "fin", "de", "encore", "bonne", "merci",
    "thanks", "in", "advance", "very", "bien", "tous", "toi", "semaine", "week", "weekend",
    "sinceres", "salutations", "distinguees", "cordiales", "plus",
];

/// The customer's first name: from an introduction first, else from the
/// sign-off.
pub fn customer(message: &str, toks: &[Tok<'_>]) -> Option<Candidate> {
    introduced(message, toks).or_else(|| signed(message, toks))
}

fn introduced(message: &str, toks: &[Tok<'_>]) -> Option<Candidate> {
    for i in 0..toks.len() {
        for (phrase, followers) in INTRODUCTIONS {
            let Some(at) = phrase_at(toks, i, phrase) else { continue };
            let Some(name) = toks.get(at).filter(|t| name_like(t)) else { continue };
            if NOT_INTRODUCED.contains(&name.folded.as_str()) || is_business_word(&name.folded) {
                continue;
            }
            let mut next = at + 1;
            // A surname after the first name.
            while toks.get(next).is_some_and(|t| name_like(t) && !is_business_word(&t.folded)) {
                next += 1;
            }
            let goes_on = match toks.get(next) {
                None => true,
                Some(t) if t.kind == TokKind::Break || t.is_punct(",") => true,
                Some(t) if t.is_punct(".!;:)") => !matches!(followers, Followers::Strict),
                Some(t) => matches!(followers, Followers::Any) || t.is_any_of(GO_ON),
            };
            if goes_on {
                return Some(Candidate::new(name.text, excerpt(message, toks[i].start, toks[next - 1].end)));
            }
        }
    }
    None
}

/// The first name the message ends with: alone on its last line ("\nJohn"),
/// after a closing word ("Thanks, Maria", "Merci. Bruno") or after the last
/// sentence ("Any idea? Lucy"). "Mme Besson", a team ("Service
/// comptabilité") or a company ("Kestrel Ltd") there is no first name.
fn signed(message: &str, toks: &[Tok<'_>]) -> Option<Candidate> {
    let mut end = toks.len();
    while end > 0 && toks[end - 1].kind == TokKind::Break {
        end -= 1;
    }
    let line_start = toks[..end].iter().rposition(|t| t.kind == TokKind::Break).map_or(0, |b| b + 1);
    let multi_line = line_start > 0;
    let line = &toks[line_start..end];
    let trailing = line.last().is_some_and(|t| t.is_punct(".!?…"));
    let line = if trailing { &line[..line.len() - 1] } else { line };
    let after_sentence = line.iter().rposition(|t| t.is_punct(".!?…"));
    let mut i = after_sentence.map_or(0, |p| p + 1);
    while line.get(i).is_some_and(|t| t.is_punct("-—–~*")) {
        i += 1;
    }
    let line_opening = i;
    let mut closing = false;
    if line.get(i).is_some_and(|t| t.is_any_of(CLOSING_OPENERS)) {
        closing = true;
        i += 1;
        while line
            .get(i)
            .is_some_and(|t| t.is_any_of(CLOSING_MORE) || t.is_any_of(CLOSING_OPENERS) || t.is_punct(",'’!."))
        {
            i += 1;
        }
    }
    let placed = closing || after_sentence.is_some() || (multi_line && i == line_opening && after_sentence.is_none());
    if !placed || (trailing && !closing && !multi_line) {
        return None;
    }
    let who = &line[i..];
    let first_part = who.iter().position(|t| t.is_punct(",")).map_or(who, |c| &who[..c]);
    let first = first_part.first()?;
    let is_person = (1..=3).contains(&first_part.len())
        && first_part.iter().all(|t| name_like(t) && !is_business_word(&t.folded))
        && !TITLES.contains(&first.folded.as_str());
    (is_person && !greeted(toks, first)).then(|| {
        let last = first_part.last().unwrap_or(first);
        Candidate::new(first.text, excerpt(message, first.start, last.end))
    })
}

/// Whether the message greets `name` ("Hi Julie,"): then it is the agent's.
fn greeted(toks: &[Tok<'_>], name: &Tok<'_>) -> bool {
    toks.windows(2).any(|w| {
        w[0].is_any_of(&["hi", "hello", "hey", "dear", "bonjour", "bonsoir", "salut", "coucou"])
            && w[1].text == name.text
    })
}

/// The first name next to a role ("our account manager Sarah", "notre
/// chargé de compte, Marc", "Marc, our account manager").
pub fn in_role(message: &str, toks: &[Tok<'_>], role: &[&str]) -> Option<Candidate> {
    let mut found: Option<Candidate> = None;
    for i in 0..toks.len() {
        for phrase in role {
            let Some(mut at) = phrase_at(toks, i, phrase) else { continue };
            while toks.get(at).is_some_and(|t| t.is_punct(",:") || t.is_any_of(&["is", "est", "was", "etait"])) {
                at += 1;
            }
            let after = toks.get(at).filter(|t| name_like(t));
            let before = i
                .checked_sub(2)
                .filter(|&b| toks[b + 1].is_punct(",") && name_like(&toks[b]))
                .map(|b| &toks[b]);
            let Some(name) = after.or(before) else { continue };
            let (s, e) = (name.start.min(toks[i].start), name.end.max(toks[at.min(toks.len() - 1)].end));
            match &found {
                Some(c) if c.value != name.text => return None,
                Some(_) => {}
                None => found = Some(Candidate::new(name.text, excerpt(message, s, e))),
            }
        }
    }
    found
}
