//! Opt-out language in analysis criteria (rule `criteria-catches-opt-out`, docs/spec 7.1).
//!
//! A call in which the lead asks to stop contact must land on opt-out, whose locked
//! do-not-contact action is what honours the request (TCPA). Criteria of another outcome that
//! would catch such a request route it away from opt-out. This module finds, in a criteria
//! text, the phrase of such a request, in any reasonable wording. It is a small clause-level
//! grammar (the design and its known limits are in `docs/tcpa-guard.md`):
//!
//! 1. The text is split into words, clauses (`,` `;` `:` quotes, brackets) and sentences
//!    (`.` `!` `?` and line ends).
//! 2. Revocation intents are found word by word: a stop verb with a contact object ("stop
//!    calling", "cease all communication", "knock it off with the calls"); a negated contact
//!    ("do not call", "never text me again", "asks not to be contacted"); a negated wish
//!    ("doesn't want to hear from us again", "no longer wishes to receive calls"); no-more
//!    contact ("no more calls", "refuses further contact"); removal of the lead or their
//!    number or details ("lose my number", "scrub them from our call list", "take me off");
//!    consent words (unsubscribe, opt out, revoke or withdraw consent, do-not-call, DNC); SMS
//!    stop keywords (STOP, STOPALL, UNSUBSCRIBE, END, QUIT, CANCEL, REVOKE, OPTOUT, written in
//!    capitals, quoted or after "replies"); slang and threats ("leave me alone", "harassment",
//!    "quit bugging me", "I'll sue").
//! 3. Each intent then passes scope filters that set it aside: a negation before it in its
//!    clause ("no explicit request to stop calling"); a sentence that excludes stop requests or
//!    sends them to opt-out ("belongs on opt-out, not here", "excluding", "does not include");
//!    a limit by time or condition in its clause ("don't call on Sundays", "until the date they
//!    give", "for now") or a resumption after it ("I'll call you", "then call back"); a third
//!    party's number or person ("remove the number for John", "stop calling his wife"); another
//!    company or subscription ("unsubscribed from a realtor's newsletter"); a question about
//!    opting out or a word said to someone else.
//!
//! Deterministic, offline, no allocation per word beyond the lower-cased text: well under a
//! millisecond per criteria text (see `benches/tcpa.rs`).

//!
//! The files follow the steps: `text` (words, clauses, sentences), `lexicon` (word classes and
//! lists), the intents of step 2 in `clauses` (verb and object) and `keywords` (consent words,
//! keywords, slang), the filters of step 3 in `scope`.

mod clauses;
mod keywords;
mod lexicon;
mod scope;
#[cfg(test)]
mod tests;
mod text;

use clauses::{negated_contact, negated_wish, no_more, removal, stop_contact};
use keywords::{bare_stop, consent, contact_to_stop, keyword, slang};
use scope::kept;
use text::{Intent, Text, tokenize};

/// A phrase of opt-out language found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptOutPhrase {
    /// Offset of the phrase in the text, in characters.
    pub offset: usize,
    /// Length of the phrase in the text, in characters.
    pub len: usize,
    /// The phrase as written (its words, white space between them shown as one space).
    pub text: String,
}

fn intent_at(t: &Text, i: usize) -> Option<Intent> {
    let span = consent(t, i)
        .or_else(|| slang(t, i))
        .or_else(|| stop_contact(t, i).map(|e| (i, e)))
        .or_else(|| negated_wish(t, i))
        .or_else(|| negated_contact(t, i))
        .or_else(|| no_more(t, i).map(|e| (i, e)))
        .or_else(|| removal(t, i))
        .or_else(|| contact_to_stop(t, i))
        .or_else(|| keyword(t, i).map(|e| (i, e)))
        .or_else(|| bare_stop(t, i).map(|e| (i, e)))?;
    Some(Intent {
        start: span.0,
        end: span.1.max(span.0 + 1),
    })
}

/// The phrases of a request to stop contact that `text` would catch, in order; phrases the
/// text excludes, limits in time, redirects or attributes to someone else are left out.
pub fn opt_out_phrases(text: &str) -> Vec<OptOutPhrase> {
    let words = tokenize(text);
    let t = Text { w: &words };
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let Some(at) = intent_at(&t, i) else {
            i += 1;
            continue;
        };
        let at = Intent {
            start: at.start.min(i),
            end: at.end.min(words.len()),
        };
        if kept(&t, at) {
            let first = &words[at.start];
            let last = &words[at.end - 1];
            let raw = text.get(first.raw.start..last.raw.end).unwrap_or("");
            let shown: Vec<&str> = raw.split_whitespace().collect();
            found.push(OptOutPhrase {
                offset: first.offset,
                len: last.end - first.offset,
                text: shown.join(" ").replace('\u{2019}', "'"),
            });
        }
        i = at.end.max(i + 1);
    }
    found
}
