//! Rules, conditions and literals in plain words, shared by the OpenAPI
//! export (a `description` on each rule) and the Markdown docs.

use crate::ir::{Condition, ConditionTest, FieldPath, Literal, RuleKind};

/// A literal in prose: strings quoted (`"IDR"`), enum values bare (`QRIS`).
pub fn literal(lit: &Literal) -> String {
    match lit {
        Literal::String(s) => format!("\"{s}\""),
        Literal::Integer(i) => i.to_string(),
        Literal::Boolean(b) => b.to_string(),
        // Enum values read as names (`QRIS`), not as free text.
        Literal::EnumValue { wire, .. } => wire.clone(),
    }
}

/// A path in backticks (`` `order.amount` ``).
pub fn path(p: &FieldPath) -> String {
    format!("`{}`", p.dotted())
}

/// `a`, `a` and `b`, `a`, `b` and `c` — with `last` as the final joiner.
fn list(items: &[String], last: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., end] => format!("{} {last} {end}", init.join(", ")),
    }
}

fn paths(ps: &[FieldPath], last: &str) -> String {
    list(&ps.iter().map(path).collect::<Vec<_>>(), last)
}

/// The condition as a clause (`` `order.auto_redirect` is true ``).
pub fn condition(c: &Condition) -> String {
    let field = path(&c.field);
    match &c.test {
        ConditionTest::Present(true) => format!("{field} is present"),
        ConditionTest::Present(false) => format!("{field} is absent"),
        ConditionTest::OneOf(values) => match values.as_slice() {
            [one] => format!("{field} is {}", literal_word(one)),
            many => format!(
                "{field} is one of {}",
                list(&many.iter().map(literal_word).collect::<Vec<_>>(), "or")
            ),
        },
        ConditionTest::AbsentOrOneOf(values) => format!(
            "{field} is absent or {}",
            list(&values.iter().map(literal_word).collect::<Vec<_>>(), "or")
        ),
    }
}

/// Booleans read as words; everything else as its wire value in backticks.
fn literal_word(lit: &Literal) -> String {
    match lit {
        Literal::Boolean(b) => b.to_string(),
        other => format!("`{}`", literal(other)),
    }
}

/// What `kind` requires, in one sentence without a final full stop.
pub fn rule(kind: &RuleKind) -> String {
    match kind {
        RuleKind::RequiredIf { fields, when } => {
            let verb = if fields.len() == 1 { "is" } else { "are" };
            format!("{} {verb} required when {}", paths(fields, "and"), condition(when))
        }
        RuleKind::OneOfRequired { fields } => {
            format!("at least one of {} must be present", paths(fields, "or"))
        }
        RuleKind::SumEquals { array, multiply, equals } => {
            let product = multiply.iter().map(path).collect::<Vec<_>>().join(" × ");
            format!(
                "the sum over every element of {} of {product} must equal {}",
                path(array),
                path(equals)
            )
        }
        RuleKind::MaxLenIf { field, max_len, when } => format!(
            "{} must be at most {max_len} characters long when {}",
            path(field),
            condition(when)
        ),
        RuleKind::NotGreaterThan { field, than } => {
            format!("{} must not be greater than {}", path(field), path(than))
        }
        RuleKind::OnlyIf { fields, when } => {
            let verb = if fields.len() == 1 { "is" } else { "are" };
            format!("{} {verb} allowed only when {}", paths(fields, "and"), condition(when))
        }
        RuleKind::DependsOnAccount { fields } => format!(
            "whether {} must be sent depends on the merchant's account configuration (not checked by payspec)",
            paths(fields, "and")
        ),
    }
}

/// A decision-table cell (`any`, `` `BNI`, `BRI` ``, `not `BCA``).
#[cfg(feature = "docs")] // only the docs emitter draws decision tables
pub fn decision_match(m: Option<&crate::ir::DecisionMatch>) -> String {
    use crate::ir::DecisionMatch;
    match m {
        None => "any".to_owned(),
        Some(DecisionMatch::AnyOf(values)) => values
            .iter()
            .map(|v| format!("`{}`", literal(v)))
            .collect::<Vec<_>>()
            .join(", "),
        Some(DecisionMatch::NoneOf(values)) => format!(
            "not {}",
            values
                .iter()
                .map(|v| format!("`{}`", literal(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}
