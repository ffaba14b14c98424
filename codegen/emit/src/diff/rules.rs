//! Comparing the cross-field rules of a request body.
//!
//! Rules have no names, so they are matched by what they check: a rule whose
//! canonical text appears on both sides is unchanged. A `max_len_if` whose
//! field and condition match but whose limit differs is reported as tightened
//! or loosened; any other difference is a removal plus an addition.

use crate::ir::{FieldPath, Rule, RuleKind};
use crate::words::{self, Style};

use super::display::Draft;
use super::uses::join;
use super::ChangeKind as K;

/// What a rule checks, in words, and how it is matched.
struct Canon<'r> {
    /// Full text (`order.invoice_number must be at most 27 characters long when …`).
    text: String,
    /// Text without a `max_len_if` limit, for pairing.
    key: String,
    /// The `max_len_if` limit.
    limit: Option<u32>,
    /// Fields concerned, joined (the reported path).
    paths: String,
    rule: &'r Rule,
}

fn paths(prefix: &str, list: &[FieldPath]) -> String {
    list.iter()
        .map(|p| join(prefix, &p.dotted()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A rule in the shared words ([`crate::words`]), its paths named from the
/// request body's root.
fn canon<'r>(prefix: &str, rule: &'r Rule) -> Canon<'r> {
    let text = words::rule_under(prefix, &rule.kind, Style::Plain);
    let (key, limit, concerned) = match &rule.kind {
        RuleKind::MaxLenIf {
            field,
            max_len,
            when,
        } => {
            // The same check under another limit pairs with this one.
            let unlimited = RuleKind::MaxLenIf {
                field: field.clone(),
                max_len: 0,
                when: when.clone(),
            };
            (
                words::rule_under(prefix, &unlimited, Style::Plain),
                Some(*max_len),
                join(prefix, &field.dotted()),
            )
        }
        RuleKind::RequiredIf { fields, .. }
        | RuleKind::OnlyIf { fields, .. }
        | RuleKind::OneOfRequired { fields }
        | RuleKind::DependsOnAccount { fields } => (text.clone(), None, paths(prefix, fields)),
        RuleKind::SumEquals { equals: field, .. } | RuleKind::NotGreaterThan { field, .. } => {
            (text.clone(), None, join(prefix, &field.dotted()))
        }
    };
    Canon {
        text,
        key,
        limit,
        paths: concerned,
        rule,
    }
}

fn docs_only(rule: &Rule) -> bool {
    matches!(rule.kind, RuleKind::DependsOnAccount { .. })
}

/// Compare the rules of one request body; `prefix` is the body's path.
pub fn compare_rules(prefix: &str, base: &[Rule], head: &[Rule]) -> Vec<Draft> {
    let mut b: Vec<Canon<'_>> = base.iter().map(|r| canon(prefix, r)).collect();
    let mut h: Vec<Canon<'_>> = head.iter().map(|r| canon(prefix, r)).collect();
    let mut out = Vec::new();

    // Identical checks: at most a changed source quote.
    b.retain(|bc| {
        let Some(k) = h.iter().position(|hc| hc.text == bc.text) else {
            return true;
        };
        let hc = h.remove(k);
        if hc.rule.source != bc.rule.source {
            out.push(
                Draft::new(
                    K::DocChanged,
                    hc.paths.clone(),
                    format!("{} source changed", hc.rule.kind.spec_name()),
                    "Documentation only.",
                )
                .values(Some(bc.rule.source.clone()), Some(hc.rule.source.clone()))
                .at(&hc.rule.loc),
            );
        }
        false
    });

    // Same max_len_if field and condition, other limit.
    b.retain(|bc| {
        let Some(k) = h.iter().position(|hc| hc.limit.is_some() && hc.key == bc.key) else {
            return true;
        };
        let hc = h.remove(k);
        let (bl, hl) = (bc.limit.unwrap_or(0), hc.limit.unwrap_or(0));
        let (kind, verb, why) = if hl < bl {
            (K::RuleTightened, "tightened", "values that passed before are now rejected by validation")
        } else {
            (K::RuleLoosened, "loosened", "values validation rejected before are now sent; the provider may still reject them")
        };
        out.push(
            Draft::new(kind, hc.paths.clone(), format!("conditional max length {verb} {bl} → {hl}"), format!("{}: {why}.", hc.text))
                .values(Some(bc.text.clone()), Some(hc.text.clone()))
                .at(&hc.rule.loc),
        );
        false
    });

    for bc in &b {
        let (kind, message) = if docs_only(bc.rule) {
            (
                K::DocsOnlyRuleChanged,
                "Documentation only: this rule was never checked.".to_owned(),
            )
        } else {
            (
                K::RuleRemoved,
                "Validation no longer checks this: requests it rejected are now sent, and the provider may still reject them.".to_owned(),
            )
        };
        out.push(
            Draft::new(
                kind,
                bc.paths.clone(),
                format!("rule removed: {}", bc.text),
                message,
            )
            .values(Some(bc.text.clone()), None)
            .at(&bc.rule.loc),
        );
    }
    for hc in &h {
        let (kind, message) = if docs_only(hc.rule) {
            (
                K::DocsOnlyRuleChanged,
                format!(
                    "Documentation only (depends on account setup, not checked): {:?}",
                    hc.rule.source
                ),
            )
        } else {
            (
                K::RuleAdded,
                format!(
                    "Validation now rejects requests that break this rule, which were accepted before; callers building such requests get a validation error. Source: {:?}",
                    hc.rule.source
                ),
            )
        };
        out.push(
            Draft::new(
                kind,
                hc.paths.clone(),
                format!("rule added: {}", hc.text),
                message,
            )
            .values(None, Some(hc.text.clone()))
            .at(&hc.rule.loc),
        );
    }
    out
}
