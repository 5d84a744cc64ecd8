//! CLI behaviour as data: every case under `tests/cmd/` runs the real binary and compares its
//! output and exit code. Refresh snapshots with `TRYCMD=overwrite cargo test --test it cli::`.

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .case("tests/cmd/*.toml")
        .case("tests/cmd/*.md");
}

/// Human output at given terminal widths: each case under `tests/cmd/width/` sets `COLUMNS`
/// itself (60, 80, 160 columns), so no width is set for all of them here.
#[test]
fn cli_cases_at_terminal_widths() {
    trycmd::TestCases::new()
        .env("NO_COLOR", "1")
        .case("tests/cmd/width/*.toml");
}
