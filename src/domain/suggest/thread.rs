//! The customer's own words in a message. A reply by e-mail quotes what
//! came before it (our last reply, the customer's earlier message): those
//! lines say what was asked then, not now, and their names, amounts and
//! order numbers are not this message's values.

use std::borrow::Cow;

/// `message` without what it quotes: the lines from a quoted e-mail's
/// header down ("On Mon, 3 May 2027, Acme wrote:", "Le 3 mai 2027 à
/// 10:02, Acme a écrit :", "-----Original Message-----", "From: … Sent:
/// …") and every line starting with `>`. A message that is all quote is
/// kept whole: something is better than nothing to go on.
pub fn own_words(message: &str) -> Cow<'_, str> {
    let lines: Vec<&str> = message.lines().collect();
    let end = (0..lines.len())
        .find(|&i| quote_header(lines[i], lines.get(i + 1).copied()))
        .unwrap_or(lines.len());
    let kept: Vec<&str> = lines[..end]
        .iter()
        .filter(|l| !l.trim_start().starts_with('>'))
        .copied()
        .collect();
    if kept.len() == lines.len() || kept.iter().all(|l| l.trim().is_empty()) {
        return Cow::Borrowed(message);
    }
    Cow::Owned(kept.join("\n"))
}

/// Whether `line` (with the line after it, as mail programs wrap a long
/// header) opens a quoted e-mail.
fn quote_header(line: &str, next: Option<&str>) -> bool {
    let line = line.trim().to_lowercase();
    let next = next.map(|n| n.trim().to_lowercase()).unwrap_or_default();
    let both = format!("{line} {next}");
    // A date or an address says it is a header, not a sentence of the
    // customer's ("On Monday the driver wrote: left at door").
    let dated = both.chars().any(|c| c.is_ascii_digit()) || both.contains('@');
    let said = |end: &[&str]| {
        end.iter()
            .any(|e| line.ends_with(e) || (next.ends_with(e) && !line.ends_with('.')))
    };
    let introduces = (line.starts_with("on ") && said(&["wrote:"]))
        || (line.starts_with("le ") && said(&["a écrit :", "a écrit:", "a ecrit :", "a ecrit:"]));
    let divider = ["original message", "message d'origine", "mail original"]
        .iter()
        .any(|d| line.starts_with('-') && line.contains(d));
    let headed = ["from:", "de :", "de:"].iter().any(|h| line.starts_with(h))
        && ["sent:", "date:", "envoyé :", "envoyé:", "to:", "à :"]
            .iter()
            .any(|h| next.starts_with(h));
    introduces && dated || divider || headed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quoted_reply_below_the_customers_words_is_left_out() {
        let message = "Still nothing, it has been 3 weeks.\n\nOn Mon, 3 May 2027 at 10:02, Acme Support <help@acme.example> wrote:\n> Hi Sarah, your refund of EUR 20 for order #1245 is issued.\n> Julie";
        assert_eq!(own_words(message), "Still nothing, it has been 3 weeks.\n");
        let french = "Toujours rien reçu.\nLe 3 mai 2027 à 10:02, Acme\n<aide@acme.example> a écrit :\n> Bonjour, votre remboursement est effectué.";
        assert_eq!(own_words(french), "Toujours rien reçu.");
        let outlook = "Please cancel it.\n\nFrom: Acme Support\nSent: 3 May 2027 10:02\nSubject: Your order 1245";
        assert_eq!(own_words(outlook), "Please cancel it.\n");
        let divider = "Merci de rappeler.\n-----Message d'origine-----\nDe : Acme";
        assert_eq!(own_words(divider), "Merci de rappeler.");
    }

    #[test]
    fn quoted_lines_are_left_out_wherever_they_stand() {
        assert_eq!(
            own_words("> your parcel left on Monday\nIt did not. Order 1245."),
            "It did not. Order 1245."
        );
    }

    #[test]
    fn trap_a_sentence_like_a_header_or_a_message_all_quote_is_kept_whole() {
        for message in [
            "On Monday the driver wrote: left at door. Nothing there.",
            "Le livreur a écrit : déposé. Rien reçu.",
            "> only a quote",
            "Where is my order 1245?",
        ] {
            assert_eq!(own_words(message), message);
        }
    }
}
