//! A value as the user's shell reads it back as one word: `canned chat ID`
//! prints assignments to paste or to `eval`. A POSIX shell's quoting on
//! Unix; on Windows, PowerShell's (its default shell), where `'\''` and
//! `$'…'` mean nothing and `,` splits a word.

/// `value` quoted, where it needs to be, for this platform's shell.
pub fn word(value: &str) -> String {
    #[cfg(windows)]
    return powershell_word(value);
    #[cfg(not(windows))]
    return posix_word(value);
}

/// As it is when it is plain, else in single quotes (`'Mary Ann'`), or
/// with `$'…'` escapes when it holds a line break or a tab, which quotes
/// would keep but a screen hides.
#[cfg(any(not(windows), test))]
fn posix_word(value: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || "@%+=:,./_-".contains(c);
    if !value.is_empty() && value.chars().all(plain) {
        return value.to_string();
    }
    if !value.contains(['\n', '\t']) {
        return format!("'{}'", value.replace('\'', r"'\''"));
    }
    let mut out = String::from("$'");
    for c in value.chars() {
        match c {
            '\n' => out.push_str(r"\n"),
            '\t' => out.push_str(r"\t"),
            '\\' | '\'' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// As it is when it is plain, else in single quotes with each quote
/// doubled (`'O''Brien'`: PowerShell takes `‘’‚‛` for quotes too), or in
/// double quotes with backtick escapes when it holds a line break or a tab
/// (`"line`nline"`), where `$`, `` ` `` and each kind of double quote are
/// escaped too.
#[cfg(any(windows, test))]
fn powershell_word(value: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || "%+=:./_-".contains(c);
    if !value.is_empty() && value.chars().all(plain) {
        return value.to_string();
    }
    let mut out = String::new();
    if !value.contains(['\n', '\t']) {
        out.push('\'');
        for c in value.chars() {
            if matches!(c, '\'' | '‘' | '’' | '‚' | '‛') {
                out.push(c);
            }
            out.push(c);
        }
        out.push('\'');
        return out;
    }
    out.push('"');
    for c in value.chars() {
        match c {
            '\n' => out.push_str("`n"),
            '\t' => out.push_str("`t"),
            '`' | '$' | '"' | '“' | '”' | '„' => {
                out.push('`');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_posix_shell_reads_each_value_back_as_one_word() {
        assert_eq!(posix_word("Sarah"), "Sarah");
        assert_eq!(posix_word("a@b.com"), "a@b.com");
        assert_eq!(posix_word("Mary Ann"), "'Mary Ann'");
        assert_eq!(posix_word("O'Brien"), r"'O'\''Brien'");
        assert_eq!(posix_word(""), "''");
        assert_eq!(posix_word("line\nline\t'x'"), r"$'line\nline\t\'x\''");
    }

    #[test]
    fn powershell_reads_each_value_back_as_one_word() {
        assert_eq!(powershell_word("Sarah"), "Sarah");
        // A comma makes an array of a bare word, `@` a splat.
        assert_eq!(powershell_word("a,b"), "'a,b'");
        assert_eq!(powershell_word("a@b.com"), "'a@b.com'");
        assert_eq!(powershell_word("Mary Ann"), "'Mary Ann'");
        assert_eq!(powershell_word("O'Brien O’Hara"), "'O''Brien O’’Hara'");
        assert_eq!(powershell_word("$5 `x`"), "'$5 `x`'");
        assert_eq!(powershell_word(""), "''");
        assert_eq!(
            powershell_word("line\nline\t\"$x\" `"),
            "\"line`nline`t`\"`$x`\" ``\""
        );
    }
}
