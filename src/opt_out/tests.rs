//! Tests of the opt-out grammar.

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

#[test]
fn catches_the_round_three_misses() {
    for text in [
        "The lead is unqualified or asks to stop being contacted.",
        "Lead declines and asks that no one from our company contact them again.",
        "Lead says they will file a complaint unless the calls stop.",
        "Not interested; wants us to forget they exist.",
        "Lead says if we call again they will contact their lawyer.",
        "Homeowner threatens to report us to the FCC for the calls.",
        "Lead says yo stop hitting my line.",
        "Lead asks us to stp calling.",
        "Lead asks to be removed from the calling lsit.",
        "Lead responds \"remove\" to our text.",
        "Lead says kindly refrain from calling.",
        "Lead wants us to refrain from further contact.",
        "Lead says I'm calling my attorney.",
    ] {
        assert!(!caught(text).is_empty(), "{text}");
    }
}

#[test]
fn leaves_the_round_three_look_alikes_alone() {
    for text in [
        "Lead hung up mid-call; not a request to stop contact.",
        "Lead says the HOA sends too many emails.",
        "Lead asks us to call their attorney about the closing.",
        "Lead says their lawyer will call us with questions.",
        "Not interested, unless they ask to stop calling; those go to opt-out.",
        "Lead asks us to remove the lockbox.",
        "Lead says forget about the offer, they will think it over.",
        "Lead says to stop by the office on Tuesday.",
    ] {
        assert!(caught(text).is_empty(), "{text}: {:?}", caught(text));
    }
}
