//! Opt-out language in analysis criteria (rule `criteria-catches-opt-out`, spec section 7.1).
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
//! millisecond per criteria text (see `benches/validate.rs`).

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

/// A word of the text: lower-cased (curly apostrophes straightened), where it is written
/// (bytes and characters), and what follows it.
#[derive(Debug)]
struct Word {
    low: String,
    raw: std::ops::Range<usize>,
    offset: usize,
    end: usize,
    /// A clause ends right after this word (`,` `;` `:` quotes, brackets, a line end).
    clause_end: bool,
    /// A sentence ends right after this word (`.` `!` `?`, a blank line).
    sentence_end: bool,
    /// Written in capitals (two letters or more): "STOP".
    upper: bool,
    /// Written between quotes: "\"stop\"".
    quoted: bool,
    /// Starts with a capital letter.
    capital: bool,
}

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201c}' | '\u{201d}' | '\u{2018}' | '\u{2019}' | '`'
    )
}

fn tokenize(text: &str) -> Vec<Word> {
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

/// Contact: the verbs and nouns of reaching a person.
fn is_contact(w: &str) -> bool {
    const STEMS: [&str; 17] = [
        "call",
        "phon",
        "ring",
        "dial",
        "text",
        "txt",
        "sms",
        "email",
        "messag",
        "contact",
        "reach",
        "bother",
        "bug",
        "harass",
        "pester",
        "spam",
        "communicat",
    ];
    if matches!(
        w,
        "outreach"
            | "solicit"
            | "soliciting"
            | "solicitation"
            | "solicitations"
            | "hassle"
            | "hassling"
            | "robocall"
            | "robocalls"
            | "voicemails"
            | "mail"
            | "mailers"
    ) {
        return true;
    }
    if matches!(
        w,
        "caller" | "callers" | "ringtone" | "textbook" | "reachable"
    ) {
        return false;
    }
    STEMS
        .iter()
        .any(|s| w.starts_with(s) && w.len() <= s.len() + 5)
}

/// Contact words that make a negated wish ("doesn't want any more calls").
fn is_wish_contact(w: &str) -> bool {
    is_contact(w) && !w.starts_with("phon") && !w.starts_with("ring") && !w.starts_with("dial")
        || w == "hear"
}

/// Contact as a noun ("no more calls", "further contact").
fn is_contact_noun(w: &str) -> bool {
    matches!(
        w,
        "calls"
            | "call"
            | "contact"
            | "contacts"
            | "texts"
            | "text"
            | "messages"
            | "message"
            | "emails"
            | "email"
            | "communication"
            | "communications"
            | "outreach"
            | "solicitation"
            | "solicitations"
            | "calling"
            | "texting"
            | "messaging"
            | "robocalls"
            | "voicemails"
            | "sms"
            | "marketing"
    )
}

fn is_negation(w: &str) -> bool {
    matches!(
        w,
        "no" | "not"
            | "without"
            | "never"
            | "nor"
            | "none"
            | "neither"
            | "absent"
            | "dont"
            | "doesnt"
            | "didnt"
            | "isnt"
            | "hasnt"
            | "havent"
            | "wasnt"
    ) || w.ends_with("n't")
}

fn is_person(w: &str) -> bool {
    matches!(
        w,
        "me" | "us" | "them" | "him" | "her" | "myself" | "themselves" | "himself" | "herself"
    )
}

fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "my" | "their" | "his" | "her" | "our" | "your" | "this" | "that" | "the" | "these"
    )
}

fn is_detail(w: &str) -> bool {
    matches!(
        w,
        "number"
            | "numbers"
            | "name"
            | "info"
            | "information"
            | "details"
            | "data"
            | "record"
            | "records"
            | "contact"
            | "email"
            | "phone"
            | "cell"
    )
}

fn is_list(w: &str) -> bool {
    matches!(
        w,
        "list"
            | "lists"
            | "database"
            | "system"
            | "dialer"
            | "records"
            | "roster"
            | "rolodex"
            | "campaign"
            | "campaigns"
            | "program"
            | "sequence"
            | "cadence"
            | "rotation"
            | "queue"
            | "crm"
            | "file"
            | "files"
            | "contacts"
    )
}

/// Whether what a removal takes the lead off or out of, from word `i` ("off", "out" or "from"
/// at `i`), is ours: a list, the system, the calls; or nothing named ("take me off."). "Take
/// their name off the title" or "be removed from the mortgage" is something else.
fn from_ours(t: &Text, i: usize) -> bool {
    if !t.is(i, &["off", "out", "from"]) || t.ends(i) {
        return true;
    }
    let j = t.skip(
        i + 1,
        &[
            "of", "the", "our", "your", "their", "this", "that", "all", "any", "future", "further",
        ],
        3,
    );
    let j = t.skip(
        j,
        &[
            "call",
            "calling",
            "contact",
            "mailing",
            "marketing",
            "phone",
            "dialing",
            "text",
            "sms",
            "email",
            "do",
            "not",
            "internal",
            "active",
            "outreach",
            "and",
            "or",
        ],
        4,
    );
    let w = t.at(j);
    is_list(w)
        || is_contact(w)
        || is_contact_noun(w)
        || matches!(
            w,
            "everything" | "us" | "you" | "here" | "now" | "immediately"
        )
        || t.w.get(j.wrapping_sub(1)).is_some_and(|x| x.clause_end)
}

/// A span of words `[start, end)` that reads as a request to stop contact.
#[derive(Clone, Copy, Debug)]
struct Intent {
    start: usize,
    end: usize,
}

struct Text<'a> {
    w: &'a [Word],
}

impl Text<'_> {
    fn at(&self, i: usize) -> &str {
        self.w.get(i).map_or("", |w| w.low.as_str())
    }

    fn is(&self, i: usize, set: &[&str]) -> bool {
        set.contains(&self.at(i))
    }

    fn prev(&self, i: usize) -> &str {
        if i == 0 { "" } else { self.at(i - 1) }
    }

    /// Whether a clause ends after word `i` (or there is no word after it).
    fn ends(&self, i: usize) -> bool {
        self.w.get(i).is_none_or(|w| w.clause_end) || i + 1 >= self.w.len()
    }

    /// Skips up to `max` words of `fill` from `i`, without crossing a clause end.
    fn skip(&self, mut i: usize, fill: &[&str], max: usize) -> usize {
        let mut n = 0;
        while n < max && self.is(i, fill) && !self.ends(i) {
            i += 1;
            n += 1;
        }
        i
    }

    /// The first word of the sentence holding word `i`, and one past its last.
    fn sentence(&self, i: usize) -> (usize, usize) {
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
    fn clause_end(&self, i: usize) -> usize {
        let mut e = i;
        while e < self.w.len() && !self.w[e].clause_end {
            e += 1;
        }
        (e + 1).min(self.w.len())
    }

    fn clause_start(&self, i: usize) -> usize {
        let mut s = i;
        while s > 0 && !self.w[s - 1].clause_end {
            s -= 1;
        }
        s
    }

    /// Whether the words of `phrase` stand in order from word `i`.
    fn seq(&self, i: usize, phrase: &[&str]) -> bool {
        phrase.iter().enumerate().all(|(k, p)| self.at(i + k) == *p)
    }

    fn any(&self, from: usize, to: usize, set: &[&str]) -> bool {
        (from..to.min(self.w.len())).any(|i| self.is(i, set))
    }
}

const STOP_VERBS: [&str; 20] = [
    "stop",
    "stops",
    "stopped",
    "stopping",
    "cease",
    "ceases",
    "ceased",
    "ceasing",
    "quit",
    "quits",
    "quitting",
    "halt",
    "halts",
    "discontinue",
    "discontinues",
    "cancel",
    "cancels",
    "canceled",
    "cancelled",
    "end",
];

const STOP_FILL: [&str; 33] = [
    "all",
    "any",
    "the",
    "these",
    "those",
    "further",
    "future",
    "more",
    "sending",
    "receiving",
    "getting",
    "making",
    "with",
    "your",
    "our",
    "my",
    "their",
    "his",
    "her",
    "unwanted",
    "marketing",
    "blowing",
    "up",
    "such",
    "robo",
    "automated",
    "repeated",
    "of",
    "it",
    "me",
    "us",
    "them",
    "this",
];

/// A stop verb with a contact object: "stop calling", "cease all communication", "quit
/// bugging me", "cancel all future calls".
fn stop_contact(t: &Text, i: usize) -> Option<usize> {
    if !t.is(i, &STOP_VERBS) || t.ends(i) {
        return None;
    }
    // "end" and "cancel" take only a plural or a determiner-led object ("end all calls").
    let j = t.skip(i + 1, &STOP_FILL, 4);
    let obj = t.at(j);
    if !is_contact(obj) {
        return None;
    }
    // "their agent stopped calling them months ago": a past event, not a request.
    if t.is(i, &["stopped", "ceased", "halted"]) && obj.ends_with("ing") {
        return None;
    }
    // "stop the call" is this call (the agent ends it), not future contact.
    if obj == "call" && t.is(j.wrapping_sub(1), &["the", "this", "a", "that"]) {
        return None;
    }
    if t.is(i, &["end", "cancel", "cancels", "canceled", "cancelled"]) && !obj.ends_with('s') {
        return None;
    }
    Some(j + 1)
}

/// A negated contact: "do not call", "never text me again", "asks not to be contacted".
fn negated_contact(t: &Text, i: usize) -> Option<(usize, usize)> {
    let w = t.at(i);
    let neg = matches!(
        w,
        "not" | "don't" | "dont" | "never" | "shouldn't" | "mustn't" | "nobody" | "noone"
    ) || (w == "longer" && t.prev(i) == "no");
    if !neg {
        return None;
    }
    let j = t.skip(
        i + 1,
        &[
            "to", "ever", "be", "again", "even", "us", "anyone", "anybody", "further", "being",
        ],
        3,
    );
    let v = t.at(j);
    let verb = is_contact(v) && !is_contact_noun(v)
        || matches!(
            v,
            "call"
                | "text"
                | "email"
                | "contact"
                | "message"
                | "calling"
                | "texting"
                | "contacting"
                | "messaging"
        );
    let send = matches!(v, "send" | "sending" | "receive" | "receiving")
        && is_contact_noun(t.at(t.skip(j + 1, &["me", "us", "them", "any", "more", "further"], 2)));
    if !(verb || send) {
        return None;
    }
    // "the contractor never called them back", "was not contacted before": a past event, not
    // a wish; "asks not to be contacted" (a passive after `be`) still is one.
    let passive =
        t.is(i.wrapping_sub(1), &["be", "being"]) || (i + 1..j).any(|k| t.is(k, &["be", "being"]));
    if v.ends_with("ed") && !passive {
        return None;
    }
    let auxiliary = w == "not"
        && t.is(
            i.wrapping_sub(1),
            &["do", "does", "should", "must", "will", "would", "can"],
        );
    let start = if w == "longer" || auxiliary { i - 1 } else { i };
    Some((start, j + 1))
}

/// A negated wish: "doesn't want to hear from us again", "no longer wishes to receive calls".
fn negated_wish(t: &Text, i: usize) -> Option<(usize, usize)> {
    if !t.is(
        i,
        &[
            "want", "wants", "wanted", "wanting", "wish", "wishes", "like", "need", "needs", "care",
        ],
    ) {
        return None;
    }
    let start = (i.saturating_sub(3)..i).find(|&k| {
        let w = t.at(k);
        (is_negation(w) && w != "without") || w == "longer"
    })?;
    if (start..i).any(|k| t.w[k].clause_end) {
        return None;
    }
    let start = if t.at(start) == "longer" && t.prev(start) == "no" {
        start - 1
    } else {
        start
    };
    let fill = [
        "to",
        "be",
        "any",
        "more",
        "further",
        "us",
        "you",
        "them",
        "from",
        "receive",
        "receiving",
        "get",
        "getting",
        "additional",
        "future",
        "have",
        "being",
        "ever",
        "again",
        "anymore",
        "these",
        "those",
        "the",
        "our",
        "your",
        "phone",
        "text",
        "marketing",
        "sms",
        "people",
        "anyone",
        "someone",
        "this",
        "company",
        "agent",
        "agents",
        "bot",
        "to",
        "keep",
        "be",
        "other",
        "another",
        "of",
        "unsolicited",
        "unwanted",
        "automated",
        "robo",
        "for",
        "up",
    ];
    let mut j = i + 1;
    while j < t.w.len() && j <= i + 7 {
        if is_wish_contact(t.at(j)) && (t.at(j) != "hear" || t.at(j + 1) == "from") {
            let end = if t.at(j) == "hear" { j + 2 } else { j + 1 };
            return Some((start, end));
        }
        if t.w[j].clause_end || !t.is(j, &fill) {
            break;
        }
        j += 1;
    }
    None
}

/// No more contact: "no more calls", "refuses further contact", "wants zero contact".
fn no_more(t: &Text, i: usize) -> Option<usize> {
    if !t.is(
        i,
        &[
            "no", "zero", "not", "refuses", "refuse", "refused", "declines", "decline", "declined",
            "objects", "object", "objected", "against",
        ],
    ) || t.ends(i)
    {
        return None;
    }
    let fill = [
        "more",
        "further",
        "additional",
        "future",
        "any",
        "phone",
        "text",
        "sms",
        "marketing",
        "interested",
        "in",
        "receiving",
        "receive",
        "to",
        "of",
        "unsolicited",
        "unwanted",
        "kind",
        "form",
        "sort",
        "type",
        "being",
        "getting",
    ];
    if t.is(i, &["no"]) && t.at(i + 1) == "more" && t.ends(i + 1) {
        return Some(i + 2);
    }
    let j = t.skip(i + 1, &fill, 5);
    let obj = t.at(j);
    let object = is_contact_noun(obj)
        || (t.at(j - 1) == "being" && matches!(obj, "called" | "contacted" | "texted"));
    if !object || j == i + 1 && !t.is(i, &["no", "zero"]) {
        return None;
    }
    // "no more" alone as in "no more than": the contact noun must follow the fillers.
    if t.is(i, &["not"]) && !t.any(i + 1, j, &["more", "further", "any", "additional"]) {
        return None;
    }
    Some(j + 1)
}

const REMOVE_VERBS: [&str; 38] = [
    "remove",
    "removes",
    "removed",
    "removing",
    "delete",
    "deletes",
    "deleted",
    "deleting",
    "erase",
    "erases",
    "erased",
    "erasing",
    "scrub",
    "scrubs",
    "scrubbed",
    "scrubbing",
    "purge",
    "purges",
    "purged",
    "purging",
    "wipe",
    "wipes",
    "wiped",
    "lose",
    "loses",
    "forget",
    "forgets",
    "drop",
    "drops",
    "dropped",
    "block",
    "blocks",
    "blocked",
    "blacklist",
    "blacklisted",
    "suppress",
    "suppressed",
    "strike",
];

const OFF_VERBS: [&str; 14] = [
    "take", "takes", "took", "taking", "get", "gets", "getting", "cross", "crosses", "crossed",
    "pull", "pulls", "pulled", "strike",
];

const PARTICIPLES: [&str; 14] = [
    "removed",
    "deleted",
    "erased",
    "scrubbed",
    "purged",
    "wiped",
    "dropped",
    "blocked",
    "suppressed",
    "unsubscribed",
    "blacklisted",
    "forgotten",
    "excluded",
    "taken",
];

/// The lead or their details as an object: "me", "their number", "this number", "my phone
/// number". One past the object.
fn lead_object(t: &Text, i: usize) -> Option<usize> {
    if is_person(t.at(i)) {
        return Some(i + 1);
    }
    // "everything we have on them", "all their data"
    if t.is(i, &["everything", "anything", "all"]) {
        let j = t.skip(
            i + 1,
            &[
                "we", "you", "they", "have", "has", "hold", "keep", "on", "about", "of",
            ],
            4,
        );
        if is_person(t.at(j)) && j > i + 1 {
            return Some(j + 1);
        }
        if t.at(i) == "all" && is_determiner(t.at(i + 1)) && is_detail(t.at(i + 2)) {
            return Some(i + 3);
        }
    }
    let mut j = i;
    if is_determiner(t.at(j)) {
        j += 1;
    }
    if t.is(j, &["phone", "cell", "contact"]) && is_detail(t.at(j + 1)) {
        j += 1;
    }
    if is_detail(t.at(j)) && (j > i || t.is(j, &["me"])) {
        return Some(j + 1);
    }
    None
}

/// Removal of the lead or their details: "lose my number", "scrub them from our call list",
/// "take me off", "asks to be removed", "wants their number removed", "requests removal".
fn removal(t: &Text, i: usize) -> Option<(usize, usize)> {
    let w = t.at(i);
    if t.is(i, &REMOVE_VERBS) {
        let end = lead_object(t, i + 1)?;
        return from_ours(t, end).then_some((i, end));
    }
    if t.is(i, &OFF_VERBS) {
        let end = lead_object(t, i + 1)?;
        if t.is(end, &["off", "out", "from"]) && from_ours(t, end) {
            return Some((i, end + 1));
        }
        return None;
    }
    // Passive: "to be removed", "be taken off", "get dropped from".
    if t.is(i, &["be", "being", "been", "get", "gets", "got", "getting"])
        && t.is(i + 1, &PARTICIPLES)
    {
        let p = t.at(i + 1);
        if p == "taken" && !t.is(i + 2, &["off", "out"]) {
            return None;
        }
        if p == "excluded" && t.at(i + 2) != "from" {
            return None;
        }
        // "be removed from the mortgage": something else.
        if !from_ours(t, i + 2) {
            return None;
        }
        return Some((i, i + 2));
    }
    if t.is(i, &["be", "being"]) && t.at(i + 1) == "left" && t.at(i + 2) == "off" {
        return Some((i, i + 3));
    }
    // "their number removed", "my details to be deleted".
    if is_detail(w) && w != "contact" {
        let j = t.skip(
            i + 1,
            &[
                "to", "be", "should", "must", "is", "are", "get", "gets", "been",
            ],
            3,
        );
        if t.is(j, &PARTICIPLES) && t.at(j) != "excluded" {
            let start = if is_determiner(t.prev(i)) { i - 1 } else { i };
            return Some((start, j + 1));
        }
        return None;
    }
    // "requests removal", "demands removal from the list".
    if matches!(w, "removal" | "deletion" | "erasure") {
        if t.at(i + 1) == "of" && lead_object(t, i + 2).is_none() {
            return None;
        }
        return Some((i, i + 1));
    }
    // "off the list", "off your call list": after the lead, their details or a wish.
    if w == "off" {
        let before = t.prev(i);
        let fits = is_person(before)
            || is_detail(before)
            || matches!(
                before,
                "want"
                    | "wants"
                    | "wanted"
                    | "be"
                    | "taken"
                    | "left"
                    | "kept"
                    | "keep"
                    | "stay"
                    | "get"
                    | "it"
            );
        if !fits {
            return None;
        }
        let j = t.skip(
            i + 1,
            &[
                "the", "our", "your", "their", "this", "that", "all", "any", "of",
            ],
            2,
        );
        let j = t.skip(
            j,
            &[
                "call",
                "calling",
                "contact",
                "mailing",
                "marketing",
                "phone",
                "dialing",
                "text",
                "sms",
                "email",
            ],
            2,
        );
        if is_list(t.at(j)) {
            return Some((i - 1, j + 1));
        }
        // "take me off" at the end of a clause.
        if is_person(before) && t.ends(i) {
            return Some((i - 1, i + 1));
        }
        return None;
    }
    if matches!(w, "suppression" | "blocklist" | "blacklist") {
        return Some((i, i + 1));
    }
    None
}

/// Consent words: unsubscribe, opt out, revoke or withdraw consent, do-not-call list, DNC.
fn consent(t: &Text, i: usize) -> Option<(usize, usize)> {
    let w = t.at(i);
    if w.starts_with("unsubscrib") {
        // Unsubscribing from something else: "from a realtor's newsletter".
        if t.at(i + 1) == "from" {
            let j = t.skip(i + 2, &["a", "an", "the", "all"], 1);
            let ours = [
                "our",
                "us",
                "your",
                "you",
                "this",
                "these",
                "calls",
                "call",
                "texts",
                "text",
                "messages",
                "emails",
                "email",
                "list",
                "lists",
                "marketing",
                "communications",
                "contact",
                "all",
                "future",
                "further",
                "everything",
                "any",
                "sms",
                "the",
            ];
            if !t.is(j, &ours) {
                return None;
            }
        }
        return Some((i, i + 1));
    }
    if matches!(w, "optout" | "optouts" | "optout's") {
        return Some((i, i + 1));
    }
    if t.is(i, &["opt", "opts", "opted", "opting"]) && t.at(i + 1) == "out" {
        return Some((i, i + 2));
    }
    if w.starts_with("revok")
        || w.starts_with("withdr")
        || w.starts_with("rescind")
        || w.starts_with("retract")
        || w.starts_with("refus")
    {
        let j = t.skip(
            i + 1,
            &[
                "their", "his", "her", "my", "the", "any", "all", "of", "our", "prior", "previous",
            ],
            2,
        );
        if t.is(j, &["consent", "permission", "authorization"]) {
            return Some((i, j + 1));
        }
        return None;
    }
    // "never gave consent", "we don't have permission to call".
    if (is_negation(w) && w != "without") && !t.ends(i) {
        let j = t.skip(
            i + 1,
            &[
                "have", "has", "had", "gave", "give", "given", "granted", "grant", "provide",
                "provided", "any", "their", "us", "you",
            ],
            3,
        );
        if t.is(j, &["consent", "permission"]) && j > i {
            return Some((i, j + 1));
        }
    }
    // "never agreed to be contacted", "never signed up for these calls".
    if matches!(w, "never" | "not" | "didn't" | "didnt")
        && t.is(
            i + 1,
            &[
                "agreed",
                "agree",
                "consented",
                "consent",
                "signed",
                "opted",
                "asked",
            ],
        )
    {
        let j = t.skip(
            i + 2,
            &[
                "to", "be", "up", "in", "for", "any", "these", "this", "the", "being",
            ],
            3,
        );
        if is_contact(t.at(j)) && j > i + 2 {
            return Some((i, j + 1));
        }
    }
    // do-not-call list or registry, do not contact list
    if w == "do" && t.at(i + 1) == "not" && t.is(i + 2, &["call", "contact", "text", "email"]) {
        let j = t.skip(i + 3, &["national", "federal", "state", "internal"], 1);
        if t.is(j, &["list", "lists", "registry", "register"]) {
            return Some((i, j + 1));
        }
        if t.w.get(i).is_some_and(|x| x.upper) || t.w.get(i + 2).is_some_and(|x| x.capital) {
            return Some((i, i + 3));
        }
        // "marked as do not contact": a status.
        if t.is(i.wrapping_sub(1), &["as", "a", "to", "the"]) && t.at(i - 1) != "to" {
            return Some((i, i + 3));
        }
    }
    if w == "dnc" {
        return Some((i, i + 1));
    }
    None
}

const SMS_KEYWORDS: [&str; 9] = [
    "stop",
    "stopall",
    "unsubscribe",
    "end",
    "quit",
    "cancel",
    "revoke",
    "optout",
    "unstop",
];

/// An SMS stop keyword: written in capitals, quoted, or after "replies" and the like; or a
/// bare "stop" at the end of a clause ("asks us to stop.", "says stop, for any reason").
fn keyword(t: &Text, i: usize) -> Option<usize> {
    let w = t.at(i);
    if !SMS_KEYWORDS.contains(&w) || w == "unstop" {
        return None;
    }
    let word = &t.w[i];
    let reply = t.is(
        i.wrapping_sub(1),
        &[
            "replies",
            "replied",
            "reply",
            "replying",
            "texts",
            "texted",
            "responds",
            "responded",
            "respond",
            "answers",
            "answered",
            "writes",
            "wrote",
            "back",
            "word",
            "sends",
            "sent",
            "types",
            "typed",
            "keyword",
            "with",
            "says",
            "said",
            "say",
        ],
    );
    if word.upper
        || word.quoted
        || (reply && (t.ends(i) || t.is(i + 1, &["or", "to", "and", "in"])))
    {
        if matches!(w, "end" | "cancel" | "quit") && !(word.upper || word.quoted || reply) {
            return None;
        }
        return Some(i + 1);
    }
    None
}

/// A bare stop at the end of a clause: "asks us to stop.", "wants it to end", "want them
/// stopped".
fn bare_stop(t: &Text, i: usize) -> Option<usize> {
    let w = t.at(i);
    if !matches!(
        w,
        "stop" | "stopped" | "cease" | "ceased" | "quit" | "end" | "ended" | "halt" | "halted"
    ) {
        return None;
    }
    let mut j = i + 1;
    if !t.ends(i) {
        if t.is(
            j,
            &[
                "now",
                "immediately",
                "already",
                "please",
                "altogether",
                "completely",
                "entirely",
                "permanently",
                "for good",
                "asap",
                "too",
            ],
        ) && t.ends(j)
        {
            j += 1;
        } else {
            return None;
        }
    }
    let prev = t.prev(i);
    if matches!(
        prev,
        "the" | "a" | "an" | "no" | "full" | "bus" | "last" | "first" | "next" | "one"
    ) {
        return None;
    }
    if matches!(w, "end" | "ended" | "halt" | "halted")
        && !matches!(
            prev,
            "to" | "must" | "should" | "will" | "it" | "them" | "calls" | "contact" | "all"
        )
    {
        return None;
    }
    Some(j)
}

/// Slang and threats: "leave me alone", "harassment", "cease and desist", "I'll sue", "had it
/// with these calls", "never again".
fn slang(t: &Text, i: usize) -> Option<(usize, usize)> {
    let w = t.at(i);
    if matches!(w, "leave" | "leaves" | "left") {
        let j = t.skip(i + 1, &["me", "us", "them", "him", "her", "be"], 1);
        if t.at(j) == "alone" && j > i {
            return Some((i, j + 1));
        }
        if w == "left" && t.at(i + 1) == "alone" {
            return Some((i, i + 2));
        }
    }
    if w == "knock" {
        let j = t.skip(i + 1, &["it"], 1);
        if t.at(j) == "off" {
            return Some((i, j + 1));
        }
    }
    if w == "cut" && t.at(i + 1) == "it" && t.at(i + 2) == "out" {
        return Some((i, i + 3));
    }
    if t.is(i, &["back", "buzz", "bug"]) && t.at(i + 1) == "off" {
        return Some((i, i + 2));
    }
    if w == "get" && t.at(i + 1) == "lost" || w == "go" && t.at(i + 1) == "away" {
        return Some((i, i + 2));
    }
    if w.starts_with("harass") || w == "spamming" || w == "pestering" {
        return Some((i, i + 1));
    }
    if w == "cease" && t.at(i + 1) == "and" && t.at(i + 2) == "desist" {
        return Some((i, i + 3));
    }
    if matches!(w, "sue" | "suing" | "lawsuit" | "fcc")
        || (w == "report" && t.is(i + 1, &["us", "you", "them", "this", "it"]))
    {
        return Some((i, i + 1 + usize::from(w == "report")));
    }
    if matches!(w, "complaint" | "police")
        && t.any(i.saturating_sub(3), i, &["file", "a", "call", "the"])
    {
        return Some((i, i + 1));
    }
    if w == "legal" && t.is(i + 1, &["action", "actions"]) {
        return Some((i, i + 2));
    }
    if w == "nothing" {
        let j = t.skip(i + 1, &["more", "else", "further"], 1);
        if t.seq(j, &["to", "do", "with"])
            && t.is(j + 3, &["us", "you", "your", "our", "this", "these", "the"])
        {
            return Some((i, j + 4));
        }
    }
    if w == "never" && t.at(i + 1) == "again" {
        return Some((i, i + 2));
    }
    if t.is(i, &["enough", "many"]) {
        let j = t.skip(i + 1, &["of", "the", "these", "your", "with", "robo"], 2);
        if is_contact_noun(t.at(j)) && t.at(j).ends_with('s')
            || (w == "enough" && t.is(j, &["already"]))
        {
            return Some((i, j + 1));
        }
    }
    if (t.is(i, &["sick", "tired", "done"]) && t.is(i + 1, &["of", "with"]))
        || (w == "had" && t.at(i + 1) == "it" && t.at(i + 2) == "with")
        || (w == "fed" && t.at(i + 1) == "up")
    {
        let j = t.skip(
            i + 1,
            &[
                "of", "with", "it", "up", "the", "these", "your", "our", "all", "this", "those",
            ],
            4,
        );
        if is_contact(t.at(j)) {
            return Some((i, j + 1));
        }
    }
    None
}

/// A contact noun that should stop: "wants all calls to stop", "calls to cease".
fn contact_to_stop(t: &Text, i: usize) -> Option<(usize, usize)> {
    if !is_contact_noun(t.at(i)) || t.ends(i) {
        return None;
    }
    let j = t.skip(
        i + 1,
        &[
            "to", "should", "must", "will", "be", "all", "from", "us", "you",
        ],
        2,
    );
    if t.is(
        j,
        &[
            "stop", "cease", "end", "ended", "stopped", "ceased", "halt", "halted", "stops", "ends",
        ],
    ) {
        let start = if t.prev(i) == "all" { i - 1 } else { i };
        return Some((start, j + 1));
    }
    None
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

/// Whether a negation in the clause, shortly before the intent, excludes it: "no explicit
/// request to stop calling", "without asking to be removed".
fn negated(t: &Text, at: Intent) -> bool {
    let start = at.start.saturating_sub(7);
    for j in (start..at.start).rev() {
        if t.w[j].clause_end {
            return false;
        }
        let w = t.at(j);
        if matches!(
            w,
            "and" | "but" | "or" | "then" | "because" | "who" | "which" | "so" | "if" | "when"
        ) {
            return false;
        }
        if is_negation(w) || w == "short" && t.at(j + 1) == "of" {
            let next = t.at(j + 1);
            if matches!(
                next,
                "interested"
                    | "ready"
                    | "selling"
                    | "sure"
                    | "only"
                    | "just"
                    | "the"
                    | "a"
                    | "an"
                    | "now"
                    | "yet"
                    | "today"
                    | "motivated"
                    | "happy"
                    | "home"
                    | "available"
                    | "thanks"
                    | "thank"
                    | "ever"
                    | "answer"
                    | "own"
                    | "owner"
            ) {
                continue;
            }
            return true;
        }
    }
    false
}

/// A sentence that excludes stop requests or sends them to opt-out.
fn excluding_sentence(t: &Text, s: usize, e: usize) -> bool {
    for i in s..e {
        let w = t.at(i);
        let next = t.at(i + 1);
        let strong = match w {
            "exclude" | "excludes" | "excluding" | "excepting" | "except" | "unless"
            | "excepted" => true,
            "excluded" => next != "from",
            "include" | "includes" | "cover" | "covers" | "belong" | "count" | "counts"
            | "apply" | "applies" => {
                t.any(
                    i.saturating_sub(2),
                    i,
                    &["not", "doesn't", "don't", "never", "does", "do"],
                ) && (i.saturating_sub(2)..i).any(|k| is_negation(t.at(k)))
            }
            "part" => t.prev(i) == "not" && next == "of",
            "never" | "not" => {
                (next == "this" && t.is(i + 2, &["outcome", "card", "one"]))
                    || next == "here"
                    || matches!(next, "land" | "lands" | "belong" | "belongs")
            }
            "must" | "should" => {
                next == "not"
                    && (t.is(i + 2, &["land", "go", "use"])
                        || t.at(i + 2) == "be"
                            && t.is(i + 3, &["here", "in", "on", "this", "used"]))
            }
            "use" => t.prev(i) == "not" || t.prev(i) == "don't" || t.prev(i) == "never",
            "other" => next == "than",
            "instead" => next == "of",
            _ => false,
        };
        if strong {
            return true;
        }
    }
    // A sentence that names opt-out as where such requests go.
    let names_opt_out =
        (s..e).any(|i| (t.at(i) == "opt" && t.at(i + 1) == "out") || t.at(i).starts_with("optout"));
    if names_opt_out {
        let route = [
            "belong", "belongs", "go", "goes", "going", "sent", "send", "sends", "route", "routed",
            "routes", "routing", "handled", "handles", "use", "instead", "that's", "thats", "land",
            "lands", "move", "moved", "treat", "treated", "mark", "marked", "is", "are",
        ];
        let opt_at = (s..e).find(|&i| t.at(i) == "opt" || t.at(i).starts_with("optout"));
        if let Some(o) = opt_at {
            // "to opt out" after a wish is the lead's own words, not a route.
            let own = t.is(
                o.wrapping_sub(1),
                &[
                    "they", "i", "lead", "he", "she", "we", "already", "has", "have", "who",
                ],
            ) || (t.at(o.wrapping_sub(1)) == "to"
                && t.is(
                    o.wrapping_sub(2),
                    &[
                        "want",
                        "wants",
                        "wanted",
                        "wish",
                        "wishes",
                        "like",
                        "asks",
                        "asked",
                        "ask",
                        "requests",
                        "requested",
                        "decided",
                        "chose",
                        "choose",
                        "trying",
                        "tries",
                        "tried",
                        "able",
                        "how",
                    ],
                ));
            if !own && t.any(s, e, &route) {
                return true;
            }
            if t.is(o.wrapping_sub(1), &["on", "an", "as", "use", "the", "to"])
                && t.any(s, e, &route)
                && !own
            {
                return true;
            }
        }
    }
    false
}

/// A limit by time or condition in the intent's clause, after it: "don't call on Sundays",
/// "until the date they give", "for now", "after 8pm".
fn scoped(t: &Text, at: Intent) -> bool {
    let end = t.clause_end(at.end.saturating_sub(1));
    let days = [
        "sunday",
        "sundays",
        "monday",
        "mondays",
        "tuesday",
        "tuesdays",
        "wednesday",
        "wednesdays",
        "thursday",
        "thursdays",
        "friday",
        "fridays",
        "saturday",
        "saturdays",
        "weekend",
        "weekends",
        "weekdays",
        "weekday",
        "holidays",
        "holiday",
        "noon",
        "midnight",
        "o'clock",
        "am",
        "pm",
        "morning",
        "mornings",
        "afternoon",
        "afternoons",
        "evening",
        "evenings",
        "night",
        "nights",
        "tonight",
        "today",
        "tomorrow",
        "yet",
        "temporarily",
        "early",
        "late",
        "until",
        "till",
        "til",
        "during",
        "while",
        "between",
        "hours",
        "dinner",
        "lunchtime",
        "bedtime",
        "season",
    ];
    for i in at.end..end {
        let w = t.at(i);
        if days.contains(&w) {
            return true;
        }
        if w.starts_with(|c: char| c.is_ascii_digit()) {
            return true;
        }
        if matches!(w, "before" | "after")
            && !t.is(
                i + 1,
                &[
                    "i",
                    "we",
                    "us",
                    "being",
                    "having",
                    "saying",
                    "asking",
                    "that",
                    "multiple",
                    "several",
                    "repeated",
                    "repeatedly",
                    "telling",
                    "this",
                    "they've",
                    "i've",
                    "asked",
                    "hanging",
                    "hearing",
                    "the",
                ],
            )
        {
            return true;
        }
        if matches!(w, "after" | "before")
            && t.at(i + 1) == "the"
            && !t.is(i + 2, &["call", "first", "second", "third", "offer"])
        {
            return true;
        }
        if (w == "for"
            && t.is(
                i + 1,
                &[
                    "now", "a", "two", "three", "few", "several", "some", "the", "another",
                ],
            )
            && !t.is(i + 2, &["reason"]))
            || (w == "right" && t.at(i + 1) == "now")
            || (w == "this" || w == "next" || w == "that")
                && t.is(
                    i + 1,
                    &[
                        "week",
                        "month",
                        "year",
                        "weekend",
                        "morning",
                        "afternoon",
                        "evening",
                        "time",
                        "quarter",
                        "season",
                        "spring",
                        "summer",
                        "fall",
                        "winter",
                    ],
                )
            || (w == "at" && t.is(i + 1, &["work", "night", "dinner"]))
            || (w == "so" && t.is(i + 1, &["early", "late", "often", "much"]))
            || (w == "in"
                && t.is(i + 1, &["the"])
                && t.is(
                    i + 2,
                    &[
                        "morning",
                        "evening",
                        "afternoon",
                        "spring",
                        "summer",
                        "fall",
                        "winter",
                    ],
                ))
        {
            return true;
        }
    }
    false
}

/// A resumption after the intent, in its sentence: "I'll call you", "then call back", "but the
/// cell is fine", "text instead".
fn resumed(t: &Text, at: Intent, s_end: usize) -> bool {
    let clause = t.clause_end(at.end.saturating_sub(1));
    for i in at.end..s_end {
        let w = t.at(i);
        let next = t.at(i + 1);
        let hit = match w {
            "call" | "calling" | "text" | "reach" => {
                let j = t.skip(i + 1, &["me", "them", "him", "her", "us", "out"], 1);
                t.is(j, &["back"])
                    || (t.at(j) == "again"
                        && t.is(
                            j + 1,
                            &["in", "after", "next", "later", "when", "once", "soon"],
                        ))
                    || (w == "call"
                        && t.is(i + 1, &["you", "us"])
                        && t.is(i.wrapping_sub(1), &["i'll", "will", "they'll"]))
            }
            "try" | "check" => matches!(next, "again" | "back"),
            "then" => t.is(
                i + 1,
                &[
                    "call", "calling", "reach", "contact", "text", "try", "is", "are", "happy",
                    "we", "you", "resume", "follow", "check", "wants", "open", "it's",
                ],
            ),
            "fine" | "ok" | "okay" => t.ends(i) || t.is(i + 1, &["with", "to", "by", "if"]),
            "happy" => next == "to",
            "only" => true,
            "instead" => i >= clause,
            "resume" | "resumes" => true,
            _ => false,
        };
        if hit {
            return true;
        }
    }
    false
}

/// A third party: "the number for John", "his wife", "their brother's number", "the tenant".
fn third_party(t: &Text, at: Intent) -> bool {
    let s = t.clause_start(at.start);
    let e = t.clause_end(at.end.saturating_sub(1));
    let others = [
        "wife",
        "husband",
        "spouse",
        "brother",
        "sister",
        "mother",
        "mom",
        "father",
        "dad",
        "son",
        "daughter",
        "neighbor",
        "neighbour",
        "neighbors",
        "neighbours",
        "tenant",
        "tenants",
        "landlord",
        "roommate",
        "ex",
        "boss",
        "kids",
        "parent",
        "parents",
        "relative",
        "previous",
        "former",
        "old",
        "late",
        "co",
        "someone",
        "somebody",
        "grandmother",
        "grandfather",
        "aunt",
        "uncle",
        "cousin",
        "partner",
        "employer",
        "coworker",
    ];
    for i in s..e {
        let w = t.at(i);
        if others.contains(&w) {
            return true;
        }
        if let Some(owner) = w.strip_suffix("'s")
            && !matches!(
                owner,
                "lead"
                    | "seller"
                    | "homeowner"
                    | "owner"
                    | "contact"
                    | "prospect"
                    | "customer"
                    | "caller"
                    | "person"
                    | "it"
                    | "that"
                    | "what"
                    | "there"
                    | "he"
                    | "she"
                    | "who"
                    | "let"
                    | "here"
            )
        {
            return true;
        }
        if w == "for"
            && t.w.get(i + 1).is_some_and(|x| x.capital && !x.upper)
            && t.at(i + 1) != "opt"
        {
            return true;
        }
    }
    false
}

/// A sentence about something else: another company, a question about opting out, a word said
/// to someone else, a lead who keeps talking.
fn aside(t: &Text, s: usize, e: usize) -> bool {
    for i in s..e {
        let w = t.at(i);
        let next = t.at(i + 1);
        let hit = match w {
            "another" | "other" | "different" => t.is(
                t.skip(i + 1, &["real", "estate", "local"], 2),
                &[
                    "company",
                    "companies",
                    "investor",
                    "investors",
                    "buyer",
                    "buyers",
                    "agent",
                    "agents",
                    "business",
                    "businesses",
                    "realtor",
                    "realtors",
                    "wholesaler",
                    "wholesalers",
                    "firm",
                    "firms",
                    "caller",
                    "callers",
                ],
            ),
            "newsletter" | "newsletters" | "alerts" | "subscription" | "magazine" => true,
            "whether" | "policy" | "curiosity" | "curious" => true,
            "what" => matches!(next, "happens" | "if"),
            "asks" | "asked" | "ask" | "question" | "questions" => {
                next == "about" && !t.is(i + 2, &["being", "getting"])
            }
            "agrees" | "agreed" | "continues" | "continued" | "schedules" | "scheduled" => {
                !is_negation(t.prev(i))
            }
            "keeps" | "kept" | "keep" => next == "talking",
            "still" => matches!(next, "open" | "interested" | "wants" | "talking"),
            "is" | "but" => next == "interested",
            "hear" => {
                t.is(i + 1, &["the", "our", "more"]) && t.is(i + 2, &["offer", "offers", "more"])
            }
            "who" => next == "we" && t.at(i + 2) == "are",
            "how" => next == "we" && t.at(i + 2) == "got",
            "someone" | "somebody" => next == "else",
            "repeat" | "barking" | "wait" => true,
            "let" => next == "me",
            "talking" => next == "to",
            "hold" => next == "on",
            _ => false,
        };
        if hit {
            return true;
        }
    }
    false
}

fn kept(t: &Text, at: Intent) -> bool {
    let (s, e) = t.sentence(at.start);
    !(negated(t, at)
        || excluding_sentence(t, s, e)
        || scoped(t, at)
        || resumed(t, at, e)
        || third_party(t, at)
        || aside(t, s, e))
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
            "The lead asks not to be contacted again.",
            "Lead wants to never be called again.",
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
            "Lead says the contractor never called them back.",
            "The lead was not contacted by another agent before.",
            "Lead says their agent stopped calling them months ago.",
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
    fn catches_each_family_of_intent() {
        for (text, phrase) in [
            ("Lead tells us to lose their number.", "lose their number"),
            (
                "Seller asks us to scrub them from our call list.",
                "scrub them",
            ),
            (
                "Lead asks us to add their number to our suppression list.",
                "suppression",
            ),
            (
                "The lead asks not to be contacted again.",
                "not to be contacted",
            ),
            (
                "The contact says they don't want to hear from us again.",
                "don't want to hear from",
            ),
            (
                "Owner tells the agent never to call again.",
                "never to call",
            ),
            ("Lead says quit bugging me.", "quit bugging"),
            ("Lead says knock it off with the calls.", "knock it off"),
            ("The lead replies STOP to one of our texts.", "STOP"),
            (
                "Lead asks us to cancel all future calls.",
                "cancel all future calls",
            ),
            (
                "The lead no longer wishes to receive calls from us.",
                "no longer wishes to receive calls",
            ),
            (
                "Lead withdraws their consent to receive calls.",
                "withdraws their consent",
            ),
            ("Lead says leave me alone.", "leave me alone"),
            (
                "Lead is not interested.\nAlso a lead who says: stop.",
                "stop",
            ),
            ("Lead wants all calls to stop.", "all calls to stop"),
            (
                "The homeowner wants their number removed from our system.",
                "their number removed",
            ),
            ("Lead asks us to drop them from the campaign.", "drop them"),
            ("Lead asks to be taken out of the system.", "be taken"),
        ] {
            assert_eq!(caught(text), [phrase], "{text}");
        }
    }

    #[test]
    fn leaves_scoped_redirected_and_third_party_look_alikes_alone() {
        for text in [
            "The lead says don't call on Sundays but is open to talking next week.",
            "Lead asks us not to call until the return date they give.",
            "Lead says don't call after 8pm.",
            "Lead says stop calling for now and try again in the spring.",
            "A lead who asks us to stop calling belongs on opt-out, not here.",
            "Does not include requests to stop contact (use Opt out).",
            "Lead is not interested. Excludes leads who ask to stop calling.",
            "The lead says the number belongs to their ex and asks us to remove the number for John.",
            "Lead asks that we stop calling his wife and call him directly.",
            "Lead says they unsubscribed from a realtor's newsletter.",
            "Lead asks us to remove the listing from our website.",
            "Lead says they took the house off the market.",
            "Lead says don't call me, I'll call you next week.",
            "Lead says they told another company to stop calling.",
            "Lead asks whether they can opt out later.",
            "Lead asks to be removed from the mortgage before selling.",
            "Lead wants to take their name off the title.",
            "Lead asks us to remove them from the deed.",
        ] {
            assert!(caught(text).is_empty(), "{text}: {:?}", caught(text));
        }
    }

    #[test]
    fn a_phrase_has_its_offset_and_length_in_characters() {
        let text = "Café lead. Then: please lose my number";
        let p = opt_out_phrases(text);
        assert_eq!(p.len(), 1);
        let shown: String = text.chars().skip(p[0].offset).take(p[0].len).collect();
        assert_eq!(shown, "lose my number");
        assert_eq!(p[0].text, "lose my number");
        // Words split over lines are shown with one space.
        let p = opt_out_phrases("Lead asks us to stop\n  calling them");
        assert_eq!(p[0].text, "stop calling");
        assert_eq!(p[0].len, "stop\n  calling".chars().count());
    }

    #[test]
    fn offsets_are_in_characters() {
        let p = opt_out_phrases("Café: unsubscribe");
        assert_eq!(p[0].offset, 6);
    }
}
