use super::*;

fn fmt(s: &str) -> String {
    format_text(s).unwrap_or_else(|e| panic!("{e}: {s}"))
}

#[test]
fn smoke() {
    let src = "# head\n\nbot: # b\n  direction: outbound\n  name: 'Sel # x'   # n\nversion: 1\noutcomes:\n  # c1\n  opt-out:\n    notify: {}\n    analysis_criteria: |\n      line # not comment\n      two\n    # after block\n    actions:\n      - # item\n        type: tag\n        name: x\n      - {text: 'hi', # in flow\n         type: note}\n  successful-transfer: {notify: {owner: true, emails: [a@b.co, \"+1\"]}}\n# end\n";
    let out = fmt(src);
    eprintln!("{out}");
    assert_eq!(fmt(&out), out);
}
