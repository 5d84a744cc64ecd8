//! Revocation intents built from a verb and its object in a clause: a stop verb with a contact
//! object, a negated contact, a negated wish, no-more contact, removal of the lead or their
//! number.

use super::lexicon::{
    OFF_VERBS, PARTICIPLES, REMOVE_VERBS, STOP_FILL, STOP_VERBS, is_contact, is_contact_noun,
    is_detail, is_determiner, is_list, is_negation, is_person, is_wish_contact,
};
use super::text::Text;

/// Whether what a removal takes the lead off or out of, from word `i` ("off", "out" or "from"
/// at `i`), is ours: a list, the system, the calls; or nothing named ("take me off."). "Take
/// their name off the title" or "be removed from the mortgage" is something else.
pub(super) fn from_ours(t: &Text, i: usize) -> bool {
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

/// A stop verb with a contact object: "stop calling", "cease all communication", "quit
/// bugging me", "cancel all future calls".
pub(super) fn stop_contact(t: &Text, i: usize) -> Option<usize> {
    // "refrain from calling", "refrain from further contact".
    let refrain = t.is(i, &["refrain", "refrains"]) && t.at(i + 1) == "from";
    if !(t.is(i, &STOP_VERBS) || refrain) || t.ends(i) {
        return None;
    }
    // "end" and "cancel" take only a plural or a determiner-led object ("end all calls").
    let j = t.skip(i + 1 + usize::from(refrain), &STOP_FILL, 4);
    let obj = t.at(j);
    // Slang: "stop hitting my line", "quit hitting me up".
    if obj == "hitting"
        && t.is(
            j + 1,
            &["me", "my", "us", "him", "her", "them", "their", "up"],
        )
    {
        return Some(j + 2);
    }
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
pub(super) fn negated_contact(t: &Text, i: usize) -> Option<(usize, usize)> {
    let w = t.at(i);
    let neg = matches!(
        w,
        "not" | "don't" | "dont" | "never" | "shouldn't" | "mustn't" | "nobody" | "noone"
    ) || (w == "longer" && t.prev(i) == "no");
    // "no one (from our company) contact them again": the person negated, then the verb.
    let no_one = w == "one" && t.prev(i) == "no" || matches!(w, "nobody" | "noone");
    if !neg && !no_one {
        return None;
    }
    let first = i;
    let i = if no_one {
        t.skip(
            i + 1,
            &[
                "from", "at", "of", "with", "our", "the", "this", "your", "company", "team",
                "office", "side", "staff", "business", "here", "else", "should", "is", "to",
                "ever", "again",
            ],
            5,
        ) - 1
    } else {
        i
    };
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
    let start = if no_one && w == "one" {
        first - 1
    } else if no_one {
        first
    } else if w == "longer" || auxiliary {
        i - 1
    } else {
        i
    };
    Some((start, j + 1))
}

/// A negated wish: "doesn't want to hear from us again", "no longer wishes to receive calls".
pub(super) fn negated_wish(t: &Text, i: usize) -> Option<(usize, usize)> {
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
pub(super) fn no_more(t: &Text, i: usize) -> Option<usize> {
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

/// The lead or their details as an object: "me", "their number", "this number", "my phone
/// number". One past the object.
pub(super) fn lead_object(t: &Text, i: usize) -> Option<usize> {
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
pub(super) fn removal(t: &Text, i: usize) -> Option<(usize, usize)> {
    let w = t.at(i);
    // "forget they exist", "forget about me", "forget I exist".
    if t.is(i, &["forget", "forgets"]) {
        let j = t.skip(i + 1, &["about", "that"], 1);
        if t.is(j, &["i", "they", "he", "she", "we"])
            && t.is(j + 1, &["exist", "exists", "existed", "ever"])
        {
            return Some((i, j + 2));
        }
        if j > i + 1 && is_person(t.at(j)) {
            return Some((i, j + 1));
        }
    }
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
