//! The word classes and word lists the grammar reads: contact words, negations, people,
//! lists, stop and removal verbs, SMS keywords.

/// Contact: the verbs and nouns of reaching a person.
pub(super) fn is_contact(w: &str) -> bool {
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
pub(super) fn is_wish_contact(w: &str) -> bool {
    is_contact(w) && !w.starts_with("phon") && !w.starts_with("ring") && !w.starts_with("dial")
        || w == "hear"
}

/// Contact as a noun ("no more calls", "further contact").
pub(super) fn is_contact_noun(w: &str) -> bool {
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

pub(super) fn is_negation(w: &str) -> bool {
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

pub(super) fn is_person(w: &str) -> bool {
    matches!(
        w,
        "me" | "us" | "them" | "him" | "her" | "myself" | "themselves" | "himself" | "herself"
    )
}

pub(super) fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "my" | "their" | "his" | "her" | "our" | "your" | "this" | "that" | "the" | "these"
    )
}

pub(super) fn is_detail(w: &str) -> bool {
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

pub(super) fn is_list(w: &str) -> bool {
    matches!(
        w,
        "list"
            | "lists"
            | "lsit"
            | "lits"
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

pub(super) const STOP_VERBS: [&str; 23] = [
    "stop",
    "stp",
    "sotp",
    "stopp",
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

pub(super) const STOP_FILL: [&str; 34] = [
    "all",
    "being",
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

pub(super) const REMOVE_VERBS: [&str; 38] = [
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

pub(super) const OFF_VERBS: [&str; 14] = [
    "take", "takes", "took", "taking", "get", "gets", "getting", "cross", "crosses", "crossed",
    "pull", "pulls", "pulled", "strike",
];

pub(super) const PARTICIPLES: [&str; 14] = [
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

pub(super) const SMS_KEYWORDS: [&str; 9] = [
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
