//! Checks for the format's value types (docs/spec 5 and 6): durations, email addresses,
//! E.164 phone numbers, tag names and placeholders; and "did you mean" suggestions.

use std::fmt;

/// A `due_in` duration such as `15m`, `4h` or `2d`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Duration {
    pub amount: u32,
    pub unit: DurationUnit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DurationUnit {
    Minutes,
    Hours,
    Days,
}

impl DurationUnit {
    fn suffix(self) -> char {
        match self {
            DurationUnit::Minutes => 'm',
            DurationUnit::Hours => 'h',
            DurationUnit::Days => 'd',
        }
    }

    fn minutes(self) -> u64 {
        match self {
            DurationUnit::Minutes => 1,
            DurationUnit::Hours => 60,
            DurationUnit::Days => 24 * 60,
        }
    }
}

/// The longest `due_in`: 90 days, in minutes.
pub const MAX_DURATION_MINUTES: u64 = 90 * 24 * 60;

impl Duration {
    pub fn total_minutes(self) -> u64 {
        u64::from(self.amount) * self.unit.minutes()
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.amount, self.unit.suffix())
    }
}

/// Why a duration was refused; the message completes "`due_in` ...".
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DurationError {
    Malformed,
    OutOfRange,
}

/// Parses a duration: a positive integer and a unit (`m`, `h`, `d`), from 1m to 90d.
pub fn parse_duration(s: &str) -> Result<Duration, DurationError> {
    let unit = match s.chars().last() {
        Some('m') => DurationUnit::Minutes,
        Some('h') => DurationUnit::Hours,
        Some('d') => DurationUnit::Days,
        _ => return Err(DurationError::Malformed),
    };
    let digits = &s[..s.len() - 1];
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DurationError::Malformed);
    }
    let amount: u32 = digits.parse().map_err(|_| DurationError::OutOfRange)?;
    let d = Duration { amount, unit };
    if amount == 0 || d.total_minutes() > MAX_DURATION_MINUTES {
        return Err(DurationError::OutOfRange);
    }
    Ok(d)
}

/// An email address as the format accepts it: one `@`, a non-empty local part, a domain with
/// at least one dot (and no empty label), no white space or control characters.
/// Blank: nothing but white space and invisible characters (a name of one zero-width space
/// shows as nothing, so it is blank).
pub fn is_blank(s: &str) -> bool {
    s.chars().all(|c| {
        use crate::charclass::{is_bidi_control, is_invisible};
        c.is_whitespace() || is_invisible(c) || is_bidi_control(c)
    })
}

pub fn is_valid_email(s: &str) -> bool {
    // Bidi controls and invisible characters make an address read as another one.
    if s.chars()
        .any(|c| c.is_whitespace() || crate::charclass::needs_escape(c))
    {
        return false;
    }
    let mut parts = s.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !local.is_empty() && domain.contains('.') && domain.split('.').all(|label| !label.is_empty())
}

/// The domain of a valid email address, lower-cased.
pub fn email_domain(s: &str) -> Option<String> {
    s.rsplit_once('@').map(|(_, d)| d.to_lowercase())
}

/// An E.164 phone number: `+`, then 8 to 15 digits, the first not 0.
pub fn is_valid_phone(s: &str) -> bool {
    let Some(digits) = s.strip_prefix('+') else {
        return false;
    };
    (8..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
}

/// A tag name's characters: letters, digits, space, `-`, `_`, `:`, `/`.
pub fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | ':' | '/')
}

/// One `{{ ... }}` found in a text, or a brace that doesn't pair up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlaceholderToken {
    /// A placeholder; the name with surrounding spaces trimmed.
    Name(String),
    /// A `{{` without its `}}`, a `}}` without its `{{`, or braces nested inside one.
    Unbalanced,
}

/// Finds the placeholders in a text, in order. At most one `Unbalanced` is reported per text.
pub fn scan_placeholders(text: &str) -> Vec<PlaceholderToken> {
    scan_placeholders_at(text)
        .into_iter()
        .map(|(token, _, _)| token)
        .collect()
}

/// Like [`scan_placeholders`], with each token's offset and length in characters: a
/// placeholder from its `{{` to its `}}`; an unbalanced token at the stray `{{` or `}}`.
pub fn scan_placeholders_at(text: &str) -> Vec<(PlaceholderToken, usize, usize)> {
    let mut tokens = Vec::new();
    // Most texts have no braces at all.
    if !text.bytes().any(|b| b == b'{' || b == b'}') {
        return tokens;
    }
    let find = |s: &str, pair: &str| s.find(pair);
    // Offsets count characters; in ASCII text (nearly every text) that is the byte length.
    let ascii = text.is_ascii();
    let chars = |s: &str| if ascii { s.len() } else { s.chars().count() };
    let mut rest = text;
    // Characters of `text` before `rest`.
    let mut base = 0;
    loop {
        let open = find(rest, "{{");
        let close = find(rest, "}}");
        match (open, close) {
            (None, None) => break,
            (Some(o), Some(c)) if o < c => {
                let inner = &rest[o + 2..c];
                if inner.contains('{') {
                    tokens.push((PlaceholderToken::Unbalanced, base + chars(&rest[..o]), 2));
                    break;
                }
                let len = chars(&rest[o..c + 2]);
                tokens.push((
                    PlaceholderToken::Name(inner.trim().to_owned()),
                    base + chars(&rest[..o]),
                    len,
                ));
                base += chars(&rest[..c + 2]);
                rest = &rest[c + 2..];
            }
            (Some(o), None) => {
                tokens.push((PlaceholderToken::Unbalanced, base + chars(&rest[..o]), 2));
                break;
            }
            (_, Some(c)) => {
                tokens.push((PlaceholderToken::Unbalanced, base + chars(&rest[..c]), 2));
                break;
            }
        }
    }
    tokens
}

/// Levenshtein distance over characters (strsim's).
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::levenshtein(a, b)
}

/// Folds case and the separators people mix up (`-`, `_`, space, `.`).
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '-' | ' ' | '.' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// The candidate nearest to `word`, when it is near enough to be a likely misspelling.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let folded = fold(word);
    let threshold = (folded.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(&folded, &fold(c)), c))
        .filter(|(d, _)| *d <= threshold)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(
            parse_duration("15m"),
            Ok(Duration {
                amount: 15,
                unit: DurationUnit::Minutes
            })
        );
        assert_eq!(
            parse_duration("90d").map(|d| d.to_string()),
            Ok("90d".to_owned())
        );
        assert_eq!(
            parse_duration("2160h").map(|d| d.total_minutes()),
            Ok(129_600)
        );
        assert_eq!(parse_duration("1m").map(|d| d.total_minutes()), Ok(1));
        assert_eq!(parse_duration("91d"), Err(DurationError::OutOfRange));
        assert_eq!(parse_duration("2161h"), Err(DurationError::OutOfRange));
        assert_eq!(parse_duration("0m"), Err(DurationError::OutOfRange));
        assert_eq!(
            parse_duration("99999999999d"),
            Err(DurationError::OutOfRange)
        );
        for bad in [
            "", "m", "15", "15 m", "-5m", "1.5h", "15s", "1w", "15M", "+5m", "５m",
        ] {
            assert_eq!(parse_duration(bad), Err(DurationError::Malformed), "{bad}");
        }
    }

    #[test]
    fn emails() {
        for ok in ["a@b.co", "team-lead@acme-realty.com", "A.B+c@x.y.z"] {
            assert!(is_valid_email(ok), "{ok}");
        }
        for bad in [
            "",
            "a",
            "a@b",
            "@b.com",
            "a@@b.com",
            "a@b@c.com",
            "a b@c.com",
            "a@b .com",
            "a@.com",
            "a@b.",
            "a@b..com",
            "a@\u{7}b.com",
        ] {
            assert!(!is_valid_email(bad), "{bad}");
        }
        assert_eq!(email_domain("x@Acme.COM").as_deref(), Some("acme.com"));
    }

    #[test]
    fn phones() {
        assert!(is_valid_phone("+15125550142"));
        assert!(is_valid_phone("+12345678"));
        assert!(is_valid_phone("+123456789012345"));
        for bad in [
            "15125550142",
            "+1234567",
            "+1234567890123456",
            "+05125550142",
            "+1 512 555 0142",
            "+1-512-555-0142",
            "+",
            "",
        ] {
            assert!(!is_valid_phone(bad), "{bad}");
        }
    }

    #[test]
    fn placeholders() {
        use PlaceholderToken::*;
        assert_eq!(
            scan_placeholders("Hi {{contact.first_name}}, {{ bot.name }}"),
            vec![Name("contact.first_name".into()), Name("bot.name".into())]
        );
        assert_eq!(scan_placeholders("no braces { } here"), vec![]);
        assert_eq!(scan_placeholders("{{ open"), vec![Unbalanced]);
        assert_eq!(scan_placeholders("close }}"), vec![Unbalanced]);
        assert_eq!(
            scan_placeholders("{{a}} then }}"),
            vec![Name("a".into()), Unbalanced]
        );
        assert_eq!(scan_placeholders("{{ {{a}} }}"), vec![Unbalanced]);
        assert_eq!(scan_placeholders("{{}}"), vec![Name(String::new())]);
    }

    #[test]
    fn suggestions() {
        assert_eq!(did_you_mean("notfy", ["notify", "actions"]), Some("notify"));
        assert_eq!(
            did_you_mean("opt_out", ["opt-out", "bad-number"]),
            Some("opt-out")
        );
        assert_eq!(
            did_you_mean("Opt out", ["opt-out", "bad-number"]),
            Some("opt-out")
        );
        assert_eq!(did_you_mean("zzzzzz", ["opt-out", "bad-number"]), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        // Characters, not bytes; a transposition is two edits (Levenshtein, not Damerau).
        assert_eq!(edit_distance("é", "e"), 1);
        assert_eq!(edit_distance("actoins", "actions"), 2);
    }
}
