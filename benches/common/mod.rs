//! The seeded bot-file generator shared by the benchmarks (`validate`, `fleet`): the same
//! realistic files of about 3 KB, so figures compare across benches.

/// A small seeded generator (xorshift64*), so every run validates the same files.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const FIRST: [&str; 6] = ["Seller", "Buyer", "Expired", "FSBO", "Probate", "Investor"];
const SECOND: [&str; 5] = [
    "Outreach",
    "Inbound",
    "Nurture",
    "Reactivation",
    "Follow-up",
];
const TAGS: [&str; 6] = [
    "hot-lead",
    "opted-out",
    "wrong-person",
    "not now",
    "agent:listed",
    "renting/only",
];
const DUE: [&str; 5] = ["15m", "1h", "4h", "2d", "7d"];

/// One bot file of about 3 KB, valid, with every card and a realistic mix of actions.
pub fn bot(rng: &mut Rng, i: usize) -> String {
    let direction = rng.pick(&["outbound", "inbound", "both", "outbound"]);
    let mut s = format!(
        "# {0} {1} #{i}: generated for the samictl benchmark.\n# Owner: RevOps. Review changes with `samictl diff`.\nversion: 1\nbot:\n  name: \"{0} {1} {i}\"\n  direction: {direction}\n\noutcomes:\n",
        rng.pick(&FIRST),
        rng.pick(&SECOND)
    );
    let team = rng.below(40);
    s.push_str(&format!(
        "  # Warm-transferred to an agent who answered.\n  successful-transfer:\n    mid_call:\n      wrap_up: \"Great, connecting you with {{{{ contact.owner }}}} now.\"\n    actions:\n      - type: note\n        text: \"Transferred. Summary: {{{{ call.summary }}}}\"\n      - type: tag\n        name: {}\n    notify:\n      owner: true\n\n",
        rng.pick(&TAGS)
    ));
    s.push_str(&format!(
        "  # A transfer was tried and nobody picked up.\n  missed-transfer:\n    mid_call:\n      wrap_up: \"Looks like they stepped away. Someone will call you back shortly.\"\n    actions:\n      - type: task\n        title: \"Call back {{{{ contact.first_name }}}}: missed transfer\"\n        due_in: {}\n    notify:\n      owner: true\n      emails: [team{team}@acme-realty.com, lead{team}@acme-realty.com]\n      phones: [\"+1512555{:04}\"]\n\n",
        rng.pick(&DUE),
        rng.below(10_000)
    ));
    s.push_str("  # Qualified, but wants a specific time first.\n  needs-follow-up:\n    analysis_criteria: \"The lead is qualified and names a specific day or time to talk again.\"\n    mid_call:\n      wrap_up: \"Perfect, we'll call you at {{ requested_time }}.\"\n      confirm_time: true\n    actions:\n      - type: note\n        text: \"Follow-up requested for {{ requested_time }}.\"\n      - type: task\n        title: \"Follow up with {{ contact.first_name }} {{ contact.last_name }}\"\n        due_in: requested-time\n    notify:\n      owner: true\n\n");
    s.push_str("  # Asked to be called back later; SAMI calls back by itself.\n  contact-later:\n    analysis_criteria: \"The lead asks to be called back at another time without naming a specific one.\"\n    mid_call:\n      wrap_up: \"No problem, we'll reach out again then. Thanks for your time!\"\n      confirm_time: true\n    actions:\n      - type: note\n        text: \"Asked to be contacted again at {{ requested_time }}.\"\n\n");
    s.push_str("  # Asked not to be contacted again (TCPA).\n  opt-out:\n    mid_call:\n      wrap_up: \"Understood. You won't hear from us again.\"\n    actions:\n      - type: do-not-contact-all-channels\n      - type: tag\n        name: opted-out\n\n");
    s.push_str(&format!(
        "  # Pushed back several times without a clear opt-out.\n  not-interested:\n    analysis_criteria: \"Four or more objections and no explicit request to stop.\"\n    mid_call:\n      max_objections: {}\n\n",
        1 + rng.below(10)
    ));
    s.push_str(&format!(
        "  # Confirmed a dealbreaker: already sold, committed agent, renting only.\n  unqualified:\n    actions:\n      - type: tag\n        name: \"{}\"\n      - type: task\n        title: \"Review {{{{ contact.first_name }}}}'s record\"\n        due_in: {}\n        assignee: ops{team}@acme-realty.com\n    notify:\n      emails: [ops{team}@acme-realty.com]\n\n",
        rng.pick(&TAGS),
        rng.pick(&DUE)
    ));
    s.push_str("  # Reached the wrong person.\n  bad-number:\n    analysis_criteria: \"The person who answered says they are not the contact, or the number belongs to a business.\"\n    actions:\n      - type: tag\n        name: bad-number\n      - type: note\n        text: \"Wrong number reached on {{ call.started_at }}.\"\n");
    s
}
