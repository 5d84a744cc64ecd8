//! The scope filters that set an intent aside: a negation before it, a sentence that excludes
//! or redirects stop requests, a limit in time or condition, a resumption, a third party, an
//! aside; [`kept`] is an intent that passes them all.

use super::lexicon::{is_contact_noun, is_negation};
use super::text::{Intent, Text};

/// Whether a negation in the clause, shortly before the intent, excludes it: "no explicit
/// request to stop calling", "without asking to be removed".
pub(super) fn negated(t: &Text, at: Intent) -> bool {
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
            // "not a request to stop contact": the article leads to what is negated.
            let request = [
                "request", "requests", "demand", "real", "clear", "genuine", "direct", "formal",
                "explicit",
            ];
            if matches!(next, "a" | "an" | "the") && t.is(j + 2, &request) {
                return true;
            }
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
pub(super) fn excluding_sentence(t: &Text, s: usize, e: usize) -> bool {
    for i in s..e {
        let w = t.at(i);
        let next = t.at(i + 1);
        let strong = match w {
            // "unless the calls stop", "unless we stop calling": a condition on us (a
            // threat), not an exclusion of requests.
            "unless" => {
                let j = t.skip(
                    i + 1,
                    &["the", "these", "all", "your", "those", "we", "you"],
                    2,
                );
                !(is_contact_noun(t.at(j))
                    || t.is(j, &["stop", "quit", "cease"]) && t.is(i + 1, &["we", "you"]))
            }
            "exclude" | "excludes" | "excluding" | "excepting" | "except" | "excepted" => true,
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
pub(super) fn scoped(t: &Text, at: Intent) -> bool {
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
            && !t.is(i + 2, &["reason"])
            && !is_contact_noun(t.at(i + 2)))
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
pub(super) fn resumed(t: &Text, at: Intent, s_end: usize) -> bool {
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
pub(super) fn third_party(t: &Text, at: Intent) -> bool {
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
        "hoa",
        "bank",
        "lender",
        "insurer",
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
pub(super) fn aside(t: &Text, s: usize, e: usize) -> bool {
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

pub(super) fn kept(t: &Text, at: Intent) -> bool {
    let (s, e) = t.sentence(at.start);
    !(negated(t, at)
        || excluding_sentence(t, s, e)
        || scoped(t, at)
        || resumed(t, at, e)
        || third_party(t, at)
        || aside(t, s, e))
}
