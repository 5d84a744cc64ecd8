//! One target over the whole library: load and validate any bytes, then run everything that
//! reads a result (every renderer, simulation, show, diff, recording, editing) and check the
//! invariants that must hold for any input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use samictl::behaviour;
use samictl::config::Settings;
use samictl::edit::{Edit, Op, apply};
use samictl::model::Action;
use samictl::outcome::{Direction, Outcome};
use samictl::product::{Channel, LockedAction};
use samictl::render::{self, FileReport, human::Palette, tables::Layout};
use samictl::simulate::{Fired, simulate, simulate_all};
use samictl::validate::{check, check_bytes, check_tree, findings};

fuzz_target!(|data: &[u8]| {
    let settings = Settings::default();
    let checked = check_bytes(data, &settings);
    // A file gives a bot, or at least one error: never a silent failure.
    assert!(checked.bot.is_some() || checked.has_errors());
    for d in &checked.diagnostics {
        assert!(d.pos.line >= 1 && d.pos.column >= 1);
    }
    // `validate`'s fast path reports exactly what the full check does.
    assert_eq!(findings(data, &settings), checked.diagnostics);
    if let Ok(text) = std::str::from_utf8(data) {
        let full = samictl::yaml::parse(text);
        assert_eq!(
            full.clone().map(|n| n.without_positions()),
            samictl::yaml::parse_unpositioned(text)
        );
        // The fast path reads a file exactly as serde-saphyr does, every line, column and
        // length included, or leaves it to it.
        if let Some(plain) = samictl::yaml::parse_plain(text) {
            assert_eq!(Ok(plain), full);
        }
        // So does the hand-written scanner parse_plain tries first, on its own.
        if let Some(scanned) = samictl::yaml::parse_scanned(text) {
            assert_eq!(Ok(scanned), full);
        }
        fix_is_idempotent(text, &settings);
        // serde-saphyr's reading gives the same findings, at the same lines and columns.
        if let Ok(root) = &full {
            assert_eq!(check_tree(text, root, &settings).diagnostics, checked.diagnostics);
        }
        // Formatting (docs/spec 18) refuses only what doesn't read, or keeps every value,
        // every finding and what the bot does, and is idempotent.
        match samictl::fmt::format_text(text) {
            Ok(formatted) => {
                assert_eq!(samictl::fmt::format_text(&formatted).as_ref(), Ok(&formatted));
                let after = check(&formatted, &settings);
                let rules = |c: &samictl::validate::Checked| {
                    let mut r: Vec<_> = c.diagnostics.iter().map(|d| d.rule).collect();
                    r.sort_by_key(|r| r.id());
                    r
                };
                assert_eq!(rules(&after), rules(&checked));
                if let (Some(a), Some(b)) = (&checked.bot, &after.bot) {
                    for outcome in Outcome::ALL {
                        let fires = |bot| simulate(bot, outcome, None).fires().cloned().collect::<Vec<Fired>>();
                        assert_eq!(fires(a), fires(b));
                    }
                }
            }
            Err(samictl::fmt::FormatError::Syntax(_)) => assert!(full.is_err()),
            Err(samictl::fmt::FormatError::Unsupported { .. }) => {}
        }
    }

    let text = String::from_utf8_lossy(data);
    let report = FileReport::new("fuzz.yaml".into(), &text, checked.diagnostics.clone());
    let reports = [report];
    for color in [false, true] {
        let _ = render::human::validate_report(&reports, &Palette::new(color));
    }
    let json = render::json::validate_report(&reports);
    assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok());
    let _ = render::sarif::validate_report(&reports);
    let _ = render::github::validate_report(&reports);
    let _ = render::junit::validate_report(&reports);
    let _ = behaviour::parse(&text);

    let Some(bot) = &checked.bot else { return };
    let layout = Layout { color: false, width: Some(80) };
    let _ = render::show::collapsed(bot, &layout);
    let _ = render::show::expanded(bot, &Outcome::ALL, &layout);
    for direction in [None, Some(Direction::Inbound), Some(Direction::Outbound), Some(Direction::Both)] {
        let sims = simulate_all(bot, direction);
        let _ = render::simulation::matrix(&sims, &layout);
        for sim in &sims {
            let _ = render::simulation::single(sim, Some("fuzz.yaml"), &layout);
            let _ = serde_json::to_string(&sim.to_json()).unwrap();
            let fired: Vec<&Fired> = sim.fires().collect();
            // Opt-out always starts with do-not-contact, on every bot.
            if sim.outcome == Outcome::OptOut {
                assert_eq!(fired.first(), Some(&&Fired::Action(Action::Locked(LockedAction::DoNotContactAllChannels))));
            }
            let enrollment = fired.iter().filter(|f| matches!(f, Fired::Action(Action::Locked(l)) if l.is_enrollment_lock())).count();
            assert_eq!(enrollment, usize::from(sim.direction.is_outbound_capable()));
            if matches!(sim.outcome, Outcome::OptOut | Outcome::NotInterested | Outcome::ContactLater) {
                assert!(!fired.iter().any(|f| matches!(f, Fired::NotifyOwner | Fired::NotifyEmail { .. } | Fired::NotifyPhone { .. })));
            }
        }
    }
    // A bot behaves like itself.
    assert!(samictl::behaviour_diff::diff(bot, bot).is_empty());
    // Its recording parses and passes.
    let recorded = behaviour::record(bot, "fuzz.yaml", None);
    let expectations = behaviour::parse(&recorded).unwrap();
    for case in &expectations.cases {
        assert!(behaviour::run_case(bot, case).passed());
    }
    // An edit either is refused or gives a file that validates.
    if let Ok(source) = std::str::from_utf8(data) {
        for (outcome, op, channel) in [
            (Outcome::OptOut, Op::AddAction(Action::Tag { name: "fuzz".into() }), Channel::Call),
            (Outcome::Unqualified, Op::SetNotifyOwner(true), Channel::Call),
            (Outcome::BadNumber, Op::SetCriteria(Some("a: b # c".into())), Channel::Call),
            (Outcome::MissedTransfer, Op::RemoveAction(0), Channel::Call),
            (Outcome::NotInterested, Op::AddAction(Action::Tag { name: "fuzz".into() }), Channel::Sms),
            (Outcome::NeedsFollowUp, Op::SetNotifyOwner(true), Channel::Sms),
        ] {
            if let Ok(applied) = apply(source, &Edit { outcome, op, channel }, &settings) {
                assert_eq!(check(&applied.text, &settings).bot, Some(applied.bot));
            }
        }
    }
    let _ = simulate(bot, Outcome::OptOut, None);
});

/// `fix` reaches its fixed point in one run (docs/spec 13, issue 32): fixing the fixed text
/// changes nothing, with and without unsafe fixes.
fn fix_is_idempotent(text: &str, settings: &Settings) {
    for include_unsafe in [false, true] {
        let once = samictl::fix::fix_text(text, settings, include_unsafe);
        let twice = samictl::fix::fix_text(&once.text, settings, include_unsafe);
        assert_eq!(twice.text, once.text, "a second fix changed the file");
    }
}
