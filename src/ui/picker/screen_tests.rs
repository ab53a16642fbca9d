//! What the picker draws, on a test backend: states set up by hand, the
//! screen read back as text.

use std::time::Instant;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::form::{Form, FormKey};
use super::workers::Rendered;
use super::{PATIENCE, State, fixtures, ui};
use crate::domain::model::Lang;

/// The screen, 80×24, as text.
fn screen(state: &mut State) -> String {
    screen_sized(state, 80, 24)
}

/// The screen, `w`×`h`, as text.
fn screen_sized(state: &mut State, w: u16, h: u16) -> String {
    let backend = TestBackend::new(w, h);
    let mut terminal = Terminal::new(backend).unwrap();
    terminal.draw(|f| ui::draw(f, state)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_previous_preview_stays_a_moment_while_the_next_renders() {
    let mut s = fixtures::state();
    s.preview = Some(Rendered {
        title: "a (en)".into(),
        text: "text of a".into(),
        ..fixtures::rendered(1)
    });
    // `b` is selected, its preview on its way.
    s.selected = 1;
    s.preview_wait = Some(Instant::now());
    let drawn = screen(&mut s);
    assert!(drawn.contains("┌ a (en) ─"), "{drawn}");
    assert!(drawn.contains("│text of a"), "{drawn}");
    // Past the patience, the pane says what it waits for.
    s.preview_wait = Instant::now().checked_sub(PATIENCE * 2);
    let drawn = screen(&mut s);
    assert!(drawn.contains("┌ b (en) — rendering… ─"), "{drawn}");
    assert!(!drawn.contains("text of a"), "{drawn}");
}

#[test]
fn a_long_error_is_shown_in_full_under_its_field() {
    let mut s = fixtures::with_pattern();
    let mut form = fixtures::form_of_a(&s);
    for c in "12x".chars() {
        form.key(KeyEvent::from(KeyCode::Char(c)));
    }
    let submitted = form.key(KeyCode::Enter.into());
    assert!(matches!(submitted, FormKey::Stay));
    s.form = Some(form);
    let drawn = screen(&mut s);
    // Its first words and its last, a row further down.
    assert!(drawn.contains("✗ \"12x\" does not match"), "{drawn}");
    assert!(drawn.contains("`order`"), "{drawn}");
}

#[test]
fn a_line_break_pasted_into_a_field_is_a_space() {
    let s = fixtures::with_pattern();
    let mut form = fixtures::form_of_a(&s);
    form.paste("12\r34\r\n5\n6");
    assert_eq!(form.fields[0].input.text(), "12 34 5 6");
}

#[test]
fn a_paste_shows_without_what_would_be_taken_out_of_it() {
    let s = fixtures::with_pattern();
    let mut form = fixtures::form_of_a(&s);
    form.paste("12\u{200B}34\u{1b}[31m\t5");
    assert_eq!(form.fields[0].input.text(), "1234 5");
}

/// A value pasted whole is tidied as it is pasted, and the form says so:
/// typing goes on after what is shown, never after a hidden space.
#[test]
fn a_value_pasted_whole_is_tidied_at_once_and_typing_goes_on_after_it() {
    let mut s = fixtures::with_pattern();
    let mut form = fixtures::form_of_a(&s);
    form.paste(" #1245 ");
    assert_eq!(form.fields[0].input.text(), "1245");
    s.form = Some(form);
    let drawn = screen(&mut s);
    assert!(
        drawn.contains("✓ removed the spaces around it, removed the # before it: 1245"),
        "{drawn}"
    );
    let form = s.form.as_mut().unwrap();
    form.key(KeyEvent::from(KeyCode::Char('6')));
    assert_eq!(form.fields[0].input.text(), "12456");
    let drawn = screen(&mut s);
    assert!(!drawn.contains("✓ removed"), "{drawn}");
    // Pasted into what is typed, it goes in as it is: the whole value is
    // tidied when used, and the form says how.
    let form = s.form.as_mut().unwrap();
    form.paste(" 7");
    assert_eq!(form.fields[0].input.text(), "12456 7");
}

#[test]
fn a_decomposed_accent_stays_on_its_letter_in_the_list() {
    let mut s = fixtures::library_of(
        "",
        "[[response]]\nid = \"a\"\ntitle = \"Paiement effectue\\u0301 \\u00e0 temps\"\ntopic = \"t\"\nbody = \"a\"\n",
    );
    let drawn = screen(&mut s);
    assert!(
        drawn.contains("Paiement effectue\u{301} à temps"),
        "{drawn}"
    );
}

#[test]
fn shift_down_scrolls_the_finished_text_and_typing_follows_the_value_again() {
    let mut s = fixtures::with_pattern();
    let mut form = fixtures::form_of_a(&s);
    let text: Vec<String> = (1..=60).map(|i| format!("line {i}")).collect();
    form.preview = Some(Rendered {
        text: text.join("\n"),
        ..fixtures::rendered(0)
    });
    s.form = Some(form);
    let shift = |code| KeyEvent::new(code, ratatui::crossterm::event::KeyModifiers::SHIFT);
    assert!(screen(&mut s).contains("│line 1 "));
    for _ in 0..3 {
        s.form.as_mut().unwrap().key(shift(KeyCode::Down));
        screen(&mut s);
    }
    let drawn = screen(&mut s);
    assert!(drawn.contains("↑ 3 more"), "{drawn}");
    assert!(drawn.contains("│line 4 "), "{drawn}");
    s.form.as_mut().unwrap().key(shift(KeyCode::Up));
    assert!(screen(&mut s).contains("↑ 2 more"));
    // The field keeps its focus; typing shows the text from the top again.
    assert_eq!(s.form.as_ref().unwrap().focus, 0);
    s.form.as_mut().unwrap().key(KeyCode::Char('1').into());
    assert!(screen(&mut s).contains("│line 1 "));
}

#[test]
fn a_value_longer_than_its_field_shows_where_it_is_typed() {
    let mut s = fixtures::with_pattern();
    let mut form = fixtures::form_of_a(&s);
    let digits: String = (0..120)
        .map(|i| char::from(b'0' + (i % 10) as u8))
        .collect();
    form.paste(&format!("{digits}END"));
    s.form = Some(form);
    let drawn = screen(&mut s);
    let row = drawn.lines().find(|l| l.contains("> ")).expect("the field");
    assert!(row.contains("> …") && row.contains("789END "), "{drawn}");
}

#[test]
fn the_status_says_how_many_matched_when_the_list_holds_the_best_of_them() {
    let mut s = fixtures::state();
    assert!(screen(&mut s).contains("2/2"));
    s.matched = 18_075;
    let drawn = screen(&mut s);
    assert!(drawn.contains("18075/2 (the best 2 listed)"), "{drawn}");
}

#[test]
fn the_status_shows_the_filters_in_effect_a_typed_one_replacing_the_flags() {
    let mut s = fixtures::state();
    s.topic = Some("billing".into());
    s.urgency = Some(crate::domain::model::Urgency::Critical);
    assert!(screen(&mut s).contains("urgency:critical  topic:billing"));
    s.query = crate::ui::picker::LineEdit::new("refund t:ret u:low");
    let drawn = screen(&mut s);
    assert!(drawn.contains("urgency:low  topic:ret"), "{drawn}");
    assert!(
        !drawn.contains("billing") && !drawn.contains("critical"),
        "{drawn}"
    );
}

#[test]
fn a_value_given_that_its_pattern_refuses_is_asked_again_as_given() {
    // `--var order=abc`: Enter opened nothing and ended the picker with
    // the pattern's error.
    let s = fixtures::with_pattern();
    let lib = s.library.clone().expect("loaded");
    let open_with = |order: &str| {
        let mut known = crate::domain::values::Values::default();
        known.set("order", order);
        let no_memory = Default::default();
        Form::open(&lib, 0, "a", Lang::new("en"), &known, &no_memory, &[]).expect("fills")
    };
    let form = open_with("abc").expect("a form");
    assert_eq!(form.fields.len(), 1);
    assert_eq!(form.values().get("order"), Some("abc"));
    // Given as the pattern wants it, nothing is asked.
    assert!(open_with("1245").is_none());
}

/// A value only the VIP paragraph prints is not asked of a business
/// customer: typed, it changed nothing, and its pattern refused the copy
/// ("n/a" is no link). Asked while the type is still to be given.
#[test]
fn a_value_only_a_branch_not_taken_prints_is_not_asked() {
    let manifest = "[library]\ncustomer_types = [\"vip\", \"business\"]\n\
                    [variables.label]\ndescription = \"Label link\"\npattern = \"^https://\"\n";
    let text = "[[response]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"t\"\n\
                body = \"Hi {{ name }}. {% if customer_type == 'vip' %}Label: {{ label }}{% else %}Sorry.{% endif %}\"\n";
    let s = fixtures::library_of(manifest, text);
    let lib = s.library.clone().expect("loaded");
    let fields = |customer: Option<&str>| {
        let mut known = crate::domain::values::Values::default();
        if let Some(c) = customer {
            known.set("customer_type", c);
        }
        let no_memory = Default::default();
        let form = Form::open(&lib, 0, "a", Lang::new("en"), &known, &no_memory, &[]);
        let form = form.expect("fills").expect("a form");
        form.fields
            .iter()
            .map(|f| f.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(fields(Some("business")), ["name"]);
    assert_eq!(fields(Some("vip")), ["name", "label"]);
    assert_eq!(fields(None), ["name", "customer_type", "label"]);
}

/// An error has rows of its own above the status line, wrapped, never
/// cut: why Enter did not copy is read whole at 80 columns.
#[test]
fn an_error_is_shown_whole_above_the_status_line() {
    let mut s = fixtures::state();
    s.chat = Some("4821".into());
    s.query_error = Some(
        "`payment-declined` changed since it was shown: read it again, then Enter copies it".into(),
    );
    let drawn = screen(&mut s);
    let rows: Vec<&str> = drawn.lines().map(str::trim_end).collect();
    assert_eq!(
        rows[20..23],
        [
            "`payment-declined` changed since it was shown: read it again, then Enter copies",
            "it",
            "2/2  chat:4821 lang=auto customer=unknown",
        ],
        "{drawn}"
    );
}

/// A notice under a field (the reply changed) goes when the agent moves
/// on; a value to fix stays under its field until it is fixed.
#[test]
fn a_notice_goes_with_the_field_left_and_a_refusal_stays() {
    let s = fixtures::library_of(
        "[variables.order]\ndescription = \"Order\"\npattern = \"^[0-9]+$\"\n\
         [variables.note]\ndescription = \"Note\"\n",
        "[[response]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"t\"\nbody = \"#{{ order }} {{ note }}\"\n",
    );
    let mut form = fixtures::form_of_a(&s);
    form.error = Some((0, "`a` changed since it was shown".into()));
    form.key(KeyCode::Tab.into());
    assert_eq!(form.error, None);
    form.key(KeyCode::BackTab.into());
    for c in "12x".chars() {
        form.key(KeyEvent::from(KeyCode::Char(c)));
    }
    let refused = form.fields[0].problem().expect("refused");
    form.error = Some((0, refused));
    form.key(KeyCode::Tab.into());
    assert!(form.error.is_some());
}

/// Three ⇧↓ read before the next frame scroll three lines; after a frame,
/// scrolling goes on from where it drew (kept within the text).
#[test]
fn shift_arrows_read_before_a_frame_each_count() {
    let s = fixtures::with_pattern();
    let mut form = fixtures::form_of_a(&s);
    let down = KeyEvent::new(
        KeyCode::Down,
        ratatui::crossterm::event::KeyModifiers::SHIFT,
    );
    form.drawn_at.set(5);
    for _ in 0..3 {
        form.key(down);
    }
    assert_eq!(form.scroll, Some(8));
    // Drawn at 6: the text ends there.
    form.drawn_at.set(6);
    form.drawn_for.set(form.scroll);
    form.key(down);
    assert_eq!(form.scroll, Some(7));
}

/// `VIP` typed in the form is the library's `vip`, as with `--var`: else
/// the preview showed the standard paragraph and the copy was refused.
#[test]
fn a_customer_type_typed_in_capitals_is_the_librarys_spelling() {
    let s = fixtures::library_of(
        "[library]\ncustomer_types = [\"vip\"]\n[variables.customer_type]\ndescription = \"Type\"\npattern = \"^(vip|any)$\"\n",
        "[[response]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"t\"\nbody = \"{% if customer_type == 'vip' %}VIP{% else %}std{% endif %}\"\n",
    );
    let mut form = fixtures::form_of_a(&s);
    assert_eq!(form.fields[0].name, "customer_type");
    form.key(KeyEvent::new(
        KeyCode::Char('u'),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    ));
    for c in "VIP".chars() {
        form.key(KeyEvent::from(KeyCode::Char(c)));
    }
    assert_eq!(form.values().get("customer_type"), Some("vip"));
    let FormKey::Done(typed) = form.key(KeyCode::Enter.into()) else {
        panic!("refused: {:?}", form.error);
    };
    assert_eq!(typed.get("customer_type"), Some("vip"));
}

/// Past four rows, what is said is cut with `…`, never silently; over a
/// form, which shows its own, it is not drawn.
#[test]
fn what_is_said_past_four_rows_ends_with_an_ellipsis_and_not_over_a_form() {
    let mut s = fixtures::with_pattern();
    s.query_error = Some(format!("{}\nwarning: second", "word ".repeat(80)));
    let drawn = screen(&mut s);
    let rows: Vec<&str> = drawn.lines().map(str::trim_end).collect();
    assert!(rows[18].starts_with("word "), "{drawn}");
    assert!(rows[21].ends_with("…"), "{drawn}");
    s.form = Some(fixtures::form_of_a(&s));
    let drawn = screen(&mut s);
    assert!(!drawn.contains("word word"), "{drawn}");
}

#[test]
fn the_status_line_shows_the_message_from_its_first_words() {
    let mut s = fixtures::state();
    s.message = Some("\n\n  Hi, my order is late\nThanks".into());
    let drawn = screen(&mut s);
    assert!(
        drawn.contains("message: Hi, my order is late⏎Thanks"),
        "{drawn}"
    );
    // Read from the text selected, as the clipboard held none: said.
    s.message_from = Some("selected");
    let drawn = screen(&mut s);
    assert!(
        drawn.contains("message (selected): Hi, my order is late⏎Thanks"),
        "{drawn}"
    );
}

/// At 40×10, a form of six fields scrolled to its fifth: the frame's title
/// is cut to leave its scroll marker room, and the status line ends with
/// `…` where it is cut.
#[test]
fn on_a_small_terminal_titles_and_status_are_cut_with_an_ellipsis_not_drawn_over() {
    let text = "[[response]]\nid = \"a-reply-with-a-long-id\"\ntitle = \"A\"\ntopic = \"t\"\n\
                body = \"{{ one }} {{ two }} {{ three }} {{ four }} {{ five }} {{ six }}\"\n";
    let mut s = fixtures::library_of("", text);
    let mut form = fixtures::form_of(&s, "a-reply-with-a-long-id");
    for _ in 0..4 {
        form.key(KeyCode::Tab.into());
    }
    s.form = Some(form);
    s.message = Some("Hello, my order 1234 never came and I am upset".into());
    let drawn = screen_sized(&mut s, 40, 10);
    let rows: Vec<&str> = drawn.lines().collect();
    assert_eq!(
        rows[1], "┌ fill in a-reply-with-a-lo…  ↑ 8 more ┐",
        "{drawn}"
    );
    assert_eq!(
        rows[8], "1/1  answer in auto  message: Hello, my…",
        "{drawn}"
    );
}

/// On a short terminal the focused field and its error stay on screen:
/// long notes are cut (ending in `…`), and a field taller than its box
/// loses its label before its value or its error.
#[test]
fn on_a_short_terminal_the_focused_field_and_its_error_are_never_hidden() {
    let notes: Vec<String> = (1..=12).map(|i| format!("note line {i}")).collect();
    let text = format!(
        "[[response]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"t\"\nnotes = \"{}\"\nbody = \"{{{{ name }}}}\"\n",
        notes.join("\\n")
    );
    let mut s = fixtures::library_of("", &text);
    s.form = Some(fixtures::form_of_a(&s));
    s.form.as_mut().unwrap().key(KeyCode::Char('T').into());
    let drawn = screen_sized(&mut s, 80, 14);
    assert!(drawn.contains("│> T"), "{drawn}");
    assert!(drawn.contains("note line 1"), "{drawn}");
    assert!(drawn.contains("…"), "{drawn}");

    let mut s = fixtures::with_pattern();
    let mut form = fixtures::form_of_a(&s);
    for c in "12x".chars() {
        form.key(KeyEvent::from(KeyCode::Char(c)));
    }
    assert!(matches!(form.key(KeyCode::Enter.into()), FormKey::Stay));
    s.form = Some(form);
    let drawn = screen_sized(&mut s, 40, 10);
    assert!(drawn.contains("│> 12x"), "{drawn}");
    assert!(drawn.contains("✗"), "{drawn}");
}

/// Shrunk below the picker's minimum while it is open, the terminal is
/// said to be too small, as at startup; at the minimum, an id longer than
/// its column shows that it is cut, never reading as another reply's.
#[test]
fn a_terminal_below_the_minimum_is_said_too_small_and_a_cut_id_shows_it() {
    let reply = |id: &str| {
        format!(
            "[[response]]\nid = \"{id}\"\ntitle = \"Late\"\ntopic = \"shipping\"\nbody = \"b\"\n"
        )
    };
    let text = reply("delivery-delayed-business") + &reply("delivery-delayed");
    let mut s = fixtures::library_of("", &text);
    let drawn = screen_sized(&mut s, 29, 8);
    assert!(!drawn.contains("delivery"), "{drawn}");
    let said: String = drawn.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        said.contains("the terminal is 29×8; the picker needs at least 40×10; Esc leaves"),
        "{drawn}"
    );
    let (w, h) = super::MIN_SIZE;
    let drawn = screen_sized(&mut s, w, h);
    let rows: Vec<&str> = drawn.lines().map(str::trim_end).collect();
    assert!(rows[1].ends_with("delivery-delayed-busine…"), "{drawn}");
    assert!(rows[2].ends_with("delivery-delayed"), "{drawn}");
}
