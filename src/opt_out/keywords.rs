//! Revocation intents carried by a word or a set phrase: consent words (unsubscribe, opt out,
//! revoke consent, DNC), SMS stop keywords, a bare "stop", slang and threats.

use super::lexicon::{SMS_KEYWORDS, is_contact, is_contact_noun, is_negation};
use super::text::Text;

/// Consent words: unsubscribe, opt out, revoke or withdraw consent, do-not-call list, DNC.
pub(super) fn consent(t: &Text, i: usize) -> Option<(usize, usize)> {
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

/// An SMS stop keyword: written in capitals, quoted, or after "replies" and the like; or a
/// bare "stop" at the end of a clause ("asks us to stop.", "says stop, for any reason").
pub(super) fn keyword(t: &Text, i: usize) -> Option<usize> {
    let w = t.at(i);
    let word = t.w.get(i)?;
    // "remove" as a reply keyword: quoted, or a whole reply ("responds \"remove\"").
    if w == "remove" && word.quoted && !word.upper {
        let reply = t.is(
            i.wrapping_sub(1),
            &[
                "replies",
                "replied",
                "reply",
                "texts",
                "texted",
                "responds",
                "responded",
                "writes",
                "wrote",
                "back",
                "sends",
                "sent",
                "types",
                "typed",
                "word",
                "says",
                "said",
                "with",
            ],
        );
        return (reply && t.ends(i)).then_some(i + 1);
    }
    if !SMS_KEYWORDS.contains(&w) || w == "unstop" {
        return None;
    }
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
pub(super) fn bare_stop(t: &Text, i: usize) -> Option<usize> {
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
pub(super) fn slang(t: &Text, i: usize) -> Option<(usize, usize)> {
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
    // "they will contact their lawyer", "I'll get my attorney involved": a threat.
    if matches!(w, "lawyer" | "lawyers" | "attorney" | "attorneys")
        && t.is(
            i.wrapping_sub(1),
            &["my", "their", "his", "her", "a", "our"],
        )
    {
        let from = i.saturating_sub(6).max(t.clause_start(i));
        let threat = (from..i).any(|k| {
            let x = t.at(k);
            matches!(
                x,
                "will" | "threatens" | "threatened" | "threatening" | "gonna" | "going"
            ) || x.ends_with("'ll")
        });
        // "I'm calling my attorney": the lead's own words.
        let calling = t.at(i - 1) == "my" && t.is(i.wrapping_sub(2), &["calling", "contacting"]);
        if threat || calling {
            return Some((i - 1, i + 1));
        }
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
pub(super) fn contact_to_stop(t: &Text, i: usize) -> Option<(usize, usize)> {
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
