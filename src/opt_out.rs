//! Opt-out language in analysis criteria (rule `criteria-catches-opt-out`, spec section 7).
//!
//! A call in which the lead asks to stop contact must land on opt-out, whose locked
//! do-not-contact action is what honours the request (TCPA). Criteria of another outcome that
//! would catch such a request route it away from opt-out. This module finds the phrases of a
//! request to stop contact in a criteria text: "stop calling", "do not call", "remove me",
//! "unsubscribe", "take me off", "opt out", "don't contact" and their obvious variants,
//! case-insensitively. A phrase the text itself excludes ("no explicit request to stop
//! calling", "without opting out") is not a catch: that is how criteria keep opt-outs out.

/// A phrase of opt-out language found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptOutPhrase {
    /// Offset of the phrase in the text, in characters.
    pub offset: usize,
    /// The phrase as written (the words matched).
    pub text: String,
}

/// Stems of the verbs of contact, for "stop calling", "do not call", "don't contact", ...
const CONTACT_STEMS: [&str; 9] = [
    "call", "contact", "text", "email", "messag", "reach", "phon", "ring", "dial",
];

/// Words that, shortly before a phrase and in the same clause, exclude it.
const NEGATIONS: [&str; 14] = [
    "no",
    "not",
    "without",
    "never",
    "unless",
    "except",
    "excluding",
    "nor",
    "isn't",
    "aren't",
    "doesn't",
    "didn't",
    "hasn't",
    "short",
];

/// How many words before a phrase a negation still applies to it.
const NEGATION_REACH: usize = 5;

/// A word of the text: its lower-cased letters (apostrophes kept, curly ones straightened),
/// its offset in characters, and whether a clause ends right after it.
#[derive(Debug)]
struct Word {
    text: String,
    offset: usize,
    raw: String,
    clause_end: bool,
}

fn words(text: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut current: Option<Word> = None;
    for (i, c) in text.chars().enumerate() {
        let c = if c == '\u{2019}' { '\'' } else { c };
        if c.is_alphanumeric() || c == '\'' {
            let w = current.get_or_insert_with(|| Word {
                text: String::new(),
                offset: i,
                raw: String::new(),
                clause_end: false,
            });
            w.text.extend(c.to_lowercase());
            w.raw.push(c);
            continue;
        }
        if let Some(w) = current.take() {
            out.push(w);
        }
        if matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | '(' | ')' | '"' | '\n'
        ) && let Some(last) = out.last_mut()
        {
            last.clause_end = true;
        }
    }
    if let Some(w) = current {
        out.push(w);
    }
    for w in &mut out {
        let trimmed = w.text.trim_matches('\'').to_owned();
        w.text = trimmed;
    }
    out
}

fn is_contact_verb(word: &str) -> bool {
    CONTACT_STEMS
        .iter()
        .any(|stem| word.starts_with(stem) && word.len() <= stem.len() + 4)
}

/// The number of words of an opt-out phrase starting at `i`, if one starts there.
fn phrase_at(w: &[&str], i: usize) -> Option<usize> {
    let at = |k: usize| w.get(i + k).copied().unwrap_or("");
    let first = at(0);
    // unsubscribe, unsubscribed, unsubscribing
    if first.starts_with("unsubscrib") {
        return Some(1);
    }
    // opt out, opts out, opted out, opting out, opt-out, optout
    if matches!(first, "optout" | "optouts")
        || (matches!(first, "opt" | "opts" | "opted" | "opting") && at(1) == "out")
    {
        return Some(if first.starts_with("optout") { 1 } else { 2 });
    }
    // stop calling, stop contacting, stop texting, stop ... calling me (one word between)
    if matches!(first, "stop" | "stops" | "stopped" | "cease") {
        if is_contact_verb(at(1)) {
            return Some(2);
        }
        if matches!(at(1), "all" | "any" | "the" | "these" | "those" | "further")
            && (is_contact_verb(at(2))
                || matches!(at(2), "calls" | "contact" | "texts" | "messages" | "emails"))
        {
            return Some(3);
        }
    }
    // quit calling, quit texting me
    if matches!(first, "quit" | "quits" | "quitting") && is_contact_verb(at(1)) {
        return Some(2);
    }
    // never call me again, never contact us (a "never call" with no one after it, as in "we
    // never call after 9pm", is not a request)
    if first == "never"
        && is_contact_verb(at(1))
        && matches!(at(2), "me" | "us" | "them" | "him" | "her" | "again")
    {
        return Some(3);
    }
    // do not call, don't call, do not contact
    if (first == "don't" || first == "dont") && is_contact_verb(at(1)) {
        return Some(2);
    }
    if first == "do" && at(1) == "not" && is_contact_verb(at(2)) {
        return Some(3);
    }
    // remove me, remove my number, remove them from the list
    if matches!(first, "remove" | "removed" | "removing") {
        if matches!(at(1), "me" | "us" | "them" | "him" | "her") {
            return Some(2);
        }
        if matches!(at(1), "my" | "their" | "his" | "our")
            && matches!(
                at(2),
                "number" | "name" | "info" | "information" | "details"
            )
        {
            return Some(3);
        }
    }
    // take me off, take them off the list, taken off
    if matches!(first, "take" | "takes" | "taking" | "took") {
        if matches!(at(1), "me" | "us" | "them" | "him" | "her") && at(2) == "off" {
            return Some(3);
        }
        if matches!(at(1), "my" | "their") && at(3) == "off" {
            return Some(4);
        }
    }
    if matches!(first, "taken") && at(1) == "off" {
        return Some(2);
    }
    // do-not-call list, DNC
    if first == "dnc" {
        return Some(1);
    }
    None
}

/// The phrases of a request to stop contact that `text` would catch, in order; phrases the
/// text excludes (a negation shortly before, in the same clause) are left out.
pub fn opt_out_phrases(text: &str) -> Vec<OptOutPhrase> {
    let words = words(text);
    // A hyphen is not part of a word, so "opt-out" and "do-not-call" are words of a phrase.
    let refs: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < refs.len() {
        let Some(n) = phrase_at(&refs, i) else {
            i += 1;
            continue;
        };
        if !negated(&words, i) {
            let raw: Vec<&str> = words[i..i + n].iter().map(|w| w.raw.as_str()).collect();
            found.push(OptOutPhrase {
                offset: words[i].offset,
                text: raw.join(" "),
            });
        }
        i += n;
    }
    found
}

/// Whether a negation in the same clause, at most [`NEGATION_REACH`] words before word `i`,
/// excludes the phrase that starts there.
fn negated(words: &[Word], i: usize) -> bool {
    let start = i.saturating_sub(NEGATION_REACH);
    for j in (start..i).rev() {
        if words[j].clause_end {
            return false;
        }
        let w = words[j].text.as_str();
        if NEGATIONS.contains(&w) || w.ends_with("n't") {
            // "short of asking to stop calling" reads as a negation only with "of".
            if w == "short" && words.get(j + 1).is_none_or(|n| n.text != "of") {
                continue;
            }
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caught(text: &str) -> Vec<String> {
        opt_out_phrases(text).into_iter().map(|p| p.text).collect()
    }

    #[test]
    fn catches_requests_to_stop_contact() {
        assert_eq!(
            caught("Any objection, including a request to stop calling, counts as not interested."),
            ["stop calling"]
        );
        for text in [
            "The lead says STOP CALLING ME",
            "They ask us to stop contacting them",
            "Lead says do not call again",
            "Lead says don't call",
            "Lead says don\u{2019}t contact me",
            "Anyone who asks to be removed: remove me from your list",
            "They want to unsubscribe",
            "Lead says take me off your list",
            "The lead wants to opt out",
            "The lead opted-out",
            "Put on the do-not-call list",
            "Lead asks us to stop all calls",
            "Please stop messaging me",
            "stop phoning",
            "The lead tells us to quit calling",
            "Lead says never call me again",
            "They said: never contact us",
        ] {
            assert!(!caught(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn leaves_exclusions_and_ordinary_words_alone() {
        for text in [
            "Four or more objections and no explicit request to stop.",
            "Four or more objections and no explicit opt-out.",
            "Pushed back several times without asking to stop calling.",
            "The lead did not ask to opt out, but declined four times.",
            "The lead names a specific day or time to talk again.",
            "Already sold, or has a committed agent; we should call back never.",
            "The lead asks us to call them back tomorrow.",
            "Stop the pitch after four objections.",
            "We never call after 9pm, so a late request is not interested.",
            "The lead never asked us to quit calling.",
        ] {
            assert!(caught(text).is_empty(), "{text}: {:?}", caught(text));
        }
    }

    #[test]
    fn a_negation_stops_at_the_clause() {
        assert_eq!(
            caught("Not a buyer, or says stop calling"),
            ["stop calling"]
        );
    }

    #[test]
    fn offsets_are_in_characters() {
        let p = opt_out_phrases("Café: unsubscribe");
        assert_eq!(p[0].offset, 6);
    }
}
