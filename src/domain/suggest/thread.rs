//! The customer's own words in a message. A reply by e-mail quotes what
//! came before it (our last reply, the customer's earlier message): those
//! lines say what was asked then, not now, and their names, amounts and
//! order numbers are not this message's values.

use std::borrow::Cow;

/// `message` without what it quotes: the lines from a quoted e-mail's
/// header down ("On Mon, 3 May 2027, Acme wrote:", "Le 3 mai 2027 à
/// 10:02, Acme a écrit :", "-----Original Message-----", "From: … Sent:
/// …"), but for an answer written below quoted `>` lines, and every line
/// starting with `>`. A message that is all quote is kept whole:
/// something is better than nothing to go on.
pub fn own_words(message: &str) -> Cow<'_, str> {
    own(message).0
}

/// [`own_words`], and whether `message` is all quote (an agent copied only
/// what the customer's e-mail quotes, our own last reply): it is ranked all
/// the same, but none of its names, amounts or numbers is the customer's.
pub fn own(message: &str) -> (Cow<'_, str>, bool) {
    let (kept, all) = own_lines(message);
    let nothing_left = kept.iter().all(|l| l.trim().is_empty());
    if kept.len() == all || nothing_left {
        return (Cow::Borrowed(message), kept.len() < all && nothing_left);
    }
    (Cow::Owned(kept.join("\n")), false)
}

/// The lines of `message` that are the customer's own (see
/// [`own_words`]), and how many lines it has.
fn own_lines(message: &str) -> (Vec<&str>, usize) {
    let lines: Vec<&str> = message.lines().collect();
    let quoted = |l: &&str| l.trim_start().starts_with('>');
    // Quoted lines below a line, blank lines between: "Acme wrote:\n\n> …".
    let quote_below = |i: usize| {
        lines[i + 1..]
            .iter()
            .find(|l| !l.trim().is_empty())
            .is_some_and(quoted)
    };
    let header = (0..lines.len())
        .find(|&i| quote_header(lines[i], lines.get(i + 1).copied(), quote_below(i)));
    // A header over `>` lines quotes those only: what follows them is the
    // customer's answer written below the quote. A header over plain lines
    // (Outlook's) quotes everything down to the end.
    let below_quote = header.is_some_and(|h| {
        lines[h + 1..]
            .iter()
            .find(|l| !l.trim().is_empty())
            .is_some_and(quoted)
    });
    let kept: Vec<&str> = lines
        .iter()
        .enumerate()
        .filter(|&(i, l)| match header {
            Some(h) if i == h => false,
            Some(h) if i > h && !below_quote => false,
            _ => !quoted(l) && !rule(l),
        })
        .map(|(_, l)| *l)
        .collect();
    (without_disclaimers(kept), lines.len())
}

/// How a mail's disclaimer or a mail program's line opens: alone enough
/// ("Sent from my iPhone"), or with one of [`DISCLAIMERS`] in its
/// paragraph ("This e-mail is intended only for…"). A customer's own
/// sentence that says the same words ("The gift is intended only for my
/// mum") opens otherwise.
#[rustfmt::skip]
const OPENS_ALONE: &[&str] = &[
    "sent from ", "sent with ", "sent via ", "envoyé de mon", "envoye de mon", "envoyé depuis",
    "envoye depuis", "envoyé à partir", "envoye a partir", "envoyé avec", "envoye avec",
    "obtenir outlook", "von meinem", "gesendet von", "enviado desde", "enviado do", "inviato da",
    "virus-free", "virus free", "please consider the environment", "get outlook for",
    "pensez à l'environnement",
];
#[rustfmt::skip]
const OPENS: &[&str] = &[
    "confidentiality", "confidential", "disclaimer", "this e-mail", "this email", "this message",
    "this communication", "the information contained", "ce message", "ce courriel", "ce mail",
    "cet e-mail", "cet email", "avertissement", "confidentialité",
];

/// What a mail server or a company appends to every e-mail, said in a
/// few words: no customer asks about it, and its words ("received",
/// "addressee") and names ("scanned by Mimecast Ltd") are none of theirs.
#[rustfmt::skip]
const DISCLAIMERS: &[&str] = &[
    "intended only for", "intended solely for", "intended exclusively for", "intended recipient",
    "if you have received this", "if you are not the intended", "scanned for viruses",
    "checked for viruses", "confidential", "privileged", "si vous avez reçu ce message",
    "si vous recevez ce message", "si vous n'êtes pas le destinataire", "destiné exclusivement",
    "à l'intention exclusive", "strictement confidentiel", "analysé par", "a été analysé",
];

/// `lines` without the paragraphs at their end that are a mail's
/// disclaimer (see [`DISCLAIMERS`]); what comes before is kept, so a
/// message is never left empty by this.
fn without_disclaimers(mut lines: Vec<&str>) -> Vec<&str> {
    loop {
        let end = lines
            .iter()
            .rposition(|l| !l.trim().is_empty())
            .map_or(0, |i| i + 1);
        let start = lines[..end]
            .iter()
            .rposition(|l| l.trim().is_empty())
            .map_or(0, |i| i + 1);
        let paragraph = lines[start..end].join(" ").to_lowercase().replace('’', "'");
        let paragraph = paragraph.trim_start_matches(|c: char| !c.is_alphanumeric());
        let disclaimer = OPENS_ALONE.iter().any(|o| paragraph.starts_with(o))
            || OPENS.iter().any(|o| paragraph.starts_with(o))
                && DISCLAIMERS.iter().any(|d| paragraph.contains(d));
        if start == 0 || !disclaimer {
            return lines;
        }
        lines.truncate(start);
        while lines.last().is_some_and(|l| l.trim().is_empty()) {
            lines.pop();
        }
    }
}

/// Whether `line` is a rule drawn across a mail (`=====`, `-----`,
/// `*****`): no words, and no meaning, yet counted as text it would weigh
/// on how the message reads.
fn rule(line: &str) -> bool {
    let line = line.trim();
    line.chars().count() >= 3
        && line
            .chars()
            .all(|c| matches!(c, '_' | '-' | '=' | '*' | '~' | '#' | '+' | '.'))
}

/// Whether `line` (with the line after it, as mail programs wrap a long
/// header) opens a quoted or forwarded e-mail.
fn quote_header(line: &str, next: Option<&str>, quote_below: bool) -> bool {
    // Mail programs frame a header in dashes ("---- On Mon, … wrote ----")
    let plain = |l: &str| {
        l.replace('*', "")
            .trim_matches(|c: char| matches!(c, '-' | '=' | '_') || c.is_whitespace())
            .to_lowercase()
    };
    // or bold it in asterisks ("*From:* Acme"), or frame it in stars or
    // equals signs ("*** Original Message ***", "===== Original =====").
    let framed = line.trim_start().starts_with(['-', '*', '=', '_']);
    let raw = line;
    let line = plain(line);
    let next = next.map(plain).unwrap_or_default();
    let both = format!("{line} {next}");
    // A date, an address or quoted lines below say it is a header, not a
    // sentence of the customer's ("On Monday the driver wrote: left at
    // door").
    // A header ended on this line is dated on it: the customer's own line
    // ("Le livreur a écrit :") above their order number is no header.
    let date_or_address = |s: &str| s.chars().any(|c| c.is_ascii_digit()) || s.contains('@');
    let ended = line.ends_with(':') || line.ends_with("wrote");
    let dated = quote_below || date_or_address(&line) || (!ended && date_or_address(&both));
    // Ended on this line, or on the next when this one opens as headers
    // do ("On Mon, 3 May 2027 at 10:02, Acme Support\n<help@…> wrote:"),
    // even wrapped inside its last words ("… <support@acme.example> a\nécrit :").
    let opens = ["on ", "le ", "am ", "el ", "il "]
        .iter()
        .any(|o| line.starts_with(o));
    let said = |end: &[&str]| {
        end.iter()
            .any(|e| line.ends_with(e) || (opens && both.ends_with(e) && !line.ends_with('.')))
    };
    // However the mail program words it: "On … wrote:", "Acme wrote on
    // 3 May 2027:", "Am 03.05.2027 um 10:14 schrieb Acme:", "El lun, 3
    // may 2027, Acme escribió:".
    let introduces = said(&[
        "wrote:",
        "wrote",
        "a écrit :",
        "a écrit:",
        "a ecrit :",
        "a ecrit:",
        "schrieb:",
        "escribió:",
        "escribio:",
        "ha scritto:",
        "scrisse:",
        "escreveu:",
    ]) || line.ends_with(':')
        && [" wrote on ", " schrieb am ", "schrieb "]
            .iter()
            .any(|w| line.contains(w))
        || (line.starts_with("quoting ") && line.ends_with(':'));
    let divider = framed
        && [
            "original message",
            "message original",
            "message d'origine",
            "mail original",
            "forwarded message",
            "message transféré",
        ]
        .iter()
        .any(|d| line.contains(d));
    // Outlook draws a line of underscores above the headers of the mail
    // it quotes (a line of underscores alone is a rule, see [`rule`]).
    let outlook = {
        let t = raw.trim();
        t.len() >= 10
            && t.chars().all(|c| c == '_')
            && ["from:", "de :", "de:"].iter().any(|h| next.starts_with(h))
    };
    let forwarded = ["begin forwarded message", "début du message réexpédié"]
        .iter()
        .any(|f| line.starts_with(f));
    // Its next header on the next line, or on the same one when the mail
    // program ran them together ("From: Acme Sent: Monday 3 May 2027").
    let headed = ["from:", "de :", "de:"].iter().any(|h| line.starts_with(h))
        && [
            "sent:",
            "date:",
            "envoyé :",
            "envoyé:",
            "to:",
            "à :",
            "subject:",
            "objet :",
        ]
        .iter()
        .any(|h| next.starts_with(h) || dated && line.contains(&format!(" {h}")));
    introduces && dated || divider || outlook || forwarded || headed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_is_all_quote_only_when_nothing_of_it_is_the_customers() {
        let all_quote = |m: &str| own(m).1;
        assert!(all_quote("On 3 May 2027, Acme wrote:\n> Hi Sarah\n> Julie"));
        assert!(all_quote("> Hi Sarah\n> order 99999"));
        assert!(!all_quote(
            "Still nothing.\nOn 3 May 2027, Acme wrote:\n> Hi"
        ));
        assert!(!all_quote("Where is my order?"));
        assert!(!all_quote(""));
    }

    #[test]
    fn a_quoted_reply_below_the_customers_words_is_left_out() {
        let message = "Still nothing, it has been 3 weeks.\n\nOn Mon, 3 May 2027 at 10:02, Acme Support <help@acme.example> wrote:\n> Hi Sarah, your refund of EUR 20 for order #1245 is issued.\n> Julie";
        assert_eq!(own_words(message), "Still nothing, it has been 3 weeks.\n");
        let french = "Toujours rien reçu.\nLe 3 mai 2027 à 10:02, Acme\n<aide@acme.example> a écrit :\n> Bonjour, votre remboursement est effectué.";
        assert_eq!(own_words(french), "Toujours rien reçu.");
        // Wrapped inside its last words, as Gmail wraps a long header.
        let wrapped = "Toujours pas de remboursement !\n\nLe mar. 3 mai 2027 à 10:12, Acme Support <support@acme.example> a\nécrit :\nBonjour Tom, remboursement de 49,90 €. Julie";
        assert_eq!(own_words(wrapped), "Toujours pas de remboursement !\n");
        let outlook = "Please cancel it.\n\nFrom: Acme Support\nSent: 3 May 2027 10:02\nSubject: Your order 1245";
        assert_eq!(own_words(outlook), "Please cancel it.\n");
        let divider = "Merci de rappeler.\n-----Message d'origine-----\nDe : Acme";
        assert_eq!(own_words(divider), "Merci de rappeler.");
    }

    #[test]
    fn a_forwarded_mail_and_the_headers_of_other_mail_programs_are_left_out() {
        for (message, own) in [
            (
                "Still no refund, see below.\n\nBegin forwarded message:\n\nFrom: Acme Support <support@acme.example>\nHi Kate, we've refunded €49.90. Julie",
                "Still no refund, see below.\n",
            ),
            (
                "See below.\n---------- Forwarded message ---------\nFrom: Acme <a@acme.example>",
                "See below.",
            ),
            (
                "Still waiting!\n\n---- On Mon, 03 Nov 2026 Acme Support wrote ----\nHi Tom, your refund of £30 is on its way. Julie",
                "Still waiting!\n",
            ),
            (
                "Any news?\nQuoting Acme Support <help@acme.example>:\nYour order 44006 has shipped.",
                "Any news?",
            ),
            (
                "Please cancel.\n*From:* Acme Support\n*Sent:* Monday\nYour order 44006",
                "Please cancel.",
            ),
            (
                "Still no news!\n*** Original Message ***\nOrder 48213 shipped.",
                "Still no news!",
            ),
            (
                "Still no news!\n=====Original Message=====\nOrder 48213 shipped.",
                "Still no news!",
            ),
            (
                "Toujours rien !\n-------- Message original --------\nCommande 48213 expédiée.",
                "Toujours rien !",
            ),
            (
                "Still no news!\n**From:** Acme Support **Sent:** Monday 3 May 2027\nOrder 48213 shipped.",
                "Still no news!",
            ),
            (
                "Where is order 42044?\n\nThanks,\nTom\n\nOn Tue, Sarah from Acme wrote:\n> Hi Tom, it ships today.",
                "Where is order 42044?\n\nThanks,\nTom\n",
            ),
        ] {
            assert_eq!(own_words(message), own, "{message}");
        }
    }

    #[test]
    fn a_sentence_that_names_a_sender_is_no_header() {
        for message in [
            "From: what I can see, the parcel was sent: nothing arrived",
            "*** urgent *** my order never came",
            "From: Tom. Sent: twice, still nothing",
        ] {
            assert_eq!(own_words(message), message);
        }
    }

    #[test]
    fn an_answer_written_below_the_quote_is_the_customers() {
        let message = "On Tue, 4 Mar, Julie (Acme Support) wrote:\n> Your refund of £20 for order 1245 is issued.\n> Julie\n\nIt is not. Order 1245, £49.90. Tom";
        assert_eq!(own_words(message), "\nIt is not. Order 1245, £49.90. Tom");
    }

    #[test]
    fn headers_worded_by_other_mail_programs_and_languages_open_a_quote() {
        for header in [
            "Acme Support wrote on 3 May 2027:",
            "Am 03.05.2027 um 10:14 schrieb Acme Support <help@acme.example>:",
            "El lun, 3 may 2027 a las 10:14, Acme Support (<help@acme.example>) escribió:",
            "Il giorno 3 mag 2027, Acme Support ha scritto:",
        ] {
            let message = format!(
                "Still no refund!! Alice\n\n{header}\nHi Bob, your refund of £10 for order 11111 is on its way."
            );
            assert_eq!(own_words(&message), "Still no refund!! Alice\n", "{header}");
        }
        // A customer's own sentence is no header.
        let said = "On Monday the driver wrote: left at door. Nothing there.";
        assert_eq!(own_words(said), said);
    }

    #[test]
    fn quoted_lines_are_left_out_wherever_they_stand() {
        assert_eq!(
            own_words("> your parcel left on Monday\nIt did not. Order 1245."),
            "It did not. Order 1245."
        );
    }

    #[test]
    fn outlooks_line_of_underscores_opens_the_quote_and_rules_weigh_nothing() {
        let bar = "_".repeat(32);
        assert_eq!(
            own_words(&format!(
                "where is my parcel\n\n{bar}\nFrom: Acme\nOrder 1245 shipped"
            )),
            "where is my parcel\n"
        );
        assert_eq!(
            own_words("the zip came off\n=====\n--- \n***\nthanks"),
            "the zip came off\nthanks"
        );
        // A line of a few dashes in a sentence's place is kept: `-` alone.
        assert_eq!(own_words("yes\n-\nno"), "yes\n-\nno");
        // Underscores with no mail's headers below are a rule, not a quote.
        assert_eq!(
            own_words(&format!(
                "Hi,\n{bar}\nMy parcel never arrived.\n{bar}\nJane"
            )),
            "Hi,\nMy parcel never arrived.\nJane"
        );
    }

    #[test]
    fn a_disclaimer_below_the_message_is_none_of_its_words() {
        assert_eq!(
            own_words(
                "Hello,\nWhere is my order 48213?\nAnna\n\nCONFIDENTIALITY: This e-mail is \
                 intended only for the addressee. If you have received it in error, \
                 please delete it.\n\nThis email has been scanned for viruses by Mimecast Ltd."
            ),
            "Hello,\nWhere is my order 48213?\nAnna"
        );
        // One the customer writes in their own paragraph, not last, stays;
        // and a message that is only one is kept whole.
        let asked = "Your e-mail said it is intended only for me.\n\nWhy? Anna";
        assert_eq!(own_words(asked), asked);
        let only = "This e-mail is intended only for the addressee.";
        assert_eq!(own_words(only), only);
        // A header over quoted lines, a blank line between.
        assert_eq!(
            own_words(
                "Order 48213 arrived broken. Thanks, Anna\n\nAcme Support wrote:\n\n> Hello Tom\n> Julie"
            ),
            "Order 48213 arrived broken. Thanks, Anna\n\n"
        );
        // The customer's own last paragraph, saying the same words.
        for own in [
            "Hi,\n\nThe gift in order 48213 is intended only for my mum. Thanks, Anna",
            "Hi,\n\nMy laptop was scanned for viruses and is clean, but checkout fails. Tom",
        ] {
            assert_eq!(own_words(own), own);
        }
        assert_eq!(
            own_words(
                "Bonjour,\nOù est ma commande ?\nAnne\n\nCe message et toutes les pièces jointes \
                 sont établis à l'intention exclusive de ses destinataires et sont confidentiels."
            ),
            "Bonjour,\nOù est ma commande ?\nAnne"
        );
        assert_eq!(
            own_words("Where is my order?\nAnna\n\nVirus-free. www.avg.com"),
            "Where is my order?\nAnna"
        );
        // Every mail program's line, not only a phone's ("Sent from my"):
        // its `sent` met the wrong-item reply, and the name above was lost.
        for program in [
            "Sent from Mail for Windows",
            "Sent from Yahoo Mail on Android",
            "Sent with Proton Mail secure email.",
            "Envoyé depuis l'application Mail Orange",
            "Envoyé à partir de Courrier pour Windows",
            "Envoyé à partir d’Outlook pour Android",
            "Obtenir Outlook pour Android",
            "Von meinem iPhone gesendet",
            "Enviado desde mi iPhone",
            "Enviado do meu iPhone",
        ] {
            assert_eq!(
                own_words(&format!(
                    "Where is my order 45127?\nThanks, Joanna\n\n{program}"
                )),
                "Where is my order 45127?\nThanks, Joanna"
            );
        }
    }

    #[test]
    fn trap_a_sentence_like_a_header_or_a_message_all_quote_is_kept_whole() {
        for message in [
            "On Monday the driver wrote: left at door. Nothing there.",
            "Le livreur a écrit : déposé. Rien reçu.",
            "Bonjour,\nLe livreur a écrit :\ncolis déposé chez le voisin. Rien reçu, commande 48213 ! Luc",
            "Hello,\nOn the tracking page DHL wrote:\ndelivered to neighbour. Nothing here, order 48213! Luc",
            "> only a quote",
            "Where is my order 1245?",
        ] {
            assert_eq!(own_words(message), message);
        }
    }
}
