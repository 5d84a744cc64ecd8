//! The words of a text, its clauses and sentences ([`Text`]), and a span found in it ([`Intent`]).

/// A word of the text: lower-cased (curly apostrophes straightened), where it is written
/// (bytes and characters), and what follows it.
#[derive(Debug)]
pub(super) struct Word {
    pub(super) low: String,
    pub(super) raw: std::ops::Range<usize>,
    pub(super) offset: usize,
    pub(super) end: usize,
    /// A clause ends right after this word (`,` `;` `:` quotes, brackets, a line end).
    pub(super) clause_end: bool,
    /// A sentence ends right after this word (`.` `!` `?`, a blank line).
    pub(super) sentence_end: bool,
    /// Written in capitals (two letters or more): "STOP".
    pub(super) upper: bool,
    /// Written between quotes: "\"stop\"".
    pub(super) quoted: bool,
    /// Starts with a capital letter.
    pub(super) capital: bool,
}

pub(super) fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201c}' | '\u{201d}' | '\u{2018}' | '\u{2019}' | '`'
    )
}

pub(super) fn tokenize(text: &str) -> Vec<Word> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let letter = |k: usize| chars.get(k).is_some_and(|(_, c)| c.is_alphanumeric());
    let mut out: Vec<Word> = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (at, c) = chars[k];
        if c.is_alphanumeric() {
            let start = k;
            let mut low = String::new();
            while k < chars.len() {
                let c = chars[k].1;
                let apostrophe = matches!(c, '\'' | '\u{2019}') && letter(k + 1) && k > start;
                if !(c.is_alphanumeric() || apostrophe) {
                    break;
                }
                if apostrophe {
                    low.push('\'');
                } else if c.is_ascii() {
                    low.push(c.to_ascii_lowercase());
                } else {
                    low.extend(c.to_lowercase());
                }
                k += 1;
            }
            let end_byte = chars.get(k).map_or(text.len(), |(b, _)| *b);
            let raw_text = &text[at..end_byte];
            let letters = raw_text.chars().filter(|c| c.is_alphabetic()).count();
            let quoted = start > 0
                && is_quote(chars[start - 1].1)
                && chars.get(k).is_some_and(|(_, c)| is_quote(*c));
            out.push(Word {
                low,
                raw: at..end_byte,
                offset: start,
                end: k,
                clause_end: false,
                sentence_end: false,
                upper: letters >= 2 && !raw_text.chars().any(char::is_lowercase),
                quoted,
                capital: raw_text.chars().next().is_some_and(char::is_uppercase),
            });
            continue;
        }
        if let Some(last) = out.last_mut() {
            let between_digits = k > 0 && letter(k - 1) && letter(k + 1);
            match c {
                '.' | '!' | '?' if !between_digits => {
                    last.clause_end = true;
                    last.sentence_end = true;
                }
                '\n' => {
                    // A line end alone may be a wrapped line (a block scalar); a blank line
                    // or a list item on the next line ends a sentence.
                    let next = chars[k + 1..]
                        .iter()
                        .map(|(_, c)| *c)
                        .find(|c| *c == '\n' || !c.is_whitespace());
                    if matches!(next, Some('\n' | '-' | '*' | '\u{2022}')) {
                        last.clause_end = true;
                        last.sentence_end = true;
                    }
                }
                ',' | ';' | ':' | '(' | ')' | '[' | ']' | '"' | '\u{201c}' | '\u{201d}' => {
                    last.clause_end = true;
                }
                _ => {}
            }
        }
        k += 1;
    }
    out
}

/// A span of words `[start, end)` that reads as a request to stop contact.
#[derive(Clone, Copy, Debug)]
pub(super) struct Intent {
    pub(super) start: usize,
    pub(super) end: usize,
}

pub(super) struct Text<'a> {
    pub(super) w: &'a [Word],
}

impl Text<'_> {
    pub(super) fn at(&self, i: usize) -> &str {
        self.w.get(i).map_or("", |w| w.low.as_str())
    }

    pub(super) fn is(&self, i: usize, set: &[&str]) -> bool {
        set.contains(&self.at(i))
    }

    pub(super) fn prev(&self, i: usize) -> &str {
        if i == 0 { "" } else { self.at(i - 1) }
    }

    /// Whether a clause ends after word `i` (or there is no word after it).
    pub(super) fn ends(&self, i: usize) -> bool {
        self.w.get(i).is_none_or(|w| w.clause_end) || i + 1 >= self.w.len()
    }

    /// Skips up to `max` words of `fill` from `i`, without crossing a clause end.
    pub(super) fn skip(&self, mut i: usize, fill: &[&str], max: usize) -> usize {
        let mut n = 0;
        while n < max && self.is(i, fill) && !self.ends(i) {
            i += 1;
            n += 1;
        }
        i
    }

    /// The first word of the sentence holding word `i`, and one past its last.
    pub(super) fn sentence(&self, i: usize) -> (usize, usize) {
        let mut s = i;
        while s > 0 && !self.w[s - 1].sentence_end {
            s -= 1;
        }
        let mut e = i;
        while e < self.w.len() && !self.w[e].sentence_end {
            e += 1;
        }
        (s, (e + 1).min(self.w.len()))
    }

    /// One past the last word of the clause holding word `i`.
    pub(super) fn clause_end(&self, i: usize) -> usize {
        let mut e = i;
        while e < self.w.len() && !self.w[e].clause_end {
            e += 1;
        }
        (e + 1).min(self.w.len())
    }

    pub(super) fn clause_start(&self, i: usize) -> usize {
        let mut s = i;
        while s > 0 && !self.w[s - 1].clause_end {
            s -= 1;
        }
        s
    }

    /// Whether the words of `phrase` stand in order from word `i`.
    pub(super) fn seq(&self, i: usize, phrase: &[&str]) -> bool {
        phrase.iter().enumerate().all(|(k, p)| self.at(i + k) == *p)
    }

    pub(super) fn any(&self, from: usize, to: usize, set: &[&str]) -> bool {
        (from..to.min(self.w.len())).any(|i| self.is(i, set))
    }
}
