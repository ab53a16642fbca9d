//! People's first names: the customer's, from how they introduce
//! themselves or sign off, and someone's in a role ("our account manager
//! Sarah"). A greeted agent, a colleague, "Mme Besson", a team or a company
//! in the sign-off are nobody's first name.

use super::org::{is_business_word, is_carrier_word};
use super::scan::{TITLES, Tok, TokKind, name_like, phrase_at};
use super::{Candidate, excerpt, keep_one};
use crate::domain::suggest::concepts::is_support_word;
use crate::domain::suggest::language::is_stop_word;

/// How customers introduce themselves, and what may follow the name for
/// the introduction to be one ("this is Laura from …", "ici Laurent de …").
const INTRODUCTIONS: &[(&str, Followers)] = &[
    ("my name is", Followers::Any),
    ("my name s", Followers::Any),
    ("my first name is", Followers::Any),
    ("my first name s", Followers::Any),
    ("je m appelle", Followers::Any),
    ("mon prenom est", Followers::Any),
    ("moi c est", Followers::Any),
    ("i m", Followers::Loose),
    ("i am", Followers::Loose),
    ("im", Followers::Loose),
    ("this is", Followers::Strict),
    ("it s", Followers::Here),
    ("c est", Followers::Here),
    ("je suis", Followers::Strict),
    ("ici", Followers::Strict),
];

#[derive(Clone, Copy)]
enum Followers {
    /// Anything: the phrase says a name comes.
    Any,
    /// A break in the sentence, or a word that goes on introducing.
    Loose,
    /// Only what goes on introducing ("from", "de", a comma).
    Strict,
    /// Only "here" or "from" ("it's Maria here", "c'est Nadia de …"): "it's
    /// X," is too often a thing.
    Here,
}

/// Words after "I'm X" that show X was a name, not an adjective.
const GO_ON: &[&str] = &[
    "and", "from", "de", "et", "here", "ici", "btw", "du", "at", "chez",
];
/// What "I'm …" is followed by that is not a name.
#[rustfmt::skip]
const NOT_INTRODUCED: &[&str] = &[
    "english", "french", "british", "american", "german", "spanish", "italian", "belgian", "swiss",
    "canadian", "irish", "scottish", "welsh", "francais", "francaise", "belge", "suisse",
    "anglais", "anglaise", "ridiculous", "unacceptable", "outrageous", "absurd", "insane", "crazy",
    "urgent", "important", "serious", "disgusting", "scandaleux", "inadmissible", "away", "back",
    "done", "out", "off", "home", "sick", "tired", "fed", "unable", "happy", "unhappy", "upset",
    "angry", "disappointed", "confused", "stuck", "desperate", "shocked", "livid", "sure",
    "afraid", "certain", "moving", "glad", "sorry", "writing", "trying", "worried", "desole",
    "desolee", "navre", "navree", "content", "contente", "heureux", "heureuse", "choque",
    "choquee", "inquiet", "inquiete", "parisien", "parisienne", "breton",
    "bretonne", "quebecois", "quebecoise", "lyonnais", "lyonnaise", "marseillais",
    "marseillaise",
];

/// Words that open a sign-off ("Thanks,", "Bien à vous,") and the words
/// that may continue it.
#[rustfmt::skip]
const CLOSING_OPENERS: &[&str] = &[
    "thanks", "thank", "cheers", "regards", "best", "kind", "warm", "warmest", "many", "ta", "thx",
    "merci", "cordialement", "bien", "bonne", "sincerely", "yours", "bises", "amities",
    "salutations", "cdlt", "respectueusement", "love", "all", "a", "warmly", "much", "bisous",
    "cdt", "slt", "slts", "cordt", "bsr", "bjr", "anyway", "anyhow", "bref", "god", "stay",
    "take", "keep", "peace", "blessings", "hugs", "belle", "au", "have", "speak", "talk",
    "looking", "gros", "grosses", "tia", "appreciate", "grateful", "remerciant", "attente",
    "attendant", "attends",
];
#[rustfmt::skip]
const CLOSING_MORE: &[&str] = &[
    "you", "again", "so", "much", "regards", "wishes", "the", "best", "beaucoup", "d", "avance",
    "a", "vous", "cordialement", "journee", "soiree", "fin", "de", "encore", "bonne", "merci",
    "thanks", "in", "advance", "very", "bien", "tous", "toi", "semaine", "week", "weekend",
    "sinceres", "salutations", "distinguees", "cordiales", "plus", "appreciated", "care", "safe",
    "well", "bless", "bientot", "plaisir", "continuation", "nice", "day", "good", "one", "soon",
    "forward", "it", "easy", "blessed", "kindly", "grateful", "thankful", "reconnaissant",
    "reconnaissante", "mille", "fois", "infiniment", "loads", "heaps", "bunch", "mate", "guys",
    "folks", "everyone", "par", "davance", "pour", "votre",
];

/// Closings as hurried customers type them, letters repeated or words
/// joined ("thankyou", "thanksss", "mercii"), folded and with each run of a
/// letter written once: [`is_closing`] squeezes the word the same way.
#[rustfmt::skip]
const CLOSINGS_TYPED: &[&str] = &[
    "thanks", "thank", "thankyou", "thanku", "thankyu", "thanksyou", "thx", "thnx", "thnks",
    "thks", "thanx", "tks", "kthx", "kthxbye", "ty", "merci", "mercie", "chers", "tnx", "tnks",
    "thnk", "mersi", "mrci", "mrc",
];

/// The closing that ends a message ("Many thanks, Dr. Singh", "Best
/// wishes,\nTom & Anna", "Thanks,\nThe Accounts Team", "Thank you so
/// much"): where it starts, and where the names under it start (its end
/// when it has none). Who signs, and how, is not what is asked: ranking
/// leaves it out. An unknown name counted as a word no reply explains
/// (the top reply fell from 71% to 32%, and "Dr. Singh" to "nothing
/// fits"), a known one met a reply's word ("Tom" and DOM-TOM), and so did
/// the closing's own words ("Best wishes" an outage's). Only a closing
/// that opens a sentence (or thanks) and ends the message with words
/// written as names is one: "Thanks, I'll wait for the refund" goes on,
/// "Can I speak to a Manager" asks, and "Thanks, Double Charged" names
/// what went wrong.
pub fn closing(message: &str) -> Option<Closing> {
    // Joining the names and the job title under them, and the stop-words
    // a team signs with.
    const JOINING: &[&str] = &[
        "&", "and", "et", "of", "the", "de", "du", "la", "le", "x", "xx", "xxx", "team", "equipe",
    ];
    // How a closing goes on beyond the words a name may follow (those
    // are `CLOSING_MORE`): "Thanks a lot", "Yours faithfully", "Looking
    // forward to your reply".
    const GOES_ON: &[&str] = &[
        "lot",
        "lots",
        "ton",
        "tons",
        "million",
        "faithfully",
        "truly",
        "respectfully",
        "cordially",
        "to",
        "your",
        "reply",
        "response",
        "hearing",
        "from",
        "answer",
        "help",
        "time",
        "patience",
        "understanding",
        "attention",
        "reponse",
        "retour",
        "aide",
        "comprehension",
        "for",
        "rapide",
        "rapidement",
        "quick",
        "prompt",
        "swift",
        // "(Je reste) dans l'attente (d'un retour de votre part)", "En
        // vous remerciant", "J'attends votre retour".
        "dans",
        "l",
        "en",
        "je",
        "j",
        "reste",
        "un",
        "part",
    ];
    let toks = super::scan::tokens(message);
    let goes_on = |t: &Tok<'_>| t.is_any_of(CLOSING_MORE) || t.is_any_of(GOES_ON) || is_closing(t);
    // The closing's first word: "Thank" of "Thank you so much", whose
    // `much` closes too.
    let mut opener = toks.iter().rposition(is_closing)?;
    let mut j = opener;
    // Words of a closing, and the apostrophe of `d'avance`.
    while j > 0 && (goes_on(&toks[j - 1]) || toks[j - 1].is_punct("'’")) {
        j -= 1;
        if is_closing(&toks[j]) {
            opener = j;
        }
    }
    // A closing opened by its other words, from a sentence's start:
    // "D'avance merci", "Many thanks" already so.
    let starts_sentence =
        |k: usize| k == 0 || toks[k - 1].is_punct(".!?;…") || toks[k - 1].kind == TokKind::Break;
    if j < opener && toks[j].is_word() && starts_sentence(j) {
        opener = j;
    }
    // Closings one after the other are one ("Merci d'avance.\nCordialement,
    // Jean"): the thanks before the last are no words of the message either.
    loop {
        let mut k = j;
        while k > 0 && (toks[k - 1].is_punct(".!,;…") || toks[k - 1].kind == TokKind::Break) {
            k -= 1;
        }
        let mut m = k;
        let mut earlier = None;
        while m > 0 && (goes_on(&toks[m - 1]) || toks[m - 1].is_punct("'’")) {
            m -= 1;
            if is_closing(&toks[m]) {
                earlier = Some(m);
            }
        }
        match earlier {
            Some(_) if k < j && toks[m].is_word() && starts_sentence(m) => opener = m,
            Some(e) if k < j && starts_sentence(e) => opener = e,
            _ => break,
        }
        j = opener;
    }
    // A sentence's first word, or thanks wherever they stand ("order
    // 28830147 thanks Lucy"); not the `a` of "speak to a Manager".
    let opens = opener == 0
        || toks[opener - 1].is_punct(".!?,;:…")
        || toks[opener - 1].kind == TokKind::Break
        || typed_closing(&toks[opener].folded);
    if !opens {
        return None;
    }
    let mut names = opener + 1;
    while toks
        .get(names)
        .is_some_and(|t| goes_on(t) || t.is_punct(",.!-–—:'’") || t.kind == TokKind::Break)
    {
        names += 1;
    }
    let tail = &toks[names..];
    let words = tail.iter().filter(|t| t.is_word()).count();
    let signed = words <= 10
        && tail.iter().all(|t| match t.kind {
            TokKind::Break => true,
            TokKind::Punct => t.is_punct(",.&-'’()/"),
            TokKind::Word => {
                t.is_any_of(JOINING)
                    || t.text.chars().next().is_some_and(char::is_uppercase)
                        && !t.text.chars().any(|c| c.is_ascii_digit())
                        && !is_stop_word(&t.folded)
                        // What went wrong, written in capitals, is asked.
                        && (!is_support_word(&t.folded) || super::scan::names_no_one(&t.folded))
            }
        });
    signed.then(|| Closing {
        start: toks[opener].start,
        names: tail.first().map_or(message.len(), |t| t.start),
    })
}

/// Where a message's closing starts, and its names (see [`closing`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Closing {
    pub start: usize,
    pub names: usize,
}

/// A word with each run of one letter written once: "thanksss" is
/// "thanks", "mercii" is "merci".
fn squeezed(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// Whether `t` opens a sign-off: a closing's word ([`CLOSING_OPENERS`]) or
/// one typed in a hurry, letters repeated or words joined ("Thankyou,
/// Anna", "mercii", "thxx"): a closing however it is typed, never a name.
fn is_closing(t: &Tok<'_>) -> bool {
    t.is_any_of(CLOSING_OPENERS) || t.is_word() && typed_closing(&t.folded)
}

/// Whether `folded` is a closing typed in a hurry ([`CLOSINGS_TYPED`]):
/// letters repeated, words joined, or a last "s" typed "z" ("cheerz",
/// "thankz").
fn typed_closing(folded: &str) -> bool {
    let word = squeezed(folded);
    let z = word.strip_suffix('z').map(|w| format!("{w}s"));
    [Some(word), z]
        .iter()
        .flatten()
        .any(|w| CLOSINGS_TYPED.contains(&w.as_str()))
}

/// `folded` without the letters repeated at its end ("youu" is "you",
/// "pleasee" is "please"), when a word of three letters or more is left
/// and it differs: "Dee" stays a name.
fn unstretched(folded: &str) -> Option<&str> {
    let last = folded.chars().last()?;
    let word = folded.trim_end_matches(last);
    let word = &folded[..word.len() + last.len_utf8()];
    (word.len() < folded.len() && word.chars().count() >= 3).then_some(word)
}

/// Words after a closing that name no one in particular, or say how much.
#[rustfmt::skip]
const THANKED_ONES: &[&str] = &[
    "bcp", "infiniment", "guys", "mate", "heaps", "buddy", "folks", "team", "everyone",
    "everybody", "tout", "tous", "lot", "lots", "loads", "tons", "par", "equipe", "y'all",
];

/// At most this many words say what a sign-off thanks for.
const MAX_THANKED_FOR: usize = 4;

/// Words that report a problem (folded; "doesn't" is "doesn t", and a
/// hurried customer types "doesnt").
#[rustfmt::skip]
const PROBLEM: &[&str] = &[
    "not", "t", "never", "no", "still", "nothing", "wrong", "missing", "broken", "damaged",
    "late", "pas", "jamais", "rien", "toujours", "aucun", "aucune", "casse", "abime", "retard",
    "broke", "cracked", "stuck", "help", "urgent", "emergency", "urgence", "aide", "call",
    "appelez", "rappelez", "doesnt", "dont", "didnt", "cant", "wont", "isnt", "hasnt", "havent",
    "wasnt", "arent", "couldnt",
];

/// The customer's first name (or whole name when `full`): from an
/// introduction or the sign-off; none when they name two people ("I'm
/// Maria… Thanks, Tom").
pub fn customer(message: &str, toks: &[Tok<'_>], full: bool) -> Option<Candidate> {
    let words: Vec<String> = crate::domain::search::fold::words(message).collect();
    // A problem stated is a request all the same ("my code doesn't work
    // on order 72555. Thanks Priti"): only a message that asks nothing and
    // reports nothing wrong thanks the agent by name.
    let asks = crate::domain::suggest::language::asks(message, &words)
        || words.iter().any(|w| PROBLEM.contains(&w.as_str()));
    let (first, last) = match (introduced(toks), signed(toks, asks)) {
        (Some(a), Some(b)) if toks[a.0].folded != toks[b.0].folded => return None,
        (Some(found), _) | (None, Some(found)) => found,
        (None, None) if asks => return signed_in_lower_case(message, toks, full),
        (None, None) => return None,
    };
    let name = &toks[first];
    if greeted_or_colleague(toks, name) {
        return None;
    }
    let value = if full {
        &message[name.start..toks[last].end]
    } else {
        name.text
    };
    Some(Candidate::new(
        value,
        excerpt(message, name.start, toks[last].end),
    ))
}

/// Words a message may end on, in lower case, that name no one: fillers,
/// kisses, what a hurried customer writes last (closings are
/// [`CLOSING_OPENERS`]).
#[rustfmt::skip]
const LAST_WORDS: &[&str] = &[
    "lol", "pls", "plz", "asap", "thks", "thnx", "ty", "tia", "bye", "cya", "xoxo", "ok", "okay",
    "kk", "haha", "hehe", "mdr", "stp", "svp", "sos", "urgent", "help", "please", "sorry",
    "desole", "desolee", "now", "today", "tomorrow", "tonight", "soon", "anyone", "someone",
    "anybody", "fine", "good", "great", "rgds", "bisou", "luv", "hello", "hi", "hey", "bonjour",
    "salut", "coucou", "amicalement", "sincerement", "dispo", "yet", "still", "idea", "ideas",
    "info", "wtf", "omg", "ffs", "smh", "ugh", "argh", "seriously", "unbelievable", "ridicule",
    "nul", "nulle", "honteux", "inadmissible", "scandaleux", "useless", "joke", "shocking",
    "whatever", "fuming", "annoyed", "gutted", "furious", "disgusted", "frustrated", "waiting",
    "furieux", "furieuse", "decu", "decue", "enerve", "enervee", "degoute", "degoutee", "marre",
    "voila", "enfin", "bon", "merde", "grr", "pfff", "bah", "hmm", "meh", "nope", "yes",
    "yep", "sad", "sigh", "yikes", "idiot", "idiots", "dommage", "vite", "hurry", "quick",
    "quickly", "demain", "aujourd", "hier", "yesterday", "truly", "respectfully", "faithfully",
    "cordially", "gratefully", "sincerely", "ladies", "gents", "gentlemen", "somebody",
    "appreciated", "hopeful", "wishes", "damn", "jeez", "geez", "disgrace", "btw", "fyi", "idk",
    "imo", "tbh", "gracias", "hell", "mrc", "bsx", "dsl", "bcp", "thx", "pfft", "meh", "bloody",
    "tyvm", "tysm", "jsp", "biz", "bizz", "bizou", "bizous",
    // What a closing leaves after it: "thanks tho", "merci quand meme".
    "tho", "though", "anyways", "meme",
    // Goodbyes typed in a hurry.
    "cheerio", "laters", "later", "ttyl", "ttfn", "tchao", "ciao", "adieu", "bisouss",
    // Terms of address: "cheers pal", "thanks hun", "merci ma belle".
    "pal", "mate", "dude", "buddy", "bud", "hun", "hon", "sweetie", "sweetheart", "bestie",
    "babe", "love", "darling", "fam", "bro", "sis", "chief", "boss", "lads", "guys", "folks",
    "copain", "copine", "frerot", "mec", "frere", "frangin", "frangine", "pote", "poto", "gars",
    "reuf", "honey", "hunny", "man", "bruv", "cuz", "chum", "girl", "gurl",
    // Acknowledgements and fillers.
    "noted", "understood", "cool", "nice", "sweet", "perfect", "parfait", "super", "nickel",
    "pronto", "nvm", "np", "tbc", "sinon", "quoi", "donc", "alors", "genre",
    // How it feels, as one word: "… where is it? nightmare".
    "nightmare", "disaster", "shambles", "farce", "mess", "chaos", "catastrophe", "galere",
    "cauchemar", "honte", "lame", "sucks", "weird", "bizarre", "annoying", "relou", "chiant",
    // Interjections.
    "oops", "whoops", "phew", "alas", "blah", "bof", "zut", "mince", "oups", "ouf", "helas",
    "putain", "bordel", "puree", "pfiou", "rip",
];

/// Towns a customer may type last, in lower case, to say where they are
/// ("my order still not here. manchester"), folded: the big ones of the
/// countries the samples write from, and none that is also a first name
/// or a word ("nice", "reading", "tours", "florence").
#[rustfmt::skip]
const TOWNS: &[&str] = &[
    "london", "manchester", "birmingham", "liverpool", "leeds", "sheffield", "bristol",
    "glasgow", "edinburgh", "cardiff", "belfast", "newcastle", "nottingham", "leicester",
    "coventry", "bradford", "brighton", "southampton", "portsmouth", "plymouth", "oxford",
    "cambridge", "norwich", "exeter", "aberdeen", "dundee", "swansea", "sunderland", "derby",
    "wolverhampton", "bournemouth", "middlesbrough", "blackpool", "bolton", "stockport",
    "dublin", "cork", "galway", "paris", "marseille", "lyon", "toulouse", "nantes", "strasbourg",
    "montpellier", "bordeaux", "lille", "rennes", "reims", "toulon", "grenoble", "dijon",
    "angers", "nimes", "brest", "limoges", "amiens", "metz", "perpignan", "besancon", "orleans",
    "rouen", "caen", "avignon", "bruxelles", "brussels", "liege", "geneve", "geneva",
    "lausanne", "montreal", "quebec", "york", "hull", "bath", "wigan", "luton", "ipswich",
    "salford", "durham", "swindon", "slough", "watford", "croydon", "berlin", "munich",
    "hamburg", "madrid", "barcelona", "rome", "milan", "amsterdam", "rotterdam", "boston",
    "chicago", "toronto", "vancouver", "melbourne", "auckland", "annecy", "valence", "prague",
    "warsaw", "lisbon", "zurich", "copenhagen", "stockholm", "helsinki", "athens", "budapest",
    "oslo", "krakow", "seattle", "gloucester", "worcester", "hereford", "carlisle", "wakefield",
    "porto", "seville", "naples", "turin", "venice", "frankfurt", "cologne", "stuttgart",
    "basel", "bern", "antwerp", "ghent", "bruges", "dresden", "leipzig", "hanover",
];

/// Words a message may end on in lower case that name no one, though with
/// a capital they are first names too ("merci cherie", "nothing. nada";
/// "Thanks, Nada" signs).
const LOWER_CASE_ONLY: &[&str] = &["nada", "cherie", "cheri"];

/// Words a customer ends on, capitalised, to say how they feel or how
/// often it happens ("… arrived broken. Pathetic", "Encore"): no name,
/// though written like one.
#[rustfmt::skip]
const FEELINGS: &[&str] = &[
    "pathetic", "unbelievable", "disgusted", "disgusting", "ridiculous", "useless", "terrible",
    "awful", "horrible", "appalling", "disgraceful", "shocking", "rubbish", "typical",
    "unacceptable", "outrageous", "disappointed", "disappointing", "furious", "fuming", "gutted",
    "annoyed", "frustrated", "joke", "seriously", "whatever", "again", "finally", "today",
    "honestly", "really", "wow", "great", "brilliant", "thanks", "sorry", "scandaleux",
    "scandaleuse", "inadmissible", "inacceptable", "honteux", "honteuse", "lamentable",
    "pitoyable", "incroyable", "nul", "nulle", "decu", "decue", "enerve", "enervee", "degoute",
    "degoutee", "marre", "encore", "enfin", "franchement", "serieusement", "bravo", "merci",
    "concerned", "puzzled", "impatient", "grumpy", "baffled", "worried", "anxious", "perplexed",
    "exasperated", "bewildered", "stressed", "desperate", "confused", "big", "fan", "head",
    "office", "night", "shift", "old", "timer", "peace", "blessings", "be",
];

/// Whether `w` (folded) ends as English makes words of words: no first
/// name ends so ("disappointing", "ridiculous", "unbelievable").
fn derived(w: &str) -> bool {
    ["ing", "ous", "ful", "ment", "tion", "ness", "ible", "able"]
        .iter()
        .any(|end| w.len() > end.len() + 2 && w.ends_with(end))
}

/// Whether a word after a closing, however written, signs for no one: the
/// closing's own words, a filler, a feeling, a trade ("Thanks, Guys",
/// "Regards, Disgusted", "Yours, Truly", "thanks asap").
fn signs_for_no_one(t: &Tok<'_>) -> bool {
    // "thank youu", "thanks matee": a word stretched at its end is that
    // word.
    if let Some(word) = unstretched(&t.folded)
        && (LAST_WORDS.contains(&word) || CLOSING_MORE.contains(&word) || FEELINGS.contains(&word))
    {
        return true;
    }
    // A word that opens a phrase: a message cut short ("… upset. My").
    #[rustfmt::skip]
    const DETERMINERS: &[&str] = &[
        "my", "your", "our", "his", "her", "their", "its", "the", "this", "that", "these",
        "those", "an", "mon", "ma", "mes", "ton", "ta", "tes", "notre", "votre", "nos", "vos",
        "leur", "leurs", "le", "la", "les", "un", "une", "des", "ce", "cet", "cette", "ces",
    ];
    DETERMINERS.contains(&t.folded.as_str())
        || LAST_WORDS.contains(&t.folded.as_str())
        || FEELINGS.contains(&t.folded.as_str())
        || super::scan::names_no_one(&t.folded)
        || super::org::is_business_word(&t.folded)
        || super::org::is_carrier_word(t.text)
        || is_closing(t)
        || t.is_any_of(CLOSING_MORE)
        || t.is_any_of(THANKED_ONES)
        || t.is_any_of(NOT_INTRODUCED)
}

/// A first name the message ends on in lower case, after a full stop, a
/// line break or a closing ("car reg SK18 LMN. tony", "thanks chris",
/// "merci, sophie lemaire", "lol. jess x"), as the customer typed it.
/// Only a word of no language the message speaks: not
/// a stop-word, a word of support, a closing or a filler. Only in a message
/// that asks or reports a problem: "thanks, maria" alone thanks the agent.
fn signed_in_lower_case(message: &str, toks: &[Tok<'_>], full: bool) -> Option<Candidate> {
    // Nothing after the name but kisses: "pathetic." and "normal??" end
    // a sentence, not a message signed.
    let mut end = toks.len();
    while end > 0
        && (toks[end - 1].kind == TokKind::Break
            || toks[end - 1].is_word() && toks[end - 1].folded.chars().all(|c| c == 'x'))
    {
        end -= 1;
    }
    let plain = |t: &Tok<'_>| {
        t.is_word()
            // Not "clément" or "aisling" when written with a capital.
            && !derived(&t.folded)
            && t.text.chars().count() >= 3
            && t.text
                .chars()
                .all(|c| c.is_alphabetic() && c.is_lowercase())
            && !is_stop_word(&t.folded)
            && !is_support_word(&t.folded)
            && !signs_for_no_one(t)
            && !LOWER_CASE_ONLY.contains(&t.folded.as_str())
            // "… still not here. manchester": where they are.
            && !TOWNS.contains(&t.folded.as_str())
            // French for "well" in lower case, Ben with a capital.
            && t.folded != "ben"
    };
    // One name, or after a closing a first name and a surname ("merci,
    // sophie lemaire"; "… everything. block everything" is no name).
    let closing =
        |t: &Tok<'_>| t.is_any_of(&["ta", "cheers"]) || t.is_word() && typed_closing(&t.folded);
    let closes_at = |at: usize| {
        at > 0
            && (closing(&toks[at - 1])
                || toks[at - 1].is_punct(",") && at >= 2 && closing(&toks[at - 2]))
    };
    // "thanks\nanna\nleeds": a word alone under a name alone, itself
    // under a closing, says where she writes from; the name signs.
    let alone_under_a_name = |at: usize| {
        at >= 4
            && toks[at - 1].kind == TokKind::Break
            && plain(&toks[at - 2])
            && toks[at - 3].kind == TokKind::Break
            && closes_at(at - 3)
    };
    if end > 0 && alone_under_a_name(end - 1) {
        end -= 2;
    }
    let start = [2, 1]
        .into_iter()
        .filter(|&n| end > n)
        .map(|n| end - n)
        .find(|&s| toks[s..end].iter().all(plain) && (end - s == 1 || closes_at(s)))?;
    let line_start = toks[..start]
        .iter()
        .rposition(|t| t.kind == TokKind::Break)
        .map_or(0, |b| b + 1);
    if list_item(toks, line_start) {
        return None;
    }
    let before = &toks[start - 1];
    // "salutations, p. girard": the full stop of an initial, before a
    // surname, ends no sentence.
    let initial = before.is_punct(".")
        && start >= 2
        && toks[start - 2].is_word()
        && toks[start - 2].text.chars().count() == 1;
    let after_stop = before.is_punct(".!?") && !initial || before.kind == TokKind::Break;
    let after_closing = closes_at(start);
    // The name is said nowhere else in the message: "… the fix. fix".
    let once = toks[..start - 1]
        .iter()
        .all(|t| t.folded != toks[start].folded);
    // Apart from what comes before it: not the "com" of "kim@mail.com".
    let apart = message[..toks[start].start].ends_with(char::is_whitespace);
    if !(after_stop || after_closing) || !once || !apart {
        return None;
    }
    // As written: a template that wants capitals says so (`{{ name |
    // title }}`).
    let last = if full { end - 1 } else { start };
    Some(Candidate::new(
        &message[toks[start].start..toks[last].end],
        excerpt(message, toks[start].start, toks[end - 1].end),
    ))
}

/// The first name's token and the name's last token after "I'm", "je
/// m'appelle", "this is … from".
fn introduced(toks: &[Tok<'_>]) -> Option<(usize, usize)> {
    for i in 0..toks.len() {
        // "Derek here from Apex", "Hi, Derek here."
        let opens = i == 0 || toks[i - 1].is_punct(",") || toks[i - 1].kind == TokKind::Break;
        let here = toks
            .get(i + 1)
            .is_some_and(|t| t.is_any_of(&["here", "ici"]));
        let then = toks.get(i + 2);
        let goes_on = then.is_none_or(|t| {
            t.is_punct(",.-—–") || t.kind == TokKind::Break || t.is_any_of(&["from", "de"])
        });
        // "Same here", "Nobody here": a word that names nobody.
        let named = !is_stop_word(&toks[i].folded);
        if opens && here && goes_on && named && person_word(&toks[i]) {
            return Some((i, i));
        }
        // "Prénom : Gaëlle", "First name: Anna", as a form asks for it.
        let label = ["first name", "prenom"]
            .iter()
            .find_map(|l| phrase_at(toks, i, l))
            .filter(|&at| toks.get(at).is_some_and(|t| t.is_punct(":")));
        // Not "my son's first name: Ben".
        let theirs = toks[i.saturating_sub(3)..i]
            .iter()
            .any(|t| t.is_any_of(super::SOMEONE_ELSE) || t.is_any_of(&["s", "child", "enfant"]));
        if let Some(at) = label
            && !theirs
            && toks.get(at + 1).is_some_and(person_word)
        {
            return Some((at + 1, at + 1));
        }
        for (phrase, followers) in INTRODUCTIONS {
            let Some(at) = phrase_at(toks, i, phrase) else {
                continue;
            };
            if !toks
                .get(at)
                .is_some_and(|t| person_word(t) && !NOT_INTRODUCED.contains(&t.folded.as_str()))
            {
                continue;
            }
            // "I'm Elderly", "I'm Impressed", "je suis Enceinte": after the
            // phrases that also say how someone is, a word of the support
            // vocabulary is how, unless it is a first name too or the
            // customer goes on as one does after a name ("I'm Student from
            // Leeds"). Only here: in a sign-off the concepts' first names
            // (Ravi, Fabrice by `fabric*`) cost more than they catch.
            let how = !matches!(followers, Followers::Any)
                && is_support_word(&toks[at].folded)
                && !NAMES_THAT_ARE_WORDS.contains(&toks[at].folded.as_str());
            if how
                && !toks
                    .get(at + 1)
                    .is_some_and(|t| t.is_any_of(&["here", "from", "de", "ici"]))
            {
                continue;
            }
            let mut next = at + 1;
            // A surname after the first name.
            while toks.get(next).is_some_and(person_word) {
                next += 1;
            }
            let here = toks
                .get(next)
                .is_some_and(|t| t.is_any_of(&["here", "from", "de", "ici"]));
            // "Hi, it's Lizzie, can you…": right after the greeting that
            // opens the message, "it's X," introduces as "X here" does.
            let greeted = i > 0
                && toks[..i]
                    .iter()
                    .all(|t| t.is_punct(",!") || t.is_any_of(GREETINGS));
            let after_greeting = greeted
                && toks
                    .get(next)
                    .is_some_and(|t| t.is_punct(",.") || t.kind == TokKind::Break);
            let goes_on = match toks.get(next) {
                _ if matches!(followers, Followers::Here) => here || after_greeting,
                None => true,
                Some(t) if t.kind == TokKind::Break || t.is_punct(",") => true,
                Some(t) if t.is_punct(".;:)") => !matches!(followers, Followers::Strict),
                Some(t) => matches!(followers, Followers::Any) || t.is_any_of(GO_ON),
            };
            if goes_on {
                return Some((at, next - 1));
            }
        }
    }
    None
}

/// First names that are words of the support vocabulary too, or start
/// like one: "I'm Bill" is Bill, though a bill is an invoice.
const NAMES_THAT_ARE_WORDS: &[&str] = &[
    "bill", "sue", "noel", "ravi", "ravie", "fabrice", "pearl", "page", "jewel", "storm",
];

/// Words that make a name a place's, a building's or an office's that
/// signs ("Oakwood Lodge", "Rose Cottage", "Grace Church", "London
/// Office", "Résidence Les Lilas"), beside the trades of
/// [`is_business_word`]; they name no person however written.
#[rustfmt::skip]
const PLACES_SIGNING: &[&str] = &[
    "lodge", "cottage", "cottages", "farm", "farmhouse", "church", "chapel", "parish",
    "cathedral", "office", "offices", "residence", "residences", "manor", "villa", "chalet",
    "barn", "gite", "gites", "house", "estate", "eglise", "paroisse", "chapelle", "domaine",
    "ferme", "moulin", "bureau", "bureaux",
];

/// Whether `t` can be part of a person's name: not a company's word.
fn person_word(t: &Tok<'_>) -> bool {
    name_like(t)
        && !is_business_word(&t.folded)
        && !PLACES_SIGNING.contains(&t.folded.as_str())
        && !super::org::is_carrier_word(t.text)
}

/// Whether a last line can follow the name without being it: a mail
/// program's ("Sent from my iPhone", "This email has been scanned for
/// viruses by …"), a phone number, a reference, an address, a job title
/// ("Head of Operations").
fn after_sign_off(line: &[Tok<'_>]) -> bool {
    const OPENERS: &[&str] = &[
        "sent from my",
        "envoye de mon",
        "envoye depuis mon",
        "get outlook for",
        "this email has been",
        "this e-mail has been",
        "this message has been",
        "ce message a ete",
        "ce courriel a ete",
        "cet email a ete",
        "cet e-mail a ete",
        "powered by",
        "tel",
        "phone",
        "mobile",
        "portable",
        "email",
        "mail",
        "e-mail",
    ];
    const TITLES_OF_JOBS: &[&str] = &[
        "head",
        "manager",
        "director",
        "directeur",
        "directrice",
        "responsable",
        "assistant",
        "assistante",
        "officer",
        "coordinator",
        "ceo",
        "cfo",
        "cto",
        "founder",
        "fondateur",
        "gerant",
        "gerante",
        "president",
        "presidente",
        "buyer",
        "acheteur",
        "acheteuse",
    ];
    let opens = OPENERS.iter().any(|p| phrase_at(line, 0, p).is_some());
    // "Order: 12345", "Réf. client 884422" under the name.
    let reference = line.first().is_some_and(|t| {
        t.is_any_of(&[
            "order",
            "commande",
            "ref",
            "reference",
            "ticket",
            "account",
            "compte",
            "client",
            "customer",
        ])
    }) && line
        .iter()
        .any(|t| t.is_word() && t.text.chars().any(|c| c.is_ascii_digit()))
        // Not "order 28830147 thanks Lucy": a reference, then the sign-off.
        && !line
            .iter()
            .skip_while(|t| t.digits() == 0)
            .any(is_closing);
    // "BW-61029384" alone: a code.
    let code = matches!(line, [t] if t.is_word() && t.digits() >= 6);
    let no_letters = line
        .iter()
        .all(|t| !t.text.chars().any(char::is_alphabetic));
    let contact = line.iter().any(|t| t.is_punct("@"));
    // "3 Hawthorn Mews, LS6 2QT": an address starts with its number and
    // a street's name.
    let address = line
        .first()
        .is_some_and(|t| t.is_digits() && t.text.len() <= 4)
        && line.get(1).is_some_and(name_like);
    opens
        || reference
        || code
        || no_letters
        || contact
        || address
        // "Head of Operations", not "Paul Mercier, office manager": the
        // name before the comma is still the one signing.
        || line
            .iter()
            .take_while(|t| !t.is_punct(","))
            .any(|t| t.is_any_of(TITLES_OF_JOBS))
}

/// A word of a surname after the first name: "Lopez", "GARNIER", "de".
fn surperson_word(t: &Tok<'_>) -> bool {
    // An initial ("Hélène D.") or a surname in capitals ("GARNIER").
    let capitals = t.text.chars().all(|c| c.is_uppercase() || c == '-');
    (person_word(t) || capitals && !is_business_word(&t.folded))
        || t.is_any_of(&["de", "du", "van", "von", "da", "del", "le", "la", "di"])
}

/// The name the message ends with: alone on its last line ("\nJohn"),
/// after a closing word and a comma ("Thanks, Maria", "Merci. Bruno") or,
/// a first name alone, after the last sentence ("Any idea? Lucy"). "Mme
/// Besson", a team ("Service comptabilité") or a company ("Kestrel Ltd")
/// there is no first name. Without the comma, a closing word signs off a
/// message that asks for something ("Can I keep my membership? Thanks
/// Kerry"); one that asks nothing thanks the agent ("That worked. Thanks
/// Julie").
fn signed(toks: &[Tok<'_>], asks: bool) -> Option<(usize, usize)> {
    let mut end = toks.len();
    let mut line_start;
    loop {
        while end > 0 && toks[end - 1].kind == TokKind::Break {
            end -= 1;
        }
        line_start = toks[..end]
            .iter()
            .rposition(|t| t.kind == TokKind::Break)
            .map_or(0, |b| b + 1);
        if line_start == 0 {
            break;
        }
        // "Regards,\nSarah Collins\nAccounts, Northwind Ltd": a company's
        // line under a name alone, itself under a closing (not an
        // e-mail signature under one already signed: "Best,\nSam\n\nSamuel
        // Ortiz\nOperations, Greenleaf Co.").
        let line = &toks[line_start..end];
        let line_above = |to: usize| {
            let from = toks[..to]
                .iter()
                .rposition(|t| t.kind == TokKind::Break)
                .map_or(0, |b| b + 1);
            (from, &toks[from..to])
        };
        let (above_start, above) = line_above(line_start - 1);
        let closed = above_start > 0
            && line_above(above_start - 1)
                .1
                .first()
                .is_some_and(is_closing);
        let under_a_name = line.iter().any(|t| is_business_word(&t.folded))
            && closed
            && (1..=3).contains(&above.len())
            && person_word(&above[0])
            && !is_stop_word(&above[0].folded)
            && above[1..].iter().all(surperson_word);
        // "Cordialement, Hélène Dupont\nMenuiserie Dupont": a family's
        // business, named by the surname the line above ends on.
        let surname = |t: &Tok<'_>| t.is_word() && t.text.starts_with(char::is_uppercase);
        let family_business = match (above, line) {
            ([.., first, last], [_, _, ..]) => {
                surname(last)
                    && surname(first)
                    && line.iter().any(|t| t.folded == last.folded)
                    && !line.iter().any(|t| t.folded == first.folded)
            }
            _ => false,
        };
        // "Anna\nHeadteacher", "Anna\nLe Trésorier", "Anna\nOakwood
        // Lodge": a role or a place under a name alone says who or where
        // the one signing is; the name above signs, as it does above a
        // job title ("Head of Operations").
        let name_above = (1..=3).contains(&above.len())
            && person_word(&above[0])
            && !is_stop_word(&above[0].folded)
            && above[1..].iter().all(surperson_word);
        let words: Vec<&Tok<'_>> = line
            .iter()
            .filter(|t| t.is_word() && !t.is_any_of(&["the", "le", "la", "les", "l", "our"]))
            .collect();
        let role = !words.is_empty()
            && line.iter().all(|t| t.is_word() || t.is_punct("'’"))
            && words.iter().all(|t| super::scan::names_no_one(&t.folded));
        let place = words.len() >= 2
            && words.iter().all(|t| t.text.starts_with(char::is_uppercase))
            && words
                .last()
                .is_some_and(|t| PLACES_SIGNING.contains(&t.folded.as_str()) || is_place(t));
        // "Thanks,\nAnna\nLeeds": one word under a name alone, itself
        // under a closing, says where she writes from (or is her surname,
        // split off, or is a kiss, "xox"): the name under the closing
        // signs either way.
        let one_word_under = closed
            && words.len() == 1
            && line.iter().all(|t| t.is_word() || t.is_punct("."))
            && above.len() == 1
            && above[0].is_word()
            && above[0].text.chars().all(char::is_alphabetic)
            && !is_stop_word(&above[0].folded);
        if !after_sign_off(line)
            && !under_a_name
            && !family_business
            && !(name_above && (role || place))
            && !one_word_under
        {
            break;
        }
        end = line_start;
    }
    // "- Blue Mug\n- Tea Towel": a list's last item, not a signature.
    if list_item(toks, line_start) {
        return None;
    }
    let multi_line = line_start > 0;
    let mut last = end;
    // Kisses and smileys after the name ("Lily x", "Sam 😊", "Sam :)")
    // are no part of it.
    if last > line_start + 1 && toks[last - 1].is_any_of(&["x", "xx", "xxx", "bisous", "bises"]) {
        last -= 1;
    }
    let smiley = |t: &Tok<'_>| {
        t.kind == TokKind::Punct
            && !t.text.chars().any(char::is_alphanumeric)
            && t.text.chars().all(|c| !c.is_ascii() || ":;)(-".contains(c))
    };
    while last > line_start + 1 && smiley(&toks[last - 1]) {
        last -= 1;
    }
    let trailing = toks[line_start..last].last().map(|t| t.text);
    if trailing.is_some_and(|t| ".!?…".contains(t)) {
        last -= 1;
    }
    // The period of "M. Girard" or of an initial ("R. Patel") ends no
    // sentence; the "?" of "off me?" does ("Me" is a French title too),
    // and so does a size's ("je voudrais un L. Merci, Chloé").
    let ends_sentence = |p: usize| {
        let initial = p > 0
            && (is_initial(&toks[p - 1]) || initials(&toks[p - 1]))
            && !(p > 1
                && toks[p - 2].is_word()
                && toks[p - 2].text.starts_with(char::is_lowercase));
        toks[p].is_punct("!?…")
            || toks[p].is_punct(".") && !(p > 0 && is_title(&toks[p - 1]) || initial)
    };
    let after_sentence = (line_start..last)
        .rev()
        .find(|&p| ends_sentence(p))
        .map(|p| p + 1);
    let mut i = after_sentence.unwrap_or(line_start);
    while i < last && (toks[i].is_punct("-—–~*") || toks[i].is_any_of(&["x", "xx", "xxx"])) {
        i += 1;
    }
    // "… ? IW-11487320 Karim", "… packaging. order 28830147 thanks Lucy":
    // a reference the customer ends on, before signing, is no part of the
    // sign-off: a code, after one or two words that label it, and before
    // a word ("order 70033218, Callum" is parted by its comma already).
    let code = |t: &Tok<'_>| {
        let digits = t.digits();
        t.is_word() && (digits >= 6 || digits >= 3 && t.text.chars().any(char::is_alphabetic))
    };
    let label = |t: &Tok<'_>| t.is_word() && t.digits() == 0;
    // A shorter number is one when a word says what it is and a closing
    // follows: "order 45127 thanks Lucy" (not "Order 70410 London").
    let labelled = |n: usize| {
        n > 1
            && toks.get(i + n).is_some_and(is_closing)
            && toks[i + n - 1].is_digits()
            && toks[i + n - 1].digits() >= 4
            && toks[i + n - 2].is_any_of(&[
                "order",
                "commande",
                "ref",
                "reference",
                "ticket",
                "case",
            ])
    };
    if let Some(n) = (1..=3).find(|&n| {
        i + n < last
            && (code(&toks[i + n - 1]) || labelled(n))
            && toks[i..i + n - 1].iter().all(label)
            && toks[i + n].is_word()
    }) {
        i += n;
    }
    let line_opening = i;
    let mut closing = false;
    let mut separated = false;
    // "Thanks, A. Jones", "A Jones": an initial, not the "a" of "merci
    // à vous".
    let initial_at = |i: usize| {
        is_initial(&toks[i])
            && toks
                .get(i + 1)
                .is_some_and(|n| n.is_punct(".") || name_like(n))
    };
    if toks[i..last].first().is_some_and(is_closing) && !initial_at(i) {
        closing = true;
        i += 1;
        // What is thanked for, in a few words ("Thanks for everything,",
        // "Merci de m'aider,"): words in lower case up to the comma.
        let mut said = 0;
        while i < last
            && !initial_at(i)
            && (toks[i].is_any_of(CLOSING_MORE)
                || is_closing(&toks[i])
                || toks[i].is_punct(",'’.-—–")
                || (!separated
                    && said < MAX_THANKED_FOR
                    && toks[i].is_word()
                    && toks[i].text.chars().all(char::is_lowercase)))
        {
            if toks[i].is_word() && !toks[i].is_any_of(CLOSING_MORE) {
                said += 1;
            }
            separated |= toks[i].is_punct(",.-—–");
            i += 1;
        }
    }
    // "Thanks in advance, The Smiths", "Cheers from Sydney": a household,
    // a place.
    if closing && i > 0 && toks[i - 1].is_any_of(&["the", "les", "from", "de", "depuis"]) {
        return None;
    }
    // References and a phone number beside the name are no part of it.
    let (lead, trail, coded) = references_around(&toks[i..last]);
    let who = &toks[i + lead..last - trail];
    let part = who
        .iter()
        .position(|t| t.is_punct(SEPARATORS))
        .map_or(who, |c| &who[..c]);
    let alone = part.len() == who.len();
    // "Jones, A.", "Jones, A.B.", "Martin, J.-P.": initials after a comma
    // stand for the first names of a surname written first, as a register
    // or an address book writes it, so no first name is given (as "A.
    // Jones" gives none). Without the comma, "Anna B." and "Karim B." are
    // a first name and a surname's initial, the common informal way to
    // sign; "Jones A." has the same shape and cannot be told from them by
    // its form, so it reads the same way. Several initials ("Jones A.B.")
    // or a surname in capitals ("JONES A.") give none already.
    if let Some(comma) = who.iter().position(|t| t.is_punct(","))
        && comma > 0
        && who[comma + 1..]
            .iter()
            .any(|t| is_initial(t) || initials(t))
        && who[comma + 1..]
            .iter()
            .all(|t| is_initial(t) || initials(t) || t.is_punct(".-"))
    {
        return None;
    }
    // "Smith, John" on its own line is an address book's "Surname, First
    // name" (Outlook's), or a name and a town ("Sarah, Leeds"): which is
    // which cannot be told, and a wrong name is worse than none. A
    // surname in capitals tells ("SMITH, John").
    if let [surname, comma, given] = who
        && !closing
        && comma.is_punct(",")
        && person_word(surname)
        && person_word(given)
    {
        let capitals = |t: &Tok<'_>| t.text.chars().all(|c| c.is_uppercase() || c == '-');
        if capitals(surname) && !capitals(given) {
            let at = i + lead + 2;
            return Some((at, at));
        }
        return None;
    }
    let (titled, part) = after_title(part);
    if part.is_empty() {
        return after_a_short_clause(toks, line_opening, last, trailing);
    }
    let first = part.first()?;
    let own_line = multi_line
        && i == line_opening
        && after_sentence.is_none()
        && !ends_an_address(toks, line_start);
    // Without the comma, what follows may still be the closing's:
    // "Merci Bcp", "Thanks Guys", "Merci Infiniment".
    let still_closing =
        |t: &Tok<'_>| t.is_any_of(CLOSING_MORE) || is_closing(t) || t.is_any_of(THANKED_ONES);
    let unseparated = asks && alone && part.first().is_some_and(|t| !still_closing(t));
    // A word alone after a sentence, without a closing, may be how the
    // customer feels ("… arrived broken. Pathetic"): no name then.
    let feeling = |t: &Tok<'_>| FEELINGS.contains(&t.folded.as_str());
    let placed = if closing {
        (separated || unseparated) && trailing != Some("!")
    } else {
        own_line && trailing != Some("!") && trailing != Some("?")
            || after_sentence.is_some()
                && alone
                && (part.len() == 1 && !feeling(first)
                    // A full name signs after a statement, not after a
                    // question ("Where are my shoes? Nike Air"), unless a
                    // reference beside it makes it a signature.
                    || part.len() == 2
                        && !is_place(&part[1])
                        && (coded || after_sentence.is_some_and(|a| toks[a - 1].is_punct("."))))
                && trailing.is_none_or(|t| !"!?.".contains(t))
    };
    // "O'Brien", "D'Souza": an apostrophe after a capital joins a surname.
    let joined = |k: usize| {
        part[k].is_punct("'’")
            && is_initial(&part[k - 1])
            && part
                .get(k + 1)
                .is_some_and(|t| t.text.starts_with(char::is_uppercase))
    };
    let is_person = (1..=4).contains(&part.len())
        && person_word(first)
        && (1..part.len()).all(|k| surperson_word(&part[k]) || joined(k))
        && !TITLES.contains(&first.folded.as_str())
        // "Le Gall", "Van Damme", "De Souza": a surname, its particle no
        // first name.
        && !(part.len() > 1 && PARTICLES.contains(&first.folded.as_str()));
    if placed && is_person && !signs_for_no_one(first) {
        let first = i + lead + titled;
        return Some((first, first + part.len() - 1));
    }
    after_a_short_clause(toks, line_opening, last, trailing)
}

/// The particles that open a surname (written with a capital when the
/// surname stands alone).
const PARTICLES: &[&str] = &[
    "le", "la", "de", "du", "des", "van", "von", "der", "den", "di", "da", "del", "della", "dos",
    "das", "ter", "ten", "mac", "st", "saint", "sainte",
];

/// What parts a sign-off: a comma, brackets, a dash, a bar, a slash.
const SEPARATORS: &str = ",()-–—|/";

/// The first name after a title, as (how many tokens come before it, its
/// tokens): of two names, the surname is told by its capitals ("M. Benoît
/// GARNIER", "Mme PERRIN Sandrine"), or after an English title by its
/// place ("Mrs Jean Porter"); "Mme Perrin Sandrine" (the French often
/// write the surname first) and "M. Girard" give none. Without a title,
/// `part` itself.
fn after_title<'p, 't>(part: &'p [Tok<'t>]) -> (usize, &'p [Tok<'t>]) {
    if part.len() < 3 || !is_title(&part[0]) {
        return (0, part);
    }
    let skip = 1 + usize::from(part[1].is_punct("."));
    let capitals = |t: &Tok<'_>| t.text.chars().all(|c| c.is_uppercase() || c == '-');
    match &part[skip..] {
        // "Mr S Jones": an initial is no surname in capitals.
        [a, _] if is_initial(a) => (0, &[]),
        [a, b] if capitals(a) && !capitals(b) => (skip + 1, &part[skip + 1..]),
        [a, b] if capitals(b) && !capitals(a) => (skip, &part[skip..skip + 1]),
        // "Mrs Jean Porter", "Dr Emma Stone": English puts the first name
        // first.
        [_, _] if part[0].is_any_of(&["mr", "mrs", "ms", "miss", "mx", "dr"]) => {
            (skip, &part[skip..skip + 1])
        }
        _ => (0, &[]),
    }
}

/// "M" of "M. Girard", not "me" of "evict me.".
fn is_title(t: &Tok<'_>) -> bool {
    TITLES.contains(&t.folded.as_str()) && t.text.starts_with(char::is_uppercase)
}

/// "R" of "R. Patel".
fn is_initial(t: &Tok<'_>) -> bool {
    t.is_word() && t.text.chars().count() == 1 && t.text.chars().all(char::is_uppercase)
}

/// "J-P" of "J-P. Martin": initials joined by a hyphen.
fn initials(t: &Tok<'_>) -> bool {
    t.is_word()
        && t.text.contains('-')
        && t.text
            .split('-')
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
}

/// How many tokens at the start and at the end of a sign-off are
/// references and phone numbers rather than the name ("MQ-3056, Hannah Lee
/// (flat 2)", "Kelly, tenancy TEN204417", "Julien 06 12 34 56 78"), and
/// whether one of them is a code (letters and digits, or a long number),
/// which makes the sign-off a signature whatever came before it.
fn references_around(who: &[Tok<'_>]) -> (usize, usize, bool) {
    // A part between separators that holds digits and at most two other
    // words ("flat 11", "bail TEN-225861", "06 45 78 12 09").
    let digits = |part: &[Tok<'_>]| {
        part.iter()
            .filter(|t| t.is_word())
            .map(Tok::digits)
            .sum::<usize>()
    };
    let is_code = |part: &[Tok<'_>]| {
        digits(part) >= 6
            || part.iter().any(|t| {
                t.is_word()
                    && t.text.chars().any(|c| c.is_ascii_digit())
                    && t.text.chars().any(char::is_alphabetic)
            })
    };
    let reference = |part: &[Tok<'_>]| {
        let words = part.iter().filter(|t| t.is_word()).count();
        let numbered = part
            .iter()
            .filter(|t| t.is_word() && t.text.chars().any(|c| c.is_ascii_digit()))
            .count();
        numbered > 0 && words - numbered <= 2
    };
    let separator = |t: &Tok<'_>| t.is_punct(SEPARATORS);
    let (mut lead, mut coded) = (0, false);
    while let Some(end) = who[lead..].iter().position(separator).map(|p| lead + p) {
        let part = &who[lead..end];
        if part.is_empty() || !reference(part) {
            break;
        }
        coded |= is_code(part);
        lead = end + 1;
        while who.get(lead).is_some_and(separator) {
            lead += 1;
        }
    }
    let mut end = who.len();
    loop {
        while end > lead && who[end - 1].is_punct(")") {
            end -= 1;
        }
        let Some(start) = who[lead..end].iter().rposition(separator).map(|p| lead + p) else {
            break;
        };
        let part = &who[start + 1..end];
        if part.is_empty() || !reference(part) {
            break;
        }
        coded |= is_code(part);
        end = start;
    }
    // A phone number straight after the name, written as one ("06 12 34
    // 56 78", "+44 7700 900418"): one long number is a reference
    // ("Réservation 8843120096"), and the word before it no name.
    let number = who[lead..end]
        .iter()
        .rev()
        .take_while(|t| t.is_digits() || t.is_punct("+."))
        .count();
    let phone = &who[end - number..end];
    let grouped = phone.iter().filter(|t| t.is_digits()).count() > 1;
    if (grouped || phone.first().is_some_and(|t| t.is_punct("+"))) && digits(phone) >= 8 {
        end -= number;
        coded = true;
    }
    (lead, who.len() - end, coded)
}

/// Whether a capitalised word names a place ("Oxford Street", "Gare du
/// Nord"), not a family: after a sentence, "Valérie Dumas" signs, "Oxford
/// Street" does not.
fn is_place(t: &Tok<'_>) -> bool {
    #[rustfmt::skip]
    const PLACES: &[&str] = &[
        "street", "road", "avenue", "lane", "square", "station", "airport", "centre", "center",
        "park", "bridge", "hall", "rue", "gare", "place", "aeroport", "boulevard", "bd", "st",
        "rd", "ave",
    ];
    t.is_any_of(PLACES)
}

/// At most this many words before the comma of ", Name" ending a message.
const MAX_SIGNING_CLAUSE: usize = 4;

/// A first name after a comma at the very end, behind a short clause with
/// no closing word ("Not impressed, Graham", "Compte BR-562093, Inès"): a
/// name signs there, unless the message exclaims or asks ("…for me, Julie?"
/// speaks to the agent).
fn after_a_short_clause(
    toks: &[Tok<'_>],
    opening: usize,
    last: usize,
    trailing: Option<&str>,
) -> Option<(usize, usize)> {
    let name = last.checked_sub(1)?;
    let comma = name.checked_sub(1)?;
    let clause = toks.get(opening..comma)?;
    let words = clause.iter().filter(|t| t.is_word()).count();
    let signs = toks[comma].is_punct(",")
        && (1..=MAX_SIGNING_CLAUSE).contains(&words)
        && !clause
            .iter()
            .any(|t| t.is_punct(",") || t.kind == TokKind::Break)
        && trailing.is_none_or(|t| !"!?".contains(t))
        && person_word(&toks[name])
        && !TITLES.contains(&toks[name].folded.as_str())
        && !signs_for_no_one(&toks[name]);
    signs.then_some((name, name))
}

/// Whether the line starting at `line_start` is an item of a list, or
/// announces one, rather than a sign-off: it opens with a bullet ("•",
/// "*", "·") or a number and "." or ")" ("1.", "2)"), or with a dash
/// under a line that opens with one too; or it ends with ":" ("Missing:"
/// announces what follows, and names no one); or it comes under such a
/// line, with only items between (lines that end no sentence, no blank
/// line): "Missing:\nBlue Mug\nTea Towel", "Missing:\n1 Blue Mug\n2 Tea
/// Towel". A line that opens with a closing is none ("Thanks:", "Thanks,
/// Anna" under a list); a dash alone before a name signs ("— Malik", "-
/// Malik").
fn list_item(toks: &[Tok<'_>], line_start: usize) -> bool {
    const DASHES: &str = "-–—";
    let line_from = |from: usize| {
        let end = toks[from..]
            .iter()
            .position(|t| t.kind == TokKind::Break)
            .map_or(toks.len(), |p| from + p);
        &toks[from..end]
    };
    // Where the line above the one starting at `start` starts; none
    // across a blank line.
    let above = |start: usize| {
        let end = start.checked_sub(1)?;
        let from = toks[..end]
            .iter()
            .rposition(|t| t.kind == TokKind::Break)
            .map_or(0, |b| b + 1);
        (from < end).then_some(from)
    };
    let closing = |line: &[Tok<'_>]| line.first().is_some_and(is_closing);
    let announces =
        |line: &[Tok<'_>]| line.last().is_some_and(|t| t.is_punct(":")) && !closing(line);
    let line = line_from(line_start);
    if closing(line) {
        return false;
    }
    let numbered =
        matches!(line, [n, p, ..] if n.is_digits() && n.text.len() <= 2 && p.is_punct(".)"));
    let bullet = line.first().is_some_and(|t| t.is_punct("*•·▪◦‣"));
    let dash = line.first().is_some_and(|t| t.is_punct(DASHES));
    let listed = above(line_start).is_some_and(|from| {
        let up = line_from(from);
        up.first().is_some_and(|t| t.is_punct(DASHES)) || announces(up)
    });
    if numbered || bullet || dash && listed || announces(line) {
        return true;
    }
    // Up through the items to the line that announces them.
    let sentence = |line: &[Tok<'_>]| {
        // "1. Blue Mug": a number's full stop ends no sentence.
        let skip = usize::from(matches!(line, [n, p, ..] if n.is_digits() && p.is_punct(".)"))) * 2;
        line.iter().skip(skip).any(|t| t.is_punct(".!?…"))
    };
    let mut at = line_start;
    let mut current = line;
    while !sentence(current) {
        let Some(from) = above(at) else {
            return false;
        };
        let up = line_from(from);
        if closing(up) {
            return false;
        }
        if announces(up) {
            return true;
        }
        at = from;
        current = up;
    }
    false
}

/// Whether the line before the one starting at `line_start` goes on into
/// it, as an address does ("12 High St\nLondon"): it holds digits and ends
/// without punctuation, with no blank line between.
fn ends_an_address(toks: &[Tok<'_>], line_start: usize) -> bool {
    let Some(prev_end) = line_start.checked_sub(1) else {
        return false;
    };
    let prev_start = toks[..prev_end]
        .iter()
        .rposition(|t| t.kind == TokKind::Break)
        .map_or(0, |b| b + 1);
    let prev = &toks[prev_start..prev_end];
    let Some(last) = prev.last() else {
        return false;
    };
    // An address line is short and asks nothing: "it said 7:45 and its now
    // 8:30" above "Kev" is a sentence.
    let words = prev.iter().filter(|t| t.is_word()).count();
    // Nor is a reference ("Rental RA-61287730"): no house number,
    // postcode or zip code has six digits.
    words <= 6
        && !prev.iter().any(|t| t.is_punct("?!"))
        && prev.iter().any(|t| t.is_word() && t.digits() > 0)
        && !prev.iter().any(|t| t.digits() >= 6)
        && !last.is_punct(".!?,;:…)")
}

/// Whether the message greets `name` ("Hi Julie,": the agent) or speaks of
/// them as a colleague ("Kevin from your team", "j'ai eu Sarah").
fn greeted_or_colleague(toks: &[Tok<'_>], name: &Tok<'_>) -> bool {
    #[rustfmt::skip]
    const BEFORE: &[&str] = &[
        "hi", "hello", "hey", "dear", "bonjour", "bonsoir", "salut", "coucou", "colleague",
        "collegue", "to", "with", "eu", "agent", "conseiller", "conseillere", "thanks", "merci",
    ];
    // "Mark from your team", "I'm Mark, from your returns team", "Mark
    // from Acme support", "Julie du service client": a colleague, even
    // where the name is introduced ("this is Mark from your team").
    const TEAM: &[&str] = &[
        "team",
        "support",
        "service",
        "department",
        "dept",
        "staff",
        "desk",
        "equipe",
        "care",
    ];
    let of_a_team = |i: usize| {
        let mut at = i + 1;
        if toks.get(at).is_some_and(|t| t.is_punct(",")) {
            at += 1;
        }
        phrase_at(toks, at, "from your").is_some()
            || phrase_at(toks, at, "du service").is_some()
            || phrase_at(toks, at, "de votre").is_some()
            || toks
                .get(at)
                .is_some_and(|t| t.is_any_of(&["from", "de", "du", "chez"]))
                && toks[at + 1..]
                    .iter()
                    .filter(|t| t.is_word())
                    .take(4)
                    .any(|t| t.is_any_of(TEAM))
    };
    toks.iter().enumerate().any(|(i, t)| {
        t.text == name.text
            && (t.start != name.start && i > 0 && toks[i - 1].is_any_of(BEFORE) || of_a_team(i))
    })
}

/// The first name next to a role ("our account manager Sarah", "notre
/// chargé de compte, Marc", "Marc, our account manager").
pub fn in_role(message: &str, toks: &[Tok<'_>], role: &[&str]) -> Option<Candidate> {
    let mut found: Option<Candidate> = None;
    for i in 0..toks.len() {
        for phrase in role {
            let Some(mut at) = phrase_at(toks, i, phrase) else {
                continue;
            };
            while toks
                .get(at)
                .is_some_and(|t| t.is_punct(",:") || t.is_any_of(&["is", "est", "was", "etait"]))
            {
                at += 1;
            }
            let after = toks.get(at).filter(|t| name_like(t));
            let before = i
                .checked_sub(2)
                .filter(|&b| toks[b + 1].is_punct(",") && name_like(&toks[b]))
                .map(|b| &toks[b]);
            let Some(name) = after.or(before) else {
                continue;
            };
            // "her old teacher Emma": no longer in the role.
            if i > 0 && toks[i - 1].is_any_of(&["old", "former", "previous", "ancien", "ancienne"])
            {
                continue;
            }
            let (s, e) = (
                name.start.min(toks[i].start),
                name.end.max(toks[at.min(toks.len() - 1)].end),
            );
            if !keep_one(&mut found, name.text, || excerpt(message, s, e)) {
                return None;
            }
        }
    }
    // Someone the customer is "with" or served "by" is in a role met in
    // person (a stylist, an instructor); an account manager is the
    // business's to name: "run by Sandra", "approved by Gerald" are the
    // customer's own people.
    let met_in_person = !role
        .iter()
        .any(|r| super::kind::ACCOUNT_MANAGER.contains(r));
    found.or_else(|| met_in_person.then(|| with_someone(message, toks)).flatten())
}

/// Who someone is to the writer: a name after these is theirs ("my sister
/// Hannah"), never one in a role.
#[rustfmt::skip]
const RELATIONS: &[&str] = &[
    "sister", "brother", "friend", "colleague", "son", "daughter", "husband", "wife", "partner",
    "mum", "mom", "dad", "boyfriend", "girlfriend", "soeur", "frere", "ami", "amie", "copain",
    "copine", "collegue", "fils", "fille", "mari", "femme", "conjoint", "conjointe",
];

/// The one first name the message gives after "with", "by", "avec" or
/// "par" ("a cut with Chloe", "my lesson with Rob", "fait par Mickaël"):
/// someone the customer was or will be with, so the one in the role,
/// unless it is the customer, someone the customer names as a relation
/// ("my sister Hannah"), the first of two capitalised words ("with Green
/// Light"), or denied ("not with Priya"). None when the message gives two.
fn with_someone(message: &str, toks: &[Tok<'_>]) -> Option<Candidate> {
    let customer = customer(message, toks, false).map(|c| c.value);
    let related = |name: &Tok<'_>| {
        toks.windows(2)
            .any(|p| p[1].text == name.text && p[0].is_any_of(RELATIONS))
    };
    // The name the message is signed with, even where `customer` took
    // none ("… with Dave. Thanks, Dave"): the customer's, maybe.
    let signature = toks.iter().rev().find(|t| t.is_word()).map(|t| t.text);
    let mut found: Option<Candidate> = None;
    for (i, t) in toks.iter().enumerate() {
        let Some(name) = toks.get(i + 1) else { break };
        let alone = toks.get(i + 2).is_none_or(|next| !name_like(next));
        // "with Rob or Gary": one of two, so neither.
        let one_of_two = toks
            .get(i + 2)
            .is_some_and(|or| or.is_any_of(&["or", "ou", "and", "et"]) || or.is_punct("/"))
            && toks.get(i + 3).is_some_and(name_like);
        // "Not with Priya this time", "plus avec Julien".
        let denied = i > 0 && toks[i - 1].is_any_of(&["not", "never", "pas", "plus", "jamais"]);
        if !t.is_any_of(&["with", "avec", "by", "par"])
            || denied
            || !person_word(name)
            || !alone
            || is_stop_word(&name.folded)
            || is_carrier_word(name.text)
            || customer.as_deref() == Some(name.text)
            || signature == Some(name.text) && i + 2 < toks.len()
            || related(name)
        {
            continue;
        }
        if one_of_two {
            return None;
        }
        if !keep_one(&mut found, name.text, || {
            excerpt(message, t.start, name.end)
        }) {
            return None;
        }
    }
    found
}

/// Capitalised words before a possessive that name no pet or child.
#[rustfmt::skip]
const NOT_KIN: &[&str] = &[
    "today", "tomorrow", "yesterday", "tonight", "everyone", "everybody", "nobody", "somebody",
    "someone", "anyone", "mum", "mom", "dad", "mummy", "daddy", "nan", "gran", "grandma",
    "grandad", "year", "week", "month", "let",
];

/// The one professional the message names by a title and a surname, "Dr
/// Patel", "le Dr. Okoye", "docteur Lewis", written with the variable's
/// own `title` ("Dr Lewis"). Never the customer, who may sign "Dr Emma
/// Stone"; none when the message names two.
pub fn titled(message: &str, toks: &[Tok<'_>], title: &str) -> Option<Candidate> {
    let customer = customer(message, toks, false).map(|c| c.value);
    let mut found: Option<Candidate> = None;
    for (i, t) in toks.iter().enumerate() {
        // "me" and "pr" are titles only as "Me Dupont", "Pr Martin".
        let short = ["me", "pr"].contains(&t.folded.as_str());
        if !t.is_any_of(super::kind::PROFESSIONAL)
            || short && !t.text.starts_with(char::is_uppercase)
        {
            continue;
        }
        let at = if toks.get(i + 1).is_some_and(|d| d.is_punct(".")) {
            i + 2
        } else {
            i + 1
        };
        let Some(name) = toks
            .get(at)
            .filter(|n| name_like(n) && !is_stop_word(&n.folded))
        else {
            continue;
        };
        // "Not with Dr Brennan please": the one not wanted.
        if toks[i.saturating_sub(3)..i]
            .iter()
            .any(|w| w.is_any_of(&["not", "pas", "except", "sauf"]))
        {
            continue;
        }
        // A first name after the title ("Regards, Dr Emma Stone") is no
        // surname, and often the customer's own signature.
        if customer.as_deref() == Some(name.text) || toks.get(at + 1).is_some_and(|n| name_like(n))
        {
            continue;
        }
        let value = format!("{title} {}", name.text);
        if !keep_one(&mut found, &value, || excerpt(message, t.start, name.end)) {
            return None;
        }
    }
    found
}

/// Words that greet at the top of a message.
const GREETINGS: &[&str] = &[
    "hi", "hello", "hey", "bonjour", "bonsoir", "salut", "coucou",
];

/// Whether `toks[i]` opens the message or a sentence of it, the greeting
/// aside ("Hello, Biscuit is…", "Hi there, Luna had…").
fn opens_sentence(toks: &[Tok<'_>], i: usize) -> bool {
    let mut at = i;
    while at > 0 && toks[at - 1].is_punct(",") {
        at -= 1;
    }
    if at > 0 && toks[at - 1].is_any_of(&["there", "all"]) {
        at -= 1;
    }
    if at > 0 && toks[at - 1].is_any_of(GREETINGS) {
        at -= 1;
    }
    at == 0 || at == i && (toks[i - 1].is_punct(".!?") || toks[i - 1].kind == TokKind::Break)
}

/// What a pet's or a child's care is, in French, before "de" and the name:
/// "le rendez-vous de Pistache", "la castration de Tigrou", "le carnet de
/// Caramel" (a name after "de" anywhere else may be a place: "le train de
/// Paris").
#[rustfmt::skip]
const CARE: &[&str] = &[
    "rendez-vous", "rdv", "vaccin", "vaccins", "rappel", "operation", "castration",
    "sterilisation", "visite", "consultation", "consult", "carnet", "passeport", "dossier",
    "fiche", "assurance", "detartrage", "traitement", "resultats", "analyses", "ordonnance",
    "vermifuge", "puce", "inscription", "cantine", "bulletin", "certificat",
];

/// What the customer is to a child, before "de" or "of" and its name.
#[rustfmt::skip]
const PARENTS: &[&str] = &[
    "papa", "maman", "mere", "pere", "parent", "parents", "mum", "mom", "mother", "dad", "father",
];

/// What a pet or a child does, just after its name, as the subject of the
/// message's first words or of a sentence: "Hello, Biscuit is booked in",
/// "Tilly had bloods taken", "Rocky doit se faire opérer".
#[rustfmt::skip]
const DOES: &[&str] = &[
    "is", "has", "had", "was", "needs", "needed", "est", "doit", "devait", "va", "avait",
];

/// The name of a pet or a child the message speaks of: after what they are
/// (`kinds`: "our dog Milo", "ma chatte Olive", "a puppy, Pip"), in a
/// possessive ("Milo's booster", "Rufus's appointment"), after its care
/// (see [`CARE`]) or as the subject of a sentence (see [`DOES`]). Never
/// the customer's own name, one greeted or a colleague's, nor a business's
/// or a word of support vocabulary; none when the message names two.
pub fn kin(message: &str, toks: &[Tok<'_>], kinds: &[&str]) -> Option<Candidate> {
    let customer = customer(message, toks, false).map(|c| c.value);
    let mut found: Option<Candidate> = None;
    // False once a second name is met; a word that names no pet or child
    // is passed over.
    let mut take = |name: &Tok<'_>, start: usize, end: usize| {
        if customer.as_deref() == Some(name.text)
            || !person_word(name)
            || is_stop_word(&name.folded)
            || NOT_KIN.contains(&name.folded.as_str())
            || is_carrier_word(name.text)
            || greeted_or_colleague(toks, name)
        {
            return true;
        }
        keep_one(&mut found, name.text, || excerpt(message, start, end))
    };
    for (i, t) in toks.iter().enumerate() {
        let possessive = toks.get(i + 1).is_some_and(|a| a.is_punct("'’"))
            && toks
                .get(i + 2)
                .is_some_and(|s| s.is_word() && s.folded == "s");
        // Not "Mr Dubois's group": a title names an adult.
        let titled = i > 0 && is_title(&toks[i - 1]);
        if possessive && name_like(t) && !titled && !take(t, t.start, toks[i + 2].end) {
            return None;
        }
        // "le rendez-vous de Pistache", "papa de Jules", "mum of Arjun".
        let cared_for = i >= 2
            && (toks[i - 1].is_any_of(&["de", "d"]) && toks[i - 2].is_any_of(CARE)
                || toks[i - 1].is_any_of(&["de", "d", "of"]) && toks[i - 2].is_any_of(PARENTS));
        let subject = toks.get(i + 1).is_some_and(|v| v.is_any_of(DOES))
            && !toks
                .get(i + 2)
                .is_some_and(|w| w.is_any_of(&["my", "mon", "ma", "here", "ici"]))
            && opens_sentence(toks, i);
        if (cared_for || subject)
            && name_like(t)
            && !is_support_word(&t.folded)
            && !take(
                t,
                if cared_for {
                    toks[i - 2].start
                } else {
                    t.start
                },
                t.end,
            )
        {
            return None;
        }
        // "My neighbour's dog Max": someone else's pet or child.
        let of_someone_else = i >= 3
            && toks[i - 1].folded == "s"
            && toks[i - 2].is_punct("'’")
            && toks[i - 3].is_any_of(super::SOMEONE_ELSE);
        for kind in kinds {
            if of_someone_else {
                break;
            }
            let Some(mut at) = phrase_at(toks, i, kind) else {
                continue;
            };
            while toks.get(at).is_some_and(|t| t.is_punct(",:")) {
                at += 1;
            }
            if let Some(name) = toks.get(at).filter(|t| name_like(t))
                && !take(name, t.start, name.end)
            {
                return None;
            }
        }
    }
    found
}
