//! `samictl rules` and `samictl explain RULE`.

use super::context::{Context, EXIT_OK, Failure, emit, exit};
use samictl::render::human::Palette;
use samictl::render::rules;
use samictl::rules::{RULES, Rule};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  samictl rules\n  samictl explain locked-action-mismatch")]
pub struct ExplainArgs {
    /// The rule id, as printed in brackets: `error[RULE]`.
    #[arg(value_name = "RULE", value_parser = RuleId, hide_possible_values = true)]
    pub rule: String,
}

/// Any text as a rule id (an unknown one gets a "did you mean" below), with the rule ids as
/// possible values so shell completion offers them.
#[derive(Clone, Debug)]
struct RuleId;

impl clap::builder::TypedValueParser for RuleId {
    type Value = String;

    fn parse_ref(
        &self,
        _cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        Ok(value.to_string_lossy().into_owned())
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            RULES
                .iter()
                .map(|r| clap::builder::PossibleValue::new(r.id)),
        ))
    }
}

pub fn list(ctx: &Context) -> Result<ExitCode, Failure> {
    emit(&ctx.fit(&rules::list(&ctx.layout())))?;
    Ok(exit(EXIT_OK))
}

pub fn explain(ctx: &Context, args: &ExplainArgs) -> Result<ExitCode, Failure> {
    let Some(rule) = Rule::from_id(&args.rule) else {
        let ids = RULES.iter().map(|r| r.id);
        let hint = match samictl::values::did_you_mean(&args.rule, ids) {
            Some(id) => format!("did you mean `{id}`? `samictl rules` lists every rule"),
            None => "`samictl rules` lists every rule".to_owned(),
        };
        return Err(Failure::new(format!("unknown rule `{}`", args.rule)).with_hint(hint));
    };
    emit(&ctx.fit(&rules::explain_at(
        rule.info(),
        &Palette::new(ctx.color),
        usize::from(ctx.width.unwrap_or(100)),
    )))?;
    Ok(exit(EXIT_OK))
}
