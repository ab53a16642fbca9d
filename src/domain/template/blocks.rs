//! Which `{% if %}` or `{% for %}` a template leaves open, or closes out of
//! turn. Tera says only "Unexpected end of input" at the last line, or
//! "Unknown tag" at an `{% endfor %}` met inside an `{% if %}`: the lead
//! must be sent to the block that is open.

use super::work::tags;

/// A block left open or closed out of turn: what to say, and the byte
/// offset of the tag's word to point at (where Tera points).
#[derive(Debug, PartialEq, Eq)]
pub struct Unbalanced {
    pub message: String,
    pub at: usize,
    /// Whether the template ends with the block still open (rather than
    /// a closing tag met out of turn).
    pub at_end: bool,
}

/// The first block of `source` that is not closed where it should be.
pub fn unbalanced(source: &str) -> Option<Unbalanced> {
    // The blocks still open, innermost last: their word and offset.
    let mut open: Vec<(&str, usize, String)> = Vec::new();
    for tag in tags(source).into_iter().filter(|t| t.statement) {
        let word_at = tag.start + source[tag.start..].find(tag.word).unwrap_or(0);
        match tag.word {
            word @ ("if" | "for") => {
                open.push((word, word_at, quoted(&source[tag.start..tag.end])))
            }
            end @ ("endif" | "endfor") => {
                let closes = &end[3..];
                match open.pop() {
                    Some((word, _, _)) if word == closes => {}
                    Some((word, _, opener)) => {
                        return Some(Unbalanced {
                            message: format!(
                                "`{{% {end} %}}` met while `{opener}` before it is still open: \
                                 close that one first, with `{{% end{word} %}}`"
                            ),
                            at: word_at,
                            at_end: false,
                        });
                    }
                    None => {
                        return Some(Unbalanced {
                            message: format!(
                                "`{{% {end} %}}` closes no `{{% {closes} %}}`: remove it, \
                                 or open the block before it"
                            ),
                            at: word_at,
                            at_end: false,
                        });
                    }
                }
            }
            _ => {}
        }
    }
    open.pop().map(|(word, at, _)| {
        // `{% endif` at the end, its `%}` lost: the block is closed, the
        // tag is not, and adding an `{% endif %}` would not mend it.
        if let Some(cut) = unterminated_at_end(source) {
            return Unbalanced {
                message: format!(
                    "this `{}` has no `%}}` to close it",
                    quoted(source[cut..].trim_end())
                ),
                at: cut,
                at_end: true,
            };
        }
        Unbalanced {
            message: format!(
                "this `{{% {word} %}}` is never closed: add `{{% end{word} %}}` where its text ends"
            ),
            at,
            at_end: true,
        }
    })
}

/// The offset of a `{%` that no `%}` follows, when it is the last tag of
/// `source`: a tag cut short at the end of the text.
fn unterminated_at_end(source: &str) -> Option<usize> {
    let cut = source.rfind("{%")?;
    (!source[cut..].contains("%}")).then_some(cut)
}

/// A tag as the lead wrote it, cut to a length an error line can hold.
fn quoted(tag: &str) -> String {
    const MAX: usize = 40;
    if tag.chars().count() <= MAX {
        tag.to_string()
    } else {
        let cut: String = tag.chars().take(MAX - 4).collect();
        format!("{cut} … %}}")
    }
}

#[cfg(test)]
mod tests {
    use super::super::limits::position;
    use super::*;

    fn said(source: &str) -> Option<(String, (usize, usize))> {
        unbalanced(source).map(|u| (u.message, position(source, u.at)))
    }

    #[test]
    fn balanced_templates_say_nothing() {
        assert_eq!(
            said("Hi {% if a %}x{% elif b %}y{% else %}z{% endif %}"),
            None
        );
        assert_eq!(
            said("{% for x in y %}{% if x %}a{% endif %}{% endfor %}"),
            None
        );
        assert_eq!(said("{%- if a -%}x{%- endif -%}"), None);
    }

    #[test]
    fn a_block_left_open_is_pointed_at_where_it_opens() {
        let (message, at) = said("Hi,\n\n{% if vip %}\nThanks.\n").expect("open if");
        assert_eq!(
            message,
            "this `{% if %}` is never closed: add `{% endif %}` where its text ends"
        );
        assert_eq!(at, (3, 3));
        let (_, at) = said("{% for x in y %}{% if x %}a{% endif %}").expect("open for");
        assert_eq!(at, (1, 3));
    }

    #[test]
    fn an_end_tag_cut_short_at_the_end_is_told_as_such() {
        let (message, at) = said("Hi{% if name %} {{ name }}{% endif").expect("cut");
        assert_eq!(message, "this `{% endif` has no `%}` to close it");
        assert_eq!(at, (1, 26));
    }

    #[test]
    fn a_block_closed_out_of_turn_names_the_one_still_open() {
        let (message, at) =
            said("line\n{% for x in y %}{% if x %}a{% endfor %}").expect("out of turn");
        assert_eq!(
            message,
            "`{% endfor %}` met while `{% if x %}` before it is still open: \
             close that one first, with `{% endif %}`"
        );
        assert_eq!(at, (2, 30));
        let (message, _) = said("a{% endif %}").expect("stray end");
        assert_eq!(
            message,
            "`{% endif %}` closes no `{% if %}`: remove it, or open the block before it"
        );
    }

    #[test]
    fn tags_in_comments_raw_blocks_and_strings_do_not_count() {
        assert_eq!(said("{# {% if a %} #}x"), None);
        assert_eq!(said("{% raw %}{% if a %}{% endraw %}x"), None);
        assert_eq!(said("{{ \"{% endif %}\" }}x"), None);
    }
}
