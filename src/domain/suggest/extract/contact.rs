//! E-mail addresses, phone numbers, links and dates, each as written in
//! the message.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex_lite::Regex;

use super::scan::{phrase_at, tokens};
use super::topic::{Form, Topic, names_an_occasion};
use super::{Candidate, excerpt, keep_one, next_word, reach, sentence_around, someone_elses};
use crate::domain::search::fold::{last_words, words};
use crate::domain::suggest::language::phone_numbers;

/// The phone number the message gives that fits the variable's pattern
/// (a mobile, not the landline beside it), or none when it gives two.
pub fn phone(message: &str, contact: bool, fits: &dyn Fn(&str) -> bool) -> Option<Candidate> {
    // "bar the SIM … you can reach me on my work number 07700 900999": the
    // number to call the customer on is not the line concerned.
    #[rustfmt::skip]
    const REACH_ME: &[&str] = &[
        "reach me", "call me", "ring me", "text me", "contact me", "me joindre", "m appeler",
        "me rappeler", "joignable", "me contacter",
    ];
    let mut found: Option<Candidate> = None;
    for at in phone_numbers(message) {
        let number = &message[at.clone()];
        // "call me on my wife's phone, 07700 900456": not the line asked about.
        if someone_elses(message, at.start, at.end) {
            continue;
        }
        let sentence = sentence_around(message, at.start, at.end);
        let toks = tokens(&message[sentence.start..at.start]);
        let to_reach = (toks.len().saturating_sub(12)..toks.len()).any(|i| {
            REACH_ME
                .iter()
                .any(|say| phrase_at(&toks, i, say).is_some())
        });
        if to_reach && !contact {
            continue;
        }
        if fits(number) && !keep_one(&mut found, number, || excerpt(message, at.start, at.end)) {
            return None;
        }
    }
    found
}

/// An address's postcode: a British one written whole, anywhere ("Is
/// there a problem in BS3 4NX?"); five digits (France, a US ZIP) only
/// when said to be one ("code postal 69100", "zip 10001") or written
/// before their town ("74940 Annecy"), since an order number is as often
/// five digits. One said to be the old one ("old one CF5 1AB", "ancien
/// code postal") is not taken; of two others, the one said to be new,
/// else none. For the new one of a move (`new`), one the customer moves
/// from or is at now is the old one. It fits the variable's pattern
/// (`fits`).
pub fn postcode(message: &str, new_one: bool, fits: &dyn Fn(&str) -> bool) -> Option<Candidate> {
    static UK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b").expect("valid regex")
    });
    static FIVE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b[0-9]{5}\b").expect("valid regex"));
    const SAID: &[&str] = &["postcode", "postal", "zip", "zipcode", "cp", "post"];
    // Not "from" and "to" but for the new one of a move: a removal's
    // start is "from", and a variable may be its postcode.
    const OLD: &[&str] = &["old", "previous", "current", "ancien", "ancienne", "actuel"];
    const LEFT: &[&str] = &["from", "currently", "de", "depuis", "actuellement"];
    // Five digits a word names as something else: "account 48213 York".
    #[rustfmt::skip]
    const NAMED: &[&str] = &[
        "order", "commande", "account", "compte", "ref", "reference", "customer", "client",
        "number", "numero", "no", "nr", "invoice", "facture", "ticket", "case", "dossier",
        "booking", "id",
    ];
    const NEW: &[&str] = &["new", "nouveau", "nouvelle", "nouvel"];
    // "no idea of the postcode … home is CT18 8EE": the one the customer
    // does not know is not the one given.
    let folded: Vec<String> = words(message).collect();
    let unknown = folded.iter().enumerate().any(|(i, w)| {
        let before = &folded[i.saturating_sub(5)..i];
        SAID.contains(&w.as_str())
            && before
                .iter()
                .any(|b| ["idea", "know", "sure", "sais"].contains(&b.as_str()))
            && before
                .iter()
                .any(|b| ["no", "not", "dont", "t", "pas", "unsure", "never"].contains(&b.as_str()))
    });
    if unknown {
        return None;
    }
    let town_after = |end: usize| {
        let rest = &message[end..];
        rest.strip_prefix(' ')
            .is_some_and(|r| r.starts_with(|c: char| c.is_uppercase()))
    };
    let mut found: Vec<(usize, usize, bool)> = Vec::new();
    let uk = UK.find_iter(message).map(|m| (m.start(), m.end(), true));
    let five = FIVE.find_iter(message).map(|m| (m.start(), m.end(), false));
    for (start, end, british) in uk.chain(five) {
        let before = last_words(&message[..start], 3);
        let said = before.iter().any(|w| SAID.contains(&w.as_str()));
        let named = before.iter().any(|w| NAMED.contains(&w.as_str()));
        if !british && !said && (named || !town_after(end)) {
            continue;
        }
        let left = new_one && before.iter().any(|w| LEFT.contains(&w.as_str()));
        if left
            || before.iter().any(|w| OLD.contains(&w.as_str()))
            || !fits(message[start..end].trim())
        {
            continue;
        }
        let new = before.iter().any(|w| NEW.contains(&w.as_str()));
        found.push((start, end, new));
    }
    let chosen = match found.as_slice() {
        [one] => one,
        many => {
            let new: Vec<_> = many.iter().filter(|f| f.2).collect();
            match new.as_slice() {
                [one] => *one,
                _ => return None,
            }
        }
    };
    Some(Candidate::new(
        message[chosen.0..chosen.1].trim(),
        excerpt(message, chosen.0, chosen.1),
    ))
}

/// The customer's (new) e-mail address: of "from X to Y" or "l'ancien X,
/// le nouveau Y", Y; an address called old, current or wrong is never
/// taken alone, since the reply wants the one to use, and of two offered
/// as alternatives ("X or Y") none is; nor, beside the one an account is
/// registered with, a new one where no change of address is asked.
pub fn email(message: &str) -> Option<Candidate> {
    static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
            .expect("valid regex")
    });
    const NEW: &[&str] = &[
        "new",
        "nouveau",
        "nouvelle",
        "to",
        "par",
        "pour",
        "now",
        "maintenant",
        "desormais",
        "use",
        "utiliser",
        "utilisez",
    ];
    #[rustfmt::skip]
    const OLD: &[&str] = &[
        "old", "current", "ancien", "ancienne", "actuel", "actuelle", "previous", "from", "access",
        "acces", "used", "was", "etait", "currently", "actuellement",
    ];
    // What a change of address says, for "to" to announce the new one.
    #[rustfmt::skip]
    const CHANGE: &[&str] = &[
        "change", "changed", "update", "updated", "switch", "move", "moved", "email", "mail",
        "address", "adresse", "courriel", "changer", "modifier", "remplacer",
    ];
    // What was done to the account, not asked: "was changed to X", "a été
    // remplacée par X".
    const PASSIVE: &[&str] = &["was", "been", "got", "were", "ete"];
    #[rustfmt::skip]
    const CHANGED: &[&str] = &[
        "changed", "updated", "switched", "change", "changee", "modifie", "modifiee", "remplace",
        "remplacee",
    ];
    // Words of a break-in: the address beside them is the intruder's.
    #[rustfmt::skip]
    const BREAK_IN: &[&str] = &[
        "hacked", "hacker", "hackers", "hack", "hijacked", "compromised", "pirate", "piratee",
        "pirates", "usurpe", "usurpee", "fraudster", "scammer", "scam", "arnaque",
    ];
    // Asking for a change: "change my email", "X, can you update it?".
    const CHANGE_IT: &[&str] = &["change", "update", "changer", "modifier", "remplacer"];
    // The mailboxes of a business, not a customer's: support@, noreply@.
    #[rustfmt::skip]
    const BUSINESS: &[&str] = &[
        "support", "noreply", "no-reply", "donotreply", "do-not-reply", "help", "helpdesk",
        "customerservice", "customercare", "service-client", "serviceclient", "sav", "info",
        "contact",
    ];
    // "x@y.com is wrong", "x@y.fr n'est plus valide": not the one to use.
    #[rustfmt::skip]
    const DEAD: &[&str] = &[
        "wrong", "incorrect", "anymore", "longer", "obsolete", "faux", "fausse", "errone",
        "erronee", "invalide", "plus", "closed", "ferme", "fermee",
    ];
    // What denies a new-address word: "I no longer use X".
    const DENIED: &[&str] = &[
        "no", "not", "never", "dont", "don", "longer", "plus", "pas", "jamais",
    ];
    // An account "registered with", "signed up with", "inscrit avec" X:
    // the account's address.
    #[rustfmt::skip]
    const REGISTERED: &[&str] = &[
        "registered", "signed", "inscrit", "inscrite", "enregistre", "enregistree",
    ];
    let mut new = Vec::new();
    let mut plain = Vec::new();
    let mut beside_anothers = false;
    let mut registered = false;
    // "Please change my email. … Grace Liu, grace@hotmail.co.uk": asked
    // to change the address, the customer gives the new one as such, and
    // a plain one after the ask is the old one in the signature. Where the
    // ask ends, read once.
    let asked_to_change_by = {
        let said: Vec<(String, usize)> =
            crate::domain::search::fold::words_ending(message).collect();
        (0..said.len()).find_map(|i| {
            if !CHANGE_IT.contains(&said[i].0.as_str()) {
                return None;
            }
            said[i + 1..]
                .iter()
                .take(3)
                .find(|(w, _)| ["email", "mail", "courriel"].contains(&w.as_str()))
                .map(|&(_, end)| end)
        })
    };
    let mut from = 0;
    for m in EMAIL.find_iter(message) {
        // "josé.muñoz@…" is matched from "oz@": an address whose start is
        // cut off (by a letter beyond ASCII, an apostrophe) is another,
        // valid-looking one. None is proposed, rather than a stranger's.
        if message[..m.start()]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '\'' || c == '\u{2019}')
        {
            return None;
        }
        let before: Vec<String> = words(&message[from..m.start()]).collect();
        let c = Candidate::new(m.as_str(), excerpt(message, m.start(), m.end()));
        // "X or Y": the customer offers two, and which one is theirs to say.
        if from > 0 && before.first().is_some_and(|w| w == "or" || w == "ou") {
            return None;
        }
        let local = m.as_str().split('@').next().unwrap_or("").to_lowercase();
        // "For now reply to X": the address in use until the change, as an
        // old one is: neither new nor the one to take.
        let until_changed = before[before.len().saturating_sub(5)..]
            .windows(2)
            .any(|w| w[0] == "for" && w[1] == "now");
        if BUSINESS.contains(&local.as_str()) || until_changed {
            from = m.end();
            continue;
        }
        // The nearest marker decides: "from the old X to Y"; "the wrong one:
        // X" is no address to use.
        // "to" ("par", "pour") names the new address after a word of change ("update my
        // email to X") or after another address ("from X to Y", "I booked
        // with X … can the tickets go to Y instead?"), not the first place
        // something is sent ("send the invoice to Y").
        let to_new = |at: usize| {
            from > 0
                || before[at.saturating_sub(4)..at]
                    .iter()
                    .any(|w| CHANGE.contains(&w.as_str()))
        };
        let marker = before.iter().rev().take(4).position(|w| {
            let w = w.as_str();
            (NEW.contains(&w) && !["to", "par", "pour"].contains(&w))
                || OLD.contains(&w)
                || DEAD.contains(&w)
        });
        // Someone else's: "the hacker changed the email to X", "my wife's
        // email, X"; what the account "was changed to" without the customer
        // ("My email was changed to X, I didn't do that!"), and any address
        // in a sentence about a break-in ("Someone hacked it and changed it
        // to X"): the intruder's, never the one to write to.
        let sentence_words: Vec<String> =
            words(&message[sentence_around(message, m.start(), m.end())]).collect();
        let break_in = sentence_words
            .iter()
            .any(|w| BREAK_IN.contains(&w.as_str()));
        let passive = before[before.len().saturating_sub(5)..]
            .windows(2)
            .any(|w| PASSIVE.contains(&w[0].as_str()) && CHANGED.contains(&w[1].as_str()));
        let third = someone_elses(message, m.start(), m.end()) || break_in || passive;
        let to = before
            .iter()
            .rposition(|w| w == "to" || w == "par" || w == "pour")
            .filter(|&t| before.len() - t <= 4 && to_new(t));
        let marker = match (marker, to) {
            (Some(m), Some(t)) => Some(m.min(before.len() - 1 - t)),
            (m, t) => m.or(t.map(|t| before.len() - 1 - t)),
        };
        // "I no longer use X", "je n'utilise plus X": a new-address word
        // denied is an old address's.
        let denied = marker.is_some_and(|m| {
            before
                .iter()
                .rev()
                .skip(m + 1)
                .take(2)
                .any(|w| DENIED.contains(&w.as_str()))
        });
        let marker = marker.map(|m| &before[before.len() - 1 - m]);
        let sentence = &message[m.end()..sentence_around(message, m.start(), m.end()).end];
        // Unless what is dead is the old one: "X, the old one gets closed".
        let dead = words(sentence)
            .find(|w| DEAD.contains(&w.as_str()) || OLD.contains(&w.as_str()))
            .is_some_and(|w| DEAD.contains(&w.as_str()));
        let change_asked = asked_to_change_by.is_some_and(|end| end <= m.start());
        // "X is my email, can you change it?": the one to change.
        let to_change = words(sentence).any(|w| CHANGE_IT.contains(&w.as_str()));
        match marker {
            _ if third => beside_anothers = true,
            _ if dead || denied => {}
            Some(w) if NEW.contains(&w.as_str()) => new.push(c),
            Some(_) => {}
            None if to_change || change_asked => {}
            None => {
                registered |= before
                    .iter()
                    .rev()
                    .take(4)
                    .any(|w| REGISTERED.contains(&w.as_str()));
                plain.push(c);
            }
        }
        from = m.end();
    }
    // "Delete my account, registered with X. Send confirmation to my new
    // email Y": the account's address and another to write to, with no
    // change of address asked; which one the reply wants, the message does
    // not say.
    let change_said = words(message).any(|w| CHANGE_IT.contains(&w.as_str()) || w == "switch");
    if registered && !new.is_empty() && !change_said {
        return None;
    }
    // Beside someone else's, a plain address may be theirs too: "I signed
    // up with X but my colleague added me as Y".
    let pick = match (new.is_empty(), beside_anothers) {
        (false, _) => new,
        (true, false) => plain,
        (true, true) => return None,
    };
    let first = pick.first()?;
    pick.iter()
        .all(|c| c.value == first.value)
        .then(|| first.clone())
}

/// A link that fits, with one of `topic` in it or in the words just before
/// it ("the tracking link https://…", "le lien de suivi https://…").
pub fn url(message: &str, topic: &[&str], fits: &dyn Fn(&str) -> bool) -> Option<Candidate> {
    static URL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"https?://[^\s<>"'()\[\]{}]+"#).expect("valid regex"));
    let mut found: Option<Candidate> = None;
    for m in URL.find_iter(message) {
        let value = m.as_str().trim_end_matches(['.', ',', ';', ':', '!', '?']);
        let in_url = value.to_lowercase();
        let about = topic.is_empty()
            || topic.iter().any(|w| in_url.contains(w))
            || last_words(&message[..m.start()], 6)
                .iter()
                .any(|w| topic.contains(&w.as_str()));
        if !about || !fits(value) {
            continue;
        }
        let end = m.start() + value.len();
        // "My friend's store https://…": someone else's; "see screenshot
        // at https://…": a file shared, no address of the customer's.
        let shared = last_words(
            &message[sentence_around(message, m.start(), end).start..m.start()],
            5,
        )
        .iter()
        .any(|w| SHARED.contains(&w.as_str()));
        if shared || someone_elses(message, m.start(), end) {
            continue;
        }
        // "the label link … doesn't open": sending it back answers nothing.
        if broken(message, m.start(), m.start() + value.len()) {
            return None;
        }
        if !keep_one(&mut found, value, || {
            excerpt(message, m.start(), m.start() + value.len())
        }) {
            return None;
        }
    }
    found
}

/// What a link just after these words shares, folded: a screenshot, a
/// photo, a file.
#[rustfmt::skip]
const SHARED: &[&str] = &[
    "screenshot", "screenshots", "screen", "photo", "photos", "picture", "pictures", "pic",
    "pics", "image", "images", "video", "capture", "file", "files", "document", "receipt",
    "proof", "attachment", "album", "recu", "justificatif", "fichier",
];

/// Whether the sentence of the link at `start..end` says it does not work.
fn broken(message: &str, start: usize, end: usize) -> bool {
    const FAILS: &[&str] = &[
        "doesn't open",
        "doesnt open",
        "does not open",
        "doesn't work",
        "doesnt work",
        "does not work",
        "not working",
        "won't open",
        "wont open",
        "can't open",
        "cant open",
        "cannot open",
        "broken",
        "dead link",
        "error",
        "404",
        "expired",
        "invalid",
        "ne marche pas",
        "ne fonctionne pas",
        "ne s'ouvre pas",
        "marche pas",
        "fonctionne pas",
        "erreur",
        "expiré",
        "expire",
        "invalide",
        "cassé",
        "lien mort",
    ];
    let sentence = super::sentence_around(message, start, end);
    let around = format!(
        "{} {}",
        &message[sentence.start..start],
        &message[end..sentence.end]
    )
    .to_lowercase()
    .replace('’', "'");
    FAILS.iter().any(|f| around.contains(f))
}

/// Words that say what happened on a date (folded; other forms meet them
/// as [`Form::meets`] says).
#[rustfmt::skip]
const EVENTS: &[&str] = &[
    "arrived", "arrivee", "delivered", "livre", "livree", "received", "recu", "recue",
    "cancelled", "canceled", "annule", "annulee", "returned", "retourne", "refunded",
    "rembourse", "shipped", "expedie", "dispatched", "sent", "envoye", "charged", "debite",
    "ordered", "commande", "booked", "reserve", "born", "paid", "paye", "due", "expected",
    "prevu", "prevue", "supposed", "promised", "meant", "cense", "censee", "promis", "promise",
    "postponed", "rescheduled", "moved", "reporte", "reportee", "decale", "decalee", "deplace",
    "deplacee", "renvoye", "renvoyee", "serviced", "repaired", "repare", "reparee", "renewed",
    "renouvele", "renouvelee", "installed", "installe", "installee", "joined", "registered",
    "inscrit", "inscrite", "emailed",
];

/// Words of a change of day ("move it to…", "décaler au…").
#[rustfmt::skip]
const CHANGE: &[&str] = &[
    "move", "change", "reschedule", "rearrange", "rebook", "switch", "swap", "push", "bring",
    "postpone", "decaler", "deplacer", "reporter", "changer", "avancer", "modifier", "repousser",
];

/// Whether `word` (folded) is a form of one of [`CHANGE`].
fn is_change(word: &str) -> bool {
    static CHANGE_FORMS: LazyLock<Vec<Form>> =
        LazyLock::new(|| CHANGE.iter().map(|c| Form::of(c)).collect());
    let form = Form::of(word);
    CHANGE_FORMS.iter().any(|c| form.meets(c))
}

/// Whether `word` (folded) is a form of one of [`EVENTS`].
fn is_event(word: &str) -> bool {
    static EVENT_FORMS: LazyLock<Vec<Form>> =
        LazyLock::new(|| EVENTS.iter().map(|e| Form::of(e)).collect());
    let form = Form::of(word);
    EVENT_FORMS.iter().any(|e| form.meets(e))
}

/// Words that put a date near, not on, a day: "around 12 March", "vers le
/// 12 mars". Only just before the date: "vers minuit le 28" is sure of
/// the day.
#[rustfmt::skip]
const APPROXIMATE: &[&str] = &["around", "about", "circa", "approximately", "environ", "vers"];

/// Words near a date that say the customer is unsure of it.
#[rustfmt::skip]
const UNSURE: &[&str] = &[
    "maybe", "perhaps", "possibly", "think", "unsure", "sure", "peut", "crois", "pense",
    "either", "soit", "sais", "remember", "souviens", "might",
];

/// Words that put two dates side by side, as a list, a sequence or a
/// correction ("débité le 12 mars puis le 13 mars").
#[rustfmt::skip]
const LISTING: &[&str] = &[
    "and", "or", "et", "ou", "instead", "lieu", "plutot", "mais", "but", "not", "pas", "then",
    "puis", "ensuite", "again",
];

/// Words that put another day after a date than one of a list: the end of
/// a stay or an absence ("arrive on 18 September and leave on the 21st",
/// "away until 10 June"), or today ("ordered on 12 March and it's now the
/// 30th").
#[rustfmt::skip]
const ENDS: &[&str] = &[
    "leave", "leaving", "out", "until", "till", "away", "depart", "departure", "back",
    "return", "returning", "partir", "repartir", "quitter", "jusqu", "retour", "absent", "now",
    "today", "maintenant", "aujourd",
];

/// Words that claim a date for something else than an occasion's day: a
/// deadline, an expiry, a span's start, a renewal, a reminder.
#[rustfmt::skip]
const CLAIMING: &[&str] = &[
    "expire", "expires", "expired", "expiry", "expiring", "expiration", "runs", "ran", "renew",
    "renews", "renewal", "since", "depuis", "from", "valid", "deadline", "before", "avant",
    "latest", "reminder", "rappel", "last", "dernier", "derniere", "birthday", "anniversaire",
    "echeance", "prochain", "next", "tomorrow", "demain", "yesterday", "hier", "week", "semaine",
    "posted", "poste", "postee", "wrote", "written", "emailed", "mailed", "called", "rang",
    "phoned", "contacted", "spoke", "ecrit", "appele", "contacte", "telephone", "parle",
];

/// Verbs that tell a day booked or given, folded: "you booked me in for
/// …", "Gary said it would be …", "on m'a dit le …".
#[rustfmt::skip]
const BOOKED: &[&str] = &[
    "booked", "scheduled", "arranged", "said", "told", "says", "confirmed", "dit", "confirme",
    "prevu", "prevue",
];

/// Words just before a date that say the customer already has it.
#[rustfmt::skip]
const HAD: &[&str] = &[
    "have", "had", "my", "mine", "is", "s", "was", "j", "ai", "mon", "ma", "est", "etait", "booked",
    "reserve", "reservee", "prevu", "prevue",
];

/// Words of a sentence that asks for something.
#[rustfmt::skip]
const ASKING: &[&str] = &[
    "could", "can", "would", "please", "pls", "possible", "svp", "voudrais", "souhaite",
    "souhaiterais", "pourriez", "pouvez", "peux", "serait",
];

/// Words of a sentence that proposes a day.
#[rustfmt::skip]
const PROPOSING: &[&str] = &[
    "could", "would", "can", "suit", "suits", "work", "works", "ok", "okay", "possible", "free",
    "available", "please", "convient", "conviendrait", "irait", "dispo", "disponible", "svp",
    "pourriez", "pouvez", "serait",
];

/// Words after a date that say it is the one wanted instead of another.
const INSTEAD: &[&str] = &["instead", "plutot", "place", "lieu", "rather"];

/// Words after a date that say it is a mistake.
#[rustfmt::skip]
const WRONG: &[&str] = &[
    "wrong", "wrongly", "mistake", "mistakenly", "incorrect", "typo", "erreur", "incorrecte",
    "faux", "fausse", "errone", "erronee",
];

/// `message` with the word "né" written "nee": folded, it would be the
/// French negation "ne", yet it announces a date of birth as "née" does
/// ("il est né le 3 mai"). As long as what it replaces, so that every
/// position in the message holds.
fn born_spelled(message: &str) -> Cow<'_, str> {
    let letter_at = |i: usize| message[i..].chars().next().is_some_and(char::is_alphabetic);
    let letter_before = |i: usize| {
        message[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic)
    };
    let born: Vec<usize> = message
        .match_indices("né")
        .chain(message.match_indices("Né"))
        .map(|(i, _)| i)
        .filter(|&i| !letter_before(i) && !letter_at(i + "né".len()))
        .collect();
    if born.is_empty() {
        return Cow::Borrowed(message);
    }
    let mut spelled = message.to_string();
    for i in born {
        spelled.replace_range(i + 1..i + "né".len(), "ee");
    }
    Cow::Owned(spelled)
}

/// Where the date found at `start..end` of `message` starts, or `None`
/// when it is no date. A day without its month is one after "the" ("booked
/// in for the 18th", taken as "the 18th"), unless a count follows it ("the
/// 3rd time", "the 2nd of 3 instalments").
fn day_start(message: &str, start: usize, end: usize) -> Option<usize> {
    #[rustfmt::skip]
    const COUNTED: &[&str] = &[
        "of", "time", "times", "attempt", "try", "floor", "birthday", "anniversary", "century",
        "place", "call", "email", "mail", "message", "letter", "reminder", "item", "order",
        "payment", "instalment", "installment", "month", "week", "year", "day", "visit",
        "session", "lesson", "one", "person", "child", "edition", "row", "class", "grade",
        "generation", "gen", "round", "level", "stage", "chapter", "page", "line",
        "option", "choice", "parcel", "package", "box", "bag", "delivery", "booking", "ticket",
        "invoice", "bill", "charge", "refund", "appointment", "complaint", "case",
    ];
    let date = &message[start..end];
    // "lundi 10:30" is a time.
    let mut after = message[end..].chars();
    if date.ends_with(|c: char| c.is_ascii_digit())
        && matches!((after.next(), after.next()), (Some(':' | '.' | 'h'), Some(d)) if d.is_ascii_digit())
    {
        return None;
    }
    if !date.ends_with(|c: char| c.is_ascii_alphabetic())
        || date.contains(|c: char| c.is_whitespace() || c == '/')
    {
        return Some(start);
    }
    let head = message[..start].trim_end_matches([' ', '\t']);
    let the = head.len().checked_sub(3)?;
    let before_the = head.get(..the)?.chars().next_back();
    let counted = words(&message[end..])
        .next()
        .is_some_and(|w| COUNTED.contains(&w.as_str()));
    (head.get(the..)?.eq_ignore_ascii_case("the")
        && !before_the.is_some_and(char::is_alphanumeric)
        && !counted)
        .then_some(the)
}

/// Whether `before`, the words before a date, end by denying it: "not 5
/// May", "et pas le 12/04/2022". The date before such a one is the right
/// one ("born on 3 May 2016, not 3 May 2015").
fn negates(before: &[String]) -> bool {
    const ON: &[&str] = &["the", "on", "of", "le", "du", "au", "en"];
    before
        .iter()
        .rev()
        .find(|w| !ON.contains(&w.as_str()))
        .is_some_and(|w| ["not", "pas", "non"].contains(&w.as_str()))
}

/// Whether a date can be on a calendar: "31/02/2027" and "31 April"
/// cannot, whichever way round the numbers are read.
fn possible(date: &str) -> bool {
    #[rustfmt::skip]
    const MONTHS: &[(&str, u32)] = &[
        ("jan", 1), ("january", 1), ("janv", 1), ("janvier", 1), ("feb", 2), ("february", 2),
        ("fev", 2), ("fevr", 2), ("fevrier", 2), ("mar", 3), ("march", 3), ("mars", 3),
        ("apr", 4), ("april", 4), ("avr", 4), ("avril", 4), ("may", 5), ("mai", 5), ("jun", 6),
        ("june", 6), ("juin", 6), ("jul", 7), ("july", 7), ("juil", 7), ("juillet", 7),
        ("aug", 8), ("august", 8), ("aout", 8), ("sep", 9), ("sept", 9), ("september", 9),
        ("septembre", 9), ("oct", 10), ("october", 10), ("octobre", 10), ("nov", 11),
        ("november", 11), ("novembre", 11), ("dec", 12), ("december", 12), ("decembre", 12),
    ];
    let fits = |day: u32, month: u32| {
        let most = match month {
            2 => 29,
            4 | 6 | 9 | 11 => 30,
            1..=12 => 31,
            _ => 0,
        };
        (1..=most).contains(&day)
    };
    let numbers: Vec<u32> = date
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    if date.contains(['/', '.', '-']) {
        return match numbers.as_slice() {
            [year, month, day] if *year > 31 => fits(*day, *month),
            [a, b, ..] => fits(*a, *b) || fits(*b, *a),
            _ => false,
        };
    }
    let month = words(date).find_map(|w| {
        let w = w.trim_start_matches(|c: char| c.is_ascii_digit());
        MONTHS.iter().find(|(name, _)| *name == w).map(|&(_, m)| m)
    });
    match (month, numbers.first()) {
        (Some(month), Some(&day)) => fits(day, month),
        (None, Some(&day)) => (1..=31).contains(&day),
        _ => true,
    }
}

/// A date as customers write it: "3 May", "vendredi 16 juillet", "May 3rd,
/// 2027", "12/03", "14.08.1962", "14-08-1962", "2027-03-14". Dots and
/// dashes only with a year of this century or the last, as "1.2.3" and
/// "12-34" are versions and references.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let months = "jan(?:uary|vier)?|feb(?:ruary)?|f[ée]v(?:rier)?|mar(?:ch|s)?|apr(?:il)?|avr(?:il)?|may|mai|june?|juin|july?|juil(?:let)?|aug(?:ust)?|ao[ûu]t|sept?(?:ember|embre)?|oct(?:ober|obre)?|nov(?:ember|embre)?|dec(?:ember)?|d[ée]c(?:embre)?";
    // A weekday before it is part of it: "vendredi 16 juillet"; with a
    // weekday, a day alone is one: "lundi 16".
    let weekdays = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche";
    // Abbreviated ("Weds 8 July") only before a whole date, and "Mon" only
    // capitalised: "mon 6 juillet" is French for "my".
    let short = r"(?-i:Mon)|tues?|weds?|thu(?:rs?)?|fri|sat|sun";
    Regex::new(&format!(
        r"(?i)\b(?:(?:{weekdays}|(?:{short})\.?)[ \t]+)?(?:[0-9]{{1,2}}(?:st|nd|rd|th|er)?[ \t]+(?:of[ \t]+)?(?:{months})\b\.?(?:[ \t]+[0-9]{{4}})?|(?:{months})\.?[ \t]+[0-9]{{1,2}}(?:st|nd|rd|th)?\b(?:,?[ \t]+[0-9]{{4}})?|[0-9]{{1,2}}/[0-9]{{1,2}}(?:/[0-9]{{2,4}})?\b|[0-9]{{1,2}}[.-][0-9]{{1,2}}[.-](?:19|20)[0-9]{{2}}\b|(?:19|20)[0-9]{{2}}-[0-9]{{2}}-[0-9]{{2}}\b|[0-9]{{1,2}}(?:st|nd|rd|th)\b)|\b(?:{weekdays})[ \t]+[0-9]{{1,2}}(?:er)?\b"
    ))
    .expect("valid regex")
});

/// A French day without its month: "mon rdv du 9", "posée le 2 (680 £)",
/// "de vendredi au 27 ?". Only the day is the date (see [`dates`]).
static FRENCH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:le|du|au)[ \t]+([0-9]{1,2})(?:er)?\b").expect("valid regex")
});

/// The dates of `text`, in order: each [`DATE`], and each [`FRENCH_DAY`]
/// that is no part of one and ends its clause or is followed by a word
/// that cannot count it ("le 9 est impossible", not "le 9 mars", "le 12
/// rue…", "du 38", "le 10 h 30"), nor joins it to another ("du 14 au 16",
/// "le 9 ou le 10").
fn dates(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    #[rustfmt::skip]
    const THEN: &[&str] = &[
        "est", "etait", "svp", "a", "car", "mais", "je", "j", "pour", "avec", "ca", "c", "ce",
        "qui", "que", "n", "ne", "il", "elle", "on", "nous", "vous", "dernier", "prochain",
        "matin", "soir", "apres", "midi", "merci", "alors", "sinon", "plutot", "comme", "donc",
        "si", "s", "me", "m", "chez",
    ];
    let whole: Vec<std::ops::Range<usize>> = DATE.find_iter(text).map(|m| m.range()).collect();
    let days = FRENCH_DAY
        .captures_iter(text)
        .filter_map(|c| c.get(1))
        .map(|d| d.range())
        .filter(move |d| {
            let rest = text[d.end..].trim_start_matches("er");
            let after = rest.trim_start_matches([' ', '\t']);
            // "le 9." ends a clause; "le 1.5" is a number.
            let ends = match after.chars().next() {
                None => true,
                Some('.') => !after[1..].starts_with(|c: char| c.is_ascii_digit()),
                // "du 9, 10 ou 11" lists days.
                Some(',') => !after[1..]
                    .trim_start()
                    .starts_with(|c: char| c.is_ascii_digit()),
                Some(c) => ";!?()\n".contains(c),
            };
            let mut next = words(after);
            let then = match (next.next(), next.next()) {
                (Some(w), _) if THEN.contains(&w.as_str()) => true,
                // "du 12 et vous avez…", not "le 9 et le 10".
                (Some(w), Some(after)) if w == "et" || w == "ou" => {
                    !["le", "du", "au", "l"].contains(&after.as_str())
                        && !after.starts_with(|c: char| c.is_ascii_digit())
                }
                _ => false,
            };
            ends || then
        })
        .collect::<Vec<_>>();
    let alone = days
        .into_iter()
        .filter(|d| !whole.iter().any(|w| w.start < d.end && d.start < w.end))
        .collect::<Vec<_>>();
    let mut all = whole;
    all.extend(alone);
    all.sort_by_key(|r| r.start);
    all.into_iter()
}

/// Whether `text` is a date and nothing else: a variable whose example is
/// one wants a date.
pub fn is_date(text: &str) -> bool {
    let text = text.trim();
    DATE.find(text)
        .is_some_and(|m| m.start() == 0 && m.end() == text.len())
}

/// A date announced by its variable's words (`announced_by`: see
/// [`Topic`]) at most eight words before it in its sentence, with no other
/// date between ("due on 15 November", "à échéance le 30 octobre", "I
/// ordered a tote bag and a poster on 14 February"), or just after it
/// ("the 12 December gig"), as written. Failing that, in a message that
/// speaks of the variable's occasion near no date, or for the `only` date
/// a reply reads (the reply says what it is for), the one date the message
/// proposes that nothing else claims (see [`Seen::unclaimed`]).
///
/// With `wanted`, the date a change lands on instead ("could I move it to
/// Friday 6 March?", "décaler au jeudi 5 mars", "Monday 20 April
/// instead?"), announced by no variable's words.
pub fn date(message: &str, announced_by: &[String], wanted: bool, only: bool) -> Option<Candidate> {
    let spelled = born_spelled(message);
    let message = spelled.as_ref();
    let topic = Topic::new(announced_by);
    let found_dates: Vec<std::ops::Range<usize>> = dates(message).collect();
    if found_dates.is_empty() || found_dates.len() > MOST_DATES {
        return None;
    }
    let all = Words::of(message);
    let due = announced_by.iter().any(|w| w == "due");
    let mut found = Kept::default();
    // "my son Ben (born 03/05/2017) … I was born on 21/11/1984": a date
    // said to be someone else's gives way to the customer's own.
    let mut theirs = Kept::default();
    let mut correction = Kept::default();
    let mut own = Kept::default();
    let mut unclaimed = Kept::default();
    let mut any_announced = false;
    let mut previous_end = 0;
    for m in found_dates {
        let Some(start_at) = day_start(message, m.start, m.end) else {
            continue;
        };
        let seen = Seen::new(message, &all, m.clone(), previous_end, &topic);
        previous_end = m.end;
        // The words it came from end where the value does: "14 March", not
        // the sentence's full stop after it.
        let value = message[start_at..m.end].trim_end_matches('.');
        let context = || excerpt(message, start_at, start_at + value.len());
        // "My date of birth is wrong on my record. It should be 14 July
        // 1986, not 1968": the date a correction gives, in a message about
        // the variable's occasion, is the one, whatever came before it.
        if !wanted && seen.correction() && topic.announced_in(seen.all_before) {
            if possible(value) && !seen.doubtful() {
                correction.keep(value, context);
            }
            continue;
        }
        // "I'm away until 18 June": the end of a stay is no day booked,
        // nor one wanted; "we'll pay before 15 January" is the customer's
        // promise, not the day the invoice was due.
        if ends_a_stay(&seen.sentence_before)
            || due && promised_by_the_customer(&seen.sentence_before)
            || !wanted && (seen.away() || seen.moved_since())
        {
            continue;
        }
        // "you have 12/03/1985 which is my wife's. Mine is 14/07/1986":
        // the customer's own, in a message about the variable's occasion.
        if !wanted
            && seen.mine()
            && topic.announced_in(seen.all_before)
            && possible(value)
            && !seen.doubtful()
        {
            own.keep(value, context);
            continue;
        }
        // "déplacer mon rendez-vous de vendredi au 27": the 27th is wanted,
        // not booked.
        let nearest = if wanted {
            seen.wanted().then_some(0)
        } else if seen.lands() {
            None
        } else {
            seen.nearest()
        };
        any_announced |= nearest.is_some();
        // No other event after the announcing word: "my order arrived on
        // 9 May" says when it arrived, not when it was placed.
        let announced = nearest.is_some_and(|k| {
            !seen
                .before
                .iter()
                .rev()
                .take(k)
                .any(|w| seen.other_event(w))
        });
        if !announced && (wanted || nearest.is_some() || !seen.unclaimed()) {
            continue;
        }
        if seen.doubtful() || !possible(value) {
            continue;
        }
        if !announced {
            unclaimed.keep(value, context);
        } else if someone_elses(message, m.start, m.end) {
            theirs.keep(value, context);
        } else if !found.keep(value, context) {
            return None;
        }
    }
    // "I'd like to book my Fiesta in for its MOT. … Could you do Tuesday 7
    // April?": a message that speaks of the variable's occasion, near no
    // date, and proposes one date nothing else claims gives that one.
    let occasion = || !any_announced && (only || topic.announced_in(&all.folded));
    correction
        .one()
        .or(own.one())
        .or(found.one())
        .or_else(|| theirs.one())
        .or_else(|| occasion().then(|| unclaimed.one()).flatten())
}

/// Whether the customer says, before a date, what they will or can do by
/// then, or asks to: "we'll pay before", "nous ne pourrons pas régler
/// avant", "I can transfer it before", "can we pay before", "pouvons-nous
/// payer avant", "is it OK if we pay before"; or, without saying who, a
/// payment asked, promised or planned: "is it OK to pay before", "payment
/// will be made before", "will pay before", "plan to pay before". Not what
/// must be done ("I have to pay before", "payment must be made before"),
/// nor what was due ("it was due before"): the due date itself.
fn promised_by_the_customer(before: &[String]) -> bool {
    const ME: &[&str] = &["i", "we", "je", "j", "nous", "on"];
    #[rustfmt::skip]
    const WILL: &[&str] = &[
        "will", "ll", "can", "cant", "cannot", "could", "couldnt", "wont", "might", "plan",
        "hope", "vais", "allons", "va", "pourrai", "pourrais", "pourrons", "pourrions", "peux",
        "pouvons", "peut", "compte", "comptons", "espere", "esperons", "paierai", "paierons",
        "reglerai", "reglerons", "able", "may", "would", "shall", "puis", "pourrait",
    ];
    // Words that ask whether a payment may be made, or plan one.
    #[rustfmt::skip]
    const ASKING: &[&str] = &[
        "ok", "okay", "alright", "possible", "fine", "acceptable", "going", "planning", "planned",
        "intend", "intending", "aim", "aiming", "want", "prefer", "envisage", "prevois",
        "prevoyons", "possibilite", "sera", "seront", "fera", "ferai", "ferons", "accord",
    ];
    // Words of paying, as prefixes: pay, payment, paiement, settle,
    // régler, règlement, transfer, virement, verser.
    #[rustfmt::skip]
    const PAYING: &[&str] = &[
        "pay", "paie", "paiement", "settl", "regl", "transfer", "virement", "virer", "verse",
        "remit",
    ];
    // What must be done, or was due: the due date itself.
    #[rustfmt::skip]
    const MUST: &[&str] = &[
        "must", "need", "needs", "required", "due", "deadline", "doit", "dois", "devons",
        "devez", "faut", "echeance", "exigible",
    ];
    // Said just before the date: "I need to know if we can pay before"
    // asks all the same.
    let near = &before[before.len().saturating_sub(5)..];
    let must = near.iter().any(|w| MUST.contains(&w.as_str()))
        || near
            .windows(2)
            .any(|w| ["have", "has", "had", "got"].contains(&w[0].as_str()) && w[1] == "to");
    if must {
        return false;
    }
    let paying = |w: &String| PAYING.iter().any(|p| w.starts_with(p));
    before.iter().enumerate().any(|(i, w)| {
        ME.contains(&w.as_str())
            && before[i + 1..]
                .iter()
                .take(3)
                .any(|v| WILL.contains(&v.as_str()))
    })
    // Asked: "can we pay before", "pouvons-nous payer avant", "is it OK
    // if we pay before".
    || before.windows(2).any(|w| {
        (WILL.contains(&w[0].as_str()) || ["if", "si"].contains(&w[0].as_str()))
            && ME.contains(&w[1].as_str())
    })
    // Said of the payment itself, within three words of it: "is it OK to
    // pay before", "payment will be made before", "plan to pay before".
    || before.iter().enumerate().any(|(i, w)| {
        paying(w)
            && before[i.saturating_sub(3)..i]
                .iter()
                .chain(before[i + 1..].iter().take(3))
                .any(|v| WILL.contains(&v.as_str()) || ASKING.contains(&v.as_str()))
    })
}

/// Whether the words just before a date make it the end of a stay or an
/// absence: "away until 18 June", "en déplacement jusqu'au 18", "I'm back
/// on 20 May"; not what
/// something is valid until ("valid until 31 Dec", "valable jusqu'au …").
fn ends_a_stay(before: &[String]) -> bool {
    // "I'm back on 20 May", "de retour le 20 mai": the day an absence ends.
    let back = matches!(before, [.., back, on] if ["back", "retour"].contains(&back.as_str())
        && ["on", "le", "from"].contains(&on.as_str()))
        || matches!(before, [.., back] if back == "back" || back == "retour");
    if back {
        return true;
    }
    let near = &before[before.len().saturating_sub(3)..];
    let until = near
        .iter()
        .position(|w| ["until", "till", "jusqu"].contains(&w.as_str()));
    until.is_some_and(|at| {
        let valid = [
            "valid", "valable", "good", "open", "expires", "expire", "runs",
        ];
        !before[..before.len() - near.len() + at]
            .iter()
            .rev()
            .take(2)
            .any(|w| valid.contains(&w.as_str()))
    })
}

/// More dates than this in one message make it a timetable or a log, not
/// a customer's message about one day: no date of it is proposed. It also
/// bounds the work, as each date is read in its sentence and against the
/// words before it.
const MOST_DATES: usize = 32;

/// The words of a message, folded, each with the byte where it ends: read
/// once, for every date to look back on.
struct Words {
    folded: Vec<String>,
    ends: Vec<usize>,
}

impl Words {
    fn of(message: &str) -> Words {
        let (folded, ends) = crate::domain::search::fold::words_ending(message).unzip();
        Words { folded, ends }
    }

    /// The words that end before byte `at`.
    fn before(&self, at: usize) -> &[String] {
        &self.folded[..self.ends.partition_point(|&e| e <= at)]
    }
}

/// The one value a message states for a variable, or none once it states
/// two (see [`keep_one`]).
#[derive(Default)]
struct Kept {
    value: Option<Candidate>,
    two: bool,
}

impl Kept {
    /// Keeps `value`; false when another was kept before.
    fn keep(&mut self, value: &str, context: impl FnOnce() -> String) -> bool {
        let one = keep_one(&mut self.value, value, context);
        self.two |= !one;
        one
    }

    fn one(self) -> Option<Candidate> {
        self.value.filter(|_| !self.two)
    }
}

/// The word just before the end of `before`, past "the" or "le": "move
/// it to the 16th" is onto the 16th.
fn word_before(before: &[String]) -> Option<&String> {
    match before {
        [.., w, the] if ["the", "le"].contains(&the.as_str()) => Some(w),
        [.., w] => Some(w),
        [] => None,
    }
}

/// A date found in a message, with what is around it.
struct Seen<'m> {
    message: &'m str,
    /// The date's bytes in the message.
    at: std::ops::Range<usize>,
    /// Its sentence's.
    sentence: std::ops::Range<usize>,
    /// The words before it in its sentence, since the date before it: a
    /// word announces the nearest date after it ("ordered on 3 May, it
    /// came on 9 May" says nothing of an order on 9 May).
    before: Vec<String>,
    /// The words after it, to its sentence's end.
    rest: Vec<String>,
    /// Every word of its sentence before it, earlier dates' included.
    sentence_before: Vec<String>,
    /// Every word of the message before it.
    all_before: &'m [String],
    /// Every word of the message.
    all: &'m [String],
    /// Where the date before it ends (0 for the first).
    previous_end: usize,
    topic: &'m Topic,
}

impl<'m> Seen<'m> {
    fn new(
        message: &'m str,
        all: &'m Words,
        at: std::ops::Range<usize>,
        previous_end: usize,
        topic: &'m Topic,
    ) -> Seen<'m> {
        let sentence = sentence_around(message, at.start, at.end);
        let from = sentence.start.max(previous_end);
        Seen {
            message,
            before: words(&message[from..at.start]).collect(),
            rest: words(&message[at.end..sentence.end]).collect(),
            sentence_before: words(&message[sentence.start..at.start]).collect(),
            all_before: all.before(at.start),
            all: &all.folded,
            at,
            sentence,
            previous_end,
            topic,
        }
    }

    /// How far before the date the nearest word that announces it stands
    /// (0 also for the word just after it: "the 12 December gig").
    fn nearest(&self) -> Option<usize> {
        let before = &self.before;
        let booking = self.topic.announces("appointment");
        (0..reach(before, 8))
            .find(|k| {
                self.topic.announces_at(before, before.len() - 1 - k)
                    || booking && self.visit_said(before.len() - 1 - k)
            })
            .or_else(|| {
                self.next_word()
                    .is_some_and(|w| self.topic.announces(&w))
                    .then_some(0)
            })
    }

    fn next_word(&self) -> Option<String> {
        // "I had it serviced on 3 June. Bought it last year": a full stop
        // read with the date ("June." as "Jun.") before a capital ends its
        // sentence, and what follows is no word of this date's.
        let rest = self.message[self.at.end..].trim_start();
        if self.message[self.at.clone()].ends_with('.') && rest.starts_with(char::is_uppercase) {
            return None;
        }
        next_word(self.message, self.at.end, self.sentence.end)
    }

    /// Whether `before[at]` tells of the customer's own visit (which is a
    /// booking's day): "I had my balayage done with Chloe on
    /// Tuesday 3 March", "I came in on the 9th", "j'ai fait un balayage
    /// avec Thomas le mardi 3 mars", "j'ai passé l'IELTS le 14 octobre";
    /// not what they had by text or by post ("I got a text on 3 May").
    fn visit_said(&self, at: usize) -> bool {
        #[rustfmt::skip]
        const VISITED: &[&str] = &[
            "had", "did", "got", "sat", "came", "visited", "attended", "eu", "fait", "passe",
            "venu", "venue", "assiste",
        ];
        #[rustfmt::skip]
        const SENT: &[&str] = &[
            "text", "texts", "sms", "email", "emails", "mail", "mails", "message", "letter", "call",
            "appel", "courrier", "reminder", "rappel", "notification", "parcel", "colis", "delivery",
            "livraison", "refund", "remboursement", "quote", "devis", "invoice", "facture", "bill",
            "charge", "reply", "reponse", "answer", "confirmation",
        ];
        let before = &self.before;
        let mine = at > 0 && ["i", "ai", "suis"].contains(&before[at - 1].as_str());
        mine && VISITED.contains(&before[at].as_str())
            && !before[at..].iter().any(|w| SENT.contains(&w.as_str()))
    }

    /// Whether `w` is a word of change of day, and not the variable's own
    /// occasion: for a removal's `move_day`, "the move on the 22nd" moves
    /// nothing.
    fn changes(&self, w: &str) -> bool {
        is_change(w) && !self.topic.announces(w)
    }

    /// Whether `w` says another thing happened than the variable's.
    fn other_event(&self, w: &str) -> bool {
        is_event(w) && !self.topic.announces(w)
    }

    /// Whether the customer cannot want the date: the business moved it
    /// ("you moved me to the 16th"), a change leaves it ("move it from 6
    /// July to 8 July"), or an absence ends on it ("en déplacement
    /// jusqu'au 18").
    fn not_wanted(&self, before: &[String]) -> bool {
        let theirs = self.all_before.windows(2).any(|p| {
            ["you", "vous", "they", "ils", "on"].contains(&p[0].as_str()) && is_change(&p[1])
        });
        let left = word_before(before).is_some_and(|w| ["from", "du", "de"].contains(&w.as_str()));
        theirs || left || ends_a_stay(before)
    }

    /// Whether the customer says they are away then: "I'm on holiday
    /// from 20 June to 26 June", "I'll be away on 3 May", "je suis en
    /// vacances du 3 au 10": after a word of the variable's, if any ("I'm
    /// away next week but my appointment is on 30 June" is the day
    /// booked).
    fn away(&self) -> bool {
        #[rustfmt::skip]
        const BE: &[&str] = &[
            "m", "am", "re", "are", "be", "was", "were", "suis", "serai", "sommes", "serons",
            "etais", "etions",
        ];
        #[rustfmt::skip]
        const AWAY: &[&str] = &[
            "away", "abroad", "holiday", "holidays", "vacation", "absent", "absente", "vacances",
            "conge", "conges", "deplacement",
        ];
        let before = &self.sentence_before;
        let Some(at) = (1..before.len()).rev().find(|&k| {
            AWAY.contains(&before[k].as_str())
                && before[k.saturating_sub(2)..k]
                    .iter()
                    .any(|w| BE.contains(&w.as_str()))
        }) else {
            return false;
        };
        !(at + 1..before.len()).any(|k| self.topic.announces_at(before, k))
    }

    /// Whether the date was the day promised or had, and the rest of its
    /// sentence says it was moved since: "supposed to arrive on 14 June
    /// but it moved to 15 June", "was on 3 May but got postponed to 9
    /// May". Not a change asked ("… can it be moved to 15 June?"), which
    /// leaves the day booked.
    fn moved_since(&self) -> bool {
        #[rustfmt::skip]
        const ASKED: &[&str] = &[
            "can", "could", "would", "want", "like", "please", "possible", "may", "peux", "pouvez",
            "pourriez", "voudrais", "possibilite", "svp", "est",
        ];
        // A date's full stop ("30 April.") ends its sentence.
        if self.message[self.at.clone()].ends_with('.') {
            return false;
        }
        let rest = &self.message[self.at.end..self.sentence.end];
        let Some(later) = dates(rest).next() else {
            return false;
        };
        // Said to be on that day before, as promised or as it was: "we
        // were supposed to arrive on 14 June", "my appointment was on 3
        // May"; not "the gig on 19 November has been pushed back", whose
        // day the ticket still names.
        #[rustfmt::skip]
        const WAS: &[&str] = &[
            "supposed", "meant", "due", "expected", "scheduled", "planned", "was", "were",
            "cense", "censee", "censes", "prevu", "prevue", "devait", "devions", "etait",
        ];
        if !self
            .sentence_before
            .iter()
            .any(|w| WAS.contains(&w.as_str()))
        {
            return false;
        }
        let between: Vec<String> = words(&rest[..later.start]).collect();
        #[rustfmt::skip]
        const MOVED: &[&str] = &[
            "moved", "changed", "postponed", "rescheduled", "pushed", "delayed", "brought",
            "reporte", "reportee", "decale", "decalee", "deplace", "deplacee", "renvoye",
            "renvoyee", "change", "changee",
        ];
        if !between.iter().any(|w| MOVED.contains(&w.as_str())) {
            return false;
        }
        // "… but the meeting has moved, can I swap it to Thursday 5th?":
        // a change asked leaves the day booked.
        !between.iter().any(|w| ASKED.contains(&w.as_str()))
    }

    /// Whether the date follows "mine is", "mine's", "la mienne est", "le
    /// mien c'est".
    fn mine(&self) -> bool {
        let near: Vec<&str> = self
            .before
            .iter()
            .rev()
            .take(3)
            .map(String::as_str)
            .collect();
        matches!(
            near.as_slice(),
            ["is" | "s", "mine", ..]
                | ["est", "mien" | "mienne", ..]
                | ["est", "c", "mien" | "mienne"]
        )
    }

    /// Whether the date is the one a change lands on: after "to", "for",
    /// "au", "à" or "pour" following a word of change in its sentence
    /// ("can I change my appt on 22/06 to 29/06", "décaler au jeudi 5
    /// mars"), before "instead" or "plutôt" ("Could we do Monday 20 April
    /// instead?"), or proposed in a message that asks for a change ("Can we
    /// bring the move forward? … Would Friday 11th work?", "décaler mon
    /// rdv de mardi prochain, est-ce que le vendredi 27 mars ça irait ?").
    /// It is not the day booked.
    fn lands(&self) -> bool {
        let before = &self.sentence_before;
        if self.not_wanted(before) {
            return false;
        }
        let onto = word_before(before)
            .is_some_and(|w| ["to", "for", "au", "a", "pour"].contains(&w.as_str()));
        // "I need to reschedule, you booked me in for Tuesday 12 May",
        // "Gary said it would be Tuesday 12 May": after the change, and
        // since the date before, a booking or a word given tells the day
        // had, not the one wanted ("I booked for Friday 13 March, could I
        // have Friday 20 March instead?" wants the second).
        let since = &self.before;
        let booked = since
            .iter()
            .rposition(|w| BOOKED.contains(&w.as_str()))
            .is_some_and(|b| !since[b + 1..].iter().any(|w| self.changes(w)));
        let changed = before.iter().any(|w| self.changes(w));
        let instead = self
            .rest
            .iter()
            .take(3)
            .any(|w| INSTEAD.contains(&w.as_str()));
        let sentence = &self.message[self.sentence.clone()];
        // Not one said to be had just before: "it's on the 3rd of April,
        // can it go later?", "my appointment on 3 March"; but "could I move
        // to the session on 16 January?" names the one moved to.
        let near: Vec<&str> = before.iter().rev().take(4).map(String::as_str).collect();
        let had = near.iter().take(3).enumerate().any(|(k, w)| {
            HAD.contains(w)
                || names_an_occasion(w)
                    && !near[k + 1..]
                        .iter()
                        .find(|w| !["the", "la", "le", "l"].contains(w))
                        .is_some_and(|w| ["to", "a", "au", "for", "pour"].contains(w))
        });
        // "can I move my check-up on Tuesday 3 March?": the day of the
        // customer's own thing, said right after it, is the one it is on.
        let of_mine = word_before(before).is_some_and(|w| w == "on")
            && near.iter().take(4).any(|w| ["my", "our"].contains(w));
        let proposed = (sentence.contains('?')
            || words(sentence).any(|w| PROPOSING.contains(&w.as_str())))
            && self.all_before.iter().any(|w| self.changes(w))
            && (!(had || of_mine) || self.put_as_a_question());
        (onto && changed || proposed) && !booked || instead
    }

    /// Whether an offer ends the date's sentence: "is Friday 20 March
    /// available?", "would Monday work?", "le 27 mars, c'est possible ?".
    fn put_as_a_question(&self) -> bool {
        const OFFERED: &[&str] = &[
            "available",
            "free",
            "possible",
            "ok",
            "okay",
            "work",
            "suit",
            "disponible",
            "libre",
            "dispo",
        ];
        // The sentence ends before its `?`.
        self.message[self.sentence.end..].starts_with('?')
            && self
                .rest
                .iter()
                .take(3)
                .any(|w| OFFERED.contains(&w.as_str()))
    }

    /// Whether the date is one the customer wants: one a change lands on
    /// (see [`Seen::lands`]), or the one day a booking request asks for.
    fn wanted(&self) -> bool {
        let before = &self.sentence_before;
        if self.not_wanted(before) {
            return false;
        }
        // "Could I book a cut with Chloe on Saturday 14 March please?": a
        // day asked for, in a sentence that asks, and not the one already
        // had ("I have an appointment on Tuesday 3 March", "mon rdv du 9").
        let sentence = &self.message[self.sentence.clone()];
        let asks = sentence.contains('?')
            || words(sentence).any(|w| ASKING.contains(&w.as_str()) || w == "like");
        let had = before
            .iter()
            .rev()
            .take(4)
            .any(|w| HAD.contains(&w.as_str()) || names_an_occasion(w) && w != "book");
        let claimed = before.iter().any(|w| {
            CLAIMING.contains(&w.as_str())
                || ENDS.contains(&w.as_str())
                || is_event(w) && !["book", "booking"].contains(&w.as_str())
        });
        let change_asked = self.all_before.iter().any(|w| self.changes(w));
        let asked = asks && !had && !claimed && !change_asked;
        self.lands() || asked
    }

    /// Whether the date is one the customer proposes ("Could you do
    /// Tuesday 7 April?", "Wednesday 11 March would suit me") that no word
    /// of its sentence claims for an occasion, an event, a deadline or a
    /// stay's end, that is not wanted instead, nor someone else's, nor
    /// followed by the occasion ("I made it on 1 March for arrival": the
    /// day it was made). "I ordered it. On 9 May I was still waiting"
    /// proposes nothing.
    fn unclaimed(&self) -> bool {
        let claimed_by = |w: &String| {
            is_event(w)
                || names_an_occasion(w)
                || ENDS.contains(&w.as_str())
                || CLAIMING.contains(&w.as_str())
        };
        let claims = |w: &String| !self.topic.announces(w) && claimed_by(w);
        // "I moved in on 2 January" claims it for moving in, even for a
        // move-out date.
        let claims_at = |k: usize| {
            let w = &self.sentence_before[k];
            !self.topic.announces_at(&self.sentence_before, k) && claimed_by(w)
        };
        let sentence = &self.message[self.sentence.clone()];
        let proposed =
            sentence.contains('?') || words(sentence).any(|w| PROPOSING.contains(&w.as_str()));
        proposed
            && !(0..self.sentence_before.len()).any(claims_at)
            && !self.next_word().is_some_and(|w| claims(&w))
            && !self
                .rest
                .iter()
                .any(|w| INSTEAD.contains(&w.as_str()) || self.topic.announces(w))
            && !someone_elses(self.message, self.at.start, self.at.end)
    }

    /// Whether the date is the one a correction gives: just after "should
    /// be", "it's", "c'est", "actually"…, in a message that calls something
    /// wrong, or denying what follows ("c'est le 14 juillet 1986 et non
    /// 1968") or what came before ("down as 03/04/1991 but it's
    /// 04/03/1991").
    fn correction(&self) -> bool {
        let before = &self.sentence_before;
        let mut said = before.iter().map(String::as_str).rev().peekable();
        while said.next_if(|w| ["the", "le", "on"].contains(w)).is_some() {}
        let said: Vec<&str> = said.take(3).collect();
        let marker = match said.as_slice() {
            ["be", "should", ..] | ["etre", "devrait", ..] | ["etre", "doit", ..] => Some(2),
            ["s", "it", ..] | ["is", "it", ..] | ["est", "c", ..] => Some(2),
            ["actually", ..] | ["fait", "en", ..] => Some(1),
            _ => None,
        };
        let Some(marker) = marker else {
            return false;
        };
        let but = said
            .get(marker)
            .is_some_and(|w| ["but", "mais"].contains(w));
        let denies = self
            .rest
            .iter()
            .take(2)
            .any(|w| ["not", "non", "pas"].contains(&w.as_str()));
        but || denies || self.all.iter().any(|w| WRONG.contains(&w.as_str()))
    }

    /// Whether the date's sentence leaves it in doubt: called wrong, one of
    /// a list, denied, the end of a range, or one the customer is unsure of.
    fn doubtful(&self) -> bool {
        let (message, at, before) = (self.message, &self.at, &self.before);
        let (start, sentence) = (self.sentence.start, &message[self.sentence.clone()]);
        // "typed his date of birth as 14/02/2001 by mistake", "my birth
        // date is wrong: 14/02/2001".
        let called_wrong = words(sentence).any(|w| WRONG.contains(&w.as_str()));
        // "I ordered on 12 March and on 14 March".
        let listed = dates(sentence).any(|other| {
            let (a, b) = if other.start < at.start - start {
                (other.end, at.start - start)
            } else {
                (at.end - start, other.start)
            };
            let between = sentence.get(a..b).unwrap_or("");
            // "from the 9th, could do the 16th or 17th": a list of the
            // dates after it, not with it.
            if dates(between).next().is_some() {
                return false;
            }
            let between: Vec<String> = words(between).collect();
            // "le 3 mai 2016, pas le 3 mai 2015" corrects the second.
            let corrected = other.start > at.start - start && negates(&between);
            // "arrive on 18 September and leave on the 21st", "delivered on
            // 6 June but I was away until 10 June": the other date is
            // another event's, not one of a list.
            let another_event = between
                .iter()
                .any(|w| ENDS.contains(&w.as_str()) || self.other_event(w));
            between.len() <= 5
                && between.iter().any(|w| LISTING.contains(&w.as_str()))
                && !another_event
                && !corrected
        });
        // "between 14 and 16 June", "du 14 au 16 juin", "14-16 June": a
        // range, not a date; "the 9th or 10th of June", "le 10 ou le 12
        // juin": one of two. Not "22/06 to 29/06": two whole dates, a
        // change.
        let all_before = self.all_before;
        let day = |n: &str| {
            let n = n.trim_end_matches(char::is_alphabetic);
            !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())
        };
        let joined = |w: &str| ["and", "to", "au", "et", "or", "ou"].contains(&w);
        let after_a_date = self.previous_end > 0
            && words(message.get(self.previous_end..at.start).unwrap_or("")).count() <= 2;
        let range = !after_a_date
            && (matches!(all_before, [.., n, w] if day(n) && joined(w))
                || matches!(all_before, [.., n, w, a] if day(n) && joined(w)
                    && ["le", "the"].contains(&a.as_str())))
            || message[..at.start].trim_end().ends_with(['-', '–'])
            || before
                .iter()
                .rev()
                .take(4)
                .any(|w| w == "between" || w == "entre");
        // "12 March? or maybe 13th?", "vers le 12 mars je crois", "We
        // could do 30 April, or the day after".
        let near: Vec<String> = words(&message[start..at.start])
            .chain(words(
                message
                    .get(at.end..(at.end + 30).min(message.len()))
                    .unwrap_or(""),
            ))
            .collect();
        let or_after = self.rest.first().is_some_and(|w| w == "or" || w == "ou");
        let unsure = or_after
            || near.iter().any(|w| UNSURE.contains(&w.as_str()))
            || before
                .iter()
                .rev()
                .take(2)
                .any(|w| APPROXIMATE.contains(&w.as_str()));
        let corrects = self.correction();
        (called_wrong || listed) && !corrects || negates(before) || range || unsure
    }
}
