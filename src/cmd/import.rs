//! `canned import --from zendesk|csv FILE`: responses from a helpdesk export
//! into a new file of the library, the manifest extended for them, and a
//! report of everything that could not be represented.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::Outcome;
use crate::app::App;
use crate::cli::{ImportArgs, ImportFormat};
use crate::domain::append;
use crate::domain::check::check_templates;
use crate::domain::diagnostic::LineIndex;
use crate::domain::diagnostic::Severity;
use crate::domain::import::{self, Batch, Context, FindingKind, Located};
use crate::domain::library::{MANIFEST, manifest, plural};
use crate::domain::text::{NotUtf16, from_utf16, one_line, without_eof_mark};
use crate::error::{Error, Result};
use crate::platform::{fs, library};

pub fn run(app: &App, args: &ImportArgs) -> Result<Outcome> {
    let root = app.library_root()?;
    // Read before the lock is taken: standard input may be someone pasting
    // a CSV or a slow pipe, and every other writer would wait for them.
    let mut input = read_input(&args.input)?;
    // Cut at an ASCII byte, so still UTF-8 text.
    input.truncate(without_eof_mark(input.as_bytes()).len());
    // Held from the first read of the library to the last rename: a
    // concurrent `new`, `review` or import waits, and no one's change to
    // the manifest is lost. A dry run writes nothing, and waits for no one.
    let lock = match args.dry_run {
        true => None,
        false => Some(app.lock_library(&root)?),
    };
    let lib = app.library()?;
    App::manifest_known(&lib)?;
    let shown = match args.input == Path::new("-") {
        true => "standard input".to_string(),
        false => args.input.display().to_string(),
    };
    let cx = Context {
        today: app.today,
        manifest: &lib.manifest,
    };
    let (kind, batch) = match args.from {
        ImportFormat::Zendesk => ("zendesk", import::zendesk(&input, &cx)),
        ImportFormat::Csv => ("csv", import::csv(&input, &cx)),
    };
    // What makes the whole file unreadable (not JSON, no header row).
    let batch = batch.map_err(|problems| {
        Error::failed(
            format!("cannot import {shown}:\n  {}", problems.join("\n  ")),
            Some("nothing was written".into()),
        )
    })?;
    if batch.drafts.is_empty() && batch.problems.is_empty() {
        report(app, &batch);
        return Err(Error::failed(
            format!("nothing to import from {shown}"),
            None,
        ));
    }
    App::names_known(&lib)?;
    // Every error of every row at once, each where it is in the file:
    // the rows refused, the names the library has taken, and what the
    // rest would leave wrong once written.
    let mut problems = batch.problems.clone();
    let taken = collisions(&lib, &batch);
    let any_taken = !taken.is_empty();
    problems.extend(taken);

    let name = args
        .file
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("imported-{kind}-{}.toml", app.today)));
    let target = target(&root, &name)?;
    let comment = format!(
        "Imported from {} ({kind}) by `canned import` on {}.\nReview each response, then run `canned check`.",
        match args.input.file_name() {
            _ if args.input == Path::new("-") => "standard input".to_string(),
            Some(n) => n.to_string_lossy().into_owned(),
            None => shown.clone(),
        },
        app.today
    );
    let text = append::new_file(&comment, None, &batch.drafts);

    let manifest_path = root.join(MANIFEST);
    // A manifest that is a link out of the library, or no file, is never
    // read nor written through.
    library::manifest_file(&root).map_err(|problem| {
        Error::failed(
            format!("{}: {}", problem.location, problem.message),
            Some("fix it first (`canned check` shows it); nothing was written".into()),
        )
    })?;
    let manifest_change = manifest_change(&manifest_path, &batch)?;

    let mut changes = vec![(target.clone(), text.clone())];
    changes.extend(
        manifest_change
            .as_ref()
            .map(|(_, new)| (manifest_path.clone(), new.clone())),
    );
    if !batch.drafts.is_empty() {
        problems.extend(new_problems(
            app,
            &root,
            &target,
            &changes,
            &batch.origins,
            &text,
        )?);
    }
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.at);
        let texts: Vec<String> = problems.into_iter().map(|p| p.text).collect();
        let mut hint = "nothing was written".to_string();
        if any_taken {
            hint.push_str(
                "; rename what is taken in the file you import, or remove the responses \
                 already in the library (was it imported before?)",
            );
        }
        return Err(Error::failed(
            format!("cannot import {shown}:\n  {}", texts.join("\n  ")),
            Some(hint),
        ));
    }

    if args.dry_run {
        let mut out = std::io::stdout().lock();
        writeln!(out, "# would write {}", target.display())?;
        out.write_all(text.as_bytes())?;
        if let Some((_, new)) = &manifest_change {
            writeln!(out, "\n# would update {}", manifest_path.display())?;
            out.write_all(new.as_bytes())?;
        }
        report(app, &batch);
        return Ok(Outcome::Success);
    }
    // Folders of `--file` are made only now: a dry run or a refused import
    // leaves the library as it was.
    let dir = target.parent().unwrap_or(&root);
    let made = fs::make_dirs(dir).map_err(|e| Error::io(dir, e))?;

    // All or nothing across the two files. The manifest goes first: alone,
    // its new topics and variables are unused, which `check` accepts, and
    // running the same import again writes just the responses. The other
    // way round, a crash between the two would leave responses naming
    // topics and variables declared nowhere, and their ids would make the
    // next import refuse.
    if let Some((old, new)) = &manifest_change {
        let written = match old {
            Some(old) => fs::replace_if_unchanged(&manifest_path, old, new),
            None => fs::create_new(&manifest_path, new.as_bytes())
                .map_err(|e| Error::io(&manifest_path, e)),
        };
        if written.is_err() {
            fs::remove_made(&made);
        }
        written?;
    }
    if let Err(e) = fs::create_new(&target, text.as_bytes()) {
        fs::remove_made(&made);
        // Put the manifest back as it was (best effort: nothing else wrote
        // it meanwhile, the lock is held).
        if let Some((old, new)) = &manifest_change {
            let _ = match old {
                Some(old) => fs::replace_if_unchanged(&manifest_path, new, old),
                None => {
                    std::fs::remove_file(&manifest_path).map_err(|e| Error::io(&manifest_path, e))
                }
            };
        }
        return Err(if e.kind() == std::io::ErrorKind::AlreadyExists {
            exists(&target)
        } else {
            Error::failed(
                format!("{}: cannot write it: {e}", target.display()),
                Some("nothing was written".into()),
            )
        });
    }
    drop(lock);

    if !app.quiet {
        let mut out = std::io::stdout().lock();
        writeln!(
            out,
            "Imported {} from {shown} into {}",
            plural(batch.drafts.len(), "response"),
            target.display()
        )?;
        if manifest_change.is_some() {
            let mut what = Vec::new();
            if !batch.topics.is_empty() {
                what.push(format!("topics {}", batch.topics.join(", ")));
            }
            if !batch.variables.is_empty() {
                let names: Vec<&str> = batch.variables.iter().map(|v| v.name.as_str()).collect();
                what.push(format!("variables {}", names.join(", ")));
            }
            writeln!(
                out,
                "Added to {}: {}",
                manifest_path.display(),
                what.join("; ")
            )?;
        }
    }
    report(app, &batch);
    Ok(Outcome::Success)
}

/// A helpdesk's export of thousands of macros is tens of megabytes.
const INPUT_CAP: u64 = 256 << 20;

fn read_input(path: &Path) -> Result<String> {
    let bytes = fs::read_input(path, INPUT_CAP, "an import")?;
    // Excel's "Unicode Text" and PowerShell 5 write UTF-16.
    match from_utf16(&bytes) {
        None => {}
        Some(Ok(text)) => return Ok(text),
        Some(Err(NotUtf16)) => {
            return Err(Error::failed(
                format!(
                    "{}: not UTF-16 text, though it opens with UTF-16's byte order mark",
                    path.display()
                ),
                Some("export it as UTF-8; nothing was written".into()),
            ));
        }
    }
    String::from_utf8(bytes).map_err(|e| {
        // Located as `check` locates a response file's first bad byte.
        let valid = e.utf8_error().valid_up_to();
        let text = std::str::from_utf8(&e.as_bytes()[..valid]).unwrap_or("");
        let at = LineIndex::new(path, text).locate(text, valid);
        Error::failed(
            format!("{at}: not UTF-8 text (byte {valid})"),
            Some("export it as UTF-8; nothing was written".into()),
        )
    })
}

/// The names of the import the library already uses, each at the row or
/// macro that gives it: `check` would refuse the second, and `use` would
/// take neither.
fn collisions(lib: &crate::domain::library::Library, batch: &Batch) -> Vec<Located> {
    let mut said = BTreeSet::new();
    let holders = lib.holders();
    batch
        .names
        .iter()
        .map(|(origin, what, name)| (name.as_str(), *what, origin))
        .filter(|&(name, _, origin)| said.insert((name, origin.at)))
        .filter_map(|(name, what, origin)| {
            let owner = holders.of(name)?;
            Some(Located {
                at: origin.at,
                text: format!("{}: {what} `{name}` is already {owner}", origin.text),
            })
        })
        .collect()
}

/// What the import would have wrong once written (a shortcut of one
/// imported response that is another's id, a body past the render
/// limits), each at the row or macro its response comes from: refused
/// before anything is written, so the result always passes `check`.
/// Names the library already uses are [`collisions`].
fn new_problems(
    app: &App,
    root: &Path,
    target: &Path,
    changes: &[(PathBuf, String)],
    origins: &[Located],
    text: &str,
) -> Result<Vec<Located>> {
    let preview = library::load_as_if(root, changes)?;
    // The line each draft starts on in the file written.
    let starts: Vec<usize> = (1..)
        .zip(text.lines())
        .filter(|(_, l)| l.trim() == "[[response]]")
        .map(|(n, _)| n)
        .collect();
    Ok(preview
        .problems
        .iter()
        .cloned()
        .chain(check_templates(&preview, app.today))
        .filter(|p| p.severity == Severity::Error && p.location.path == target)
        .map(|p| {
            let draft = starts.iter().filter(|&&s| s <= p.location.line).count();
            match draft.checked_sub(1).and_then(|k| origins.get(k)) {
                Some(origin) => Located {
                    at: origin.at,
                    text: format!("{}: {}", origin.text, p.message),
                },
                None => Located {
                    at: (0, 0),
                    text: format!("{}: {}", p.location, p.message),
                },
            }
        })
        .collect())
}

fn target(root: &Path, name: &Path) -> Result<PathBuf> {
    // A `--file` the library cannot hold is wrong usage (exit 2), as for `new`.
    let refuse = |message: String| Error::UsageWithHint {
        message,
        hint: "nothing was written".into(),
    };
    // `inside_library` refuses what is not a `.toml` file too.
    let path = library::inside_library(root, name).map_err(refuse)?;
    if path.exists() || (path.parent() == Some(root) && path.file_name() == Some(MANIFEST.as_ref()))
    {
        return Err(exists(&path));
    }
    Ok(path)
}

fn exists(path: &Path) -> Error {
    Error::failed(
        format!("{} already exists; import never overwrites", path.display()),
        Some("pass --file NEW-NAME.toml; nothing was written".into()),
    )
}

/// The manifest's text before and after, when it must change.
fn manifest_change(path: &Path, batch: &Batch) -> Result<Option<(Option<String>, String)>> {
    if batch.topics.is_empty() && batch.variables.is_empty() {
        return Ok(None);
    }
    let old = if path.exists() {
        Some(std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?)
    } else {
        None
    };
    let base = old.clone().unwrap_or_default();
    let new = append::extend_manifest(&base, &batch.topics, &batch.variables).map_err(|m| {
        // Located as `check` locates it: the manifest is not TOML.
        let problems = manifest::parse(path, &base).1;
        let message = match problems.first() {
            Some(d) => format!("{}: {}", d.location, d.message),
            None => format!("{}: {m}", path.display()),
        };
        Error::failed(
            format!("cannot update {message}"),
            Some("fix it first (`canned check` shows where); nothing was written".into()),
        )
    })?;
    let before = manifest::parse(path, &base).1.len();
    if manifest::parse(path, &new).1.len() > before {
        return Err(Error::failed(
            format!("cannot update {} without breaking it", path.display()),
            Some("nothing was written; please report this".into()),
        ));
    }
    // A new manifest says what it is on its first line (a comment alone
    // is what follows the last table to TOML, so it is added last).
    if old.is_none() {
        let new = format!("# The library manifest: vocabulary, variables and partials.\n\n{new}");
        return Ok(Some((old, new)));
    }
    Ok((new != base).then_some((old, new)))
}

/// What was not representable, on stderr, grouped by kind.
fn report(app: &App, batch: &Batch) {
    if app.quiet || (batch.findings.is_empty() && batch.variables.is_empty()) {
        return;
    }
    let sections = [
        (
            FindingKind::NotRepresentable,
            "Not representable (kept in each response's notes):",
        ),
        (
            FindingKind::LeftAsText,
            "Left in the body as plain text, to rewrite before `check` passes (placeholders, dynamic content, Liquid code):",
        ),
        (FindingKind::Skipped, "Not imported:"),
    ];
    let mut err = std::io::stderr().lock();
    for (kind, title) in sections {
        let items: Vec<_> = batch.findings.iter().filter(|f| f.kind == kind).collect();
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(err, "{}", app.err.yellow(title));
        for f in items {
            let into = f.id.as_ref().map(|i| format!(" → {i}")).unwrap_or_default();
            // One line each, a Liquid tag written across lines included:
            // a line of its own would read as another item.
            let item = one_line(&format!("{}{into}: {}", f.source, f.detail));
            let _ = writeln!(err, "  {item}");
        }
    }
    // Declared with a `TODO` description and example: `check` warns
    // until a lead writes them.
    let to_describe: Vec<&str> = (batch.variables.iter())
        .filter(|v| v.description.starts_with("TODO"))
        .map(|v| v.name.as_str())
        .collect();
    if !to_describe.is_empty() {
        let _ = writeln!(
            err,
            "{}",
            app.err
                .yellow("New variables, to describe in canned.toml (description and example):")
        );
        let _ = writeln!(err, "  {}", one_line(&to_describe.join(", ")));
    }
}
