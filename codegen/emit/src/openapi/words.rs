//! Decision-table cells in words, for the Markdown docs (rules and literals
//! are worded by [`crate::words`]).

use crate::words::literal;

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
