//! Decision tables (`decisions:`) evaluated from the IR: the rows of the
//! table in order, first match wins, else its `otherwise` — what the query
//! function generated from the same table returns.

use payspec_codegen_core::ir::{Decision, DecisionInput, DecisionMatch, DecisionType, Literal, Provider};

/// A decision's input or result: a boolean, or an enum's wire value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecisionValue {
    /// A boolean input or result.
    Bool(bool),
    /// An enum input or result, as sent on the wire (`VOID`).
    Wire(String),
}

/// Why a decision could not be evaluated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecisionError {
    /// A required input was not given.
    MissingInput(String),
    /// An input was given as the wrong kind (a wire string for a boolean).
    WrongKind(String),
}

impl std::fmt::Display for DecisionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecisionError::MissingInput(name) => write!(f, "input `{name}` is missing"),
            DecisionError::WrongKind(name) => write!(f, "input `{name}` has the wrong kind"),
        }
    }
}

/// Decision table `name` of `provider`.
pub fn find<'p>(provider: &'p Provider, name: &str) -> Option<&'p Decision> {
    provider.decisions.iter().find(|d| d.name == name)
}

/// Evaluates `d` with the inputs `lookup` gives by name; `Ok(None)` when no
/// row matches and the table has no `otherwise`.
pub fn evaluate(
    provider: &Provider,
    d: &Decision,
    lookup: &dyn Fn(&str) -> Option<DecisionValue>,
) -> Result<Option<DecisionValue>, DecisionError> {
    let inputs = d
        .inputs
        .iter()
        .map(|input| read(provider, input, lookup))
        .collect::<Result<Vec<_>, _>>()?;
    let row = d.rows.iter().find(|row| {
        row.when.iter().all(|(i, m)| {
            let given = inputs.get(*i).cloned().flatten();
            match m {
                DecisionMatch::AnyOf(values) => given.is_some_and(|g| values.iter().any(|l| is(l, &g))),
                DecisionMatch::NoneOf(values) => !given.is_some_and(|g| values.iter().any(|l| is(l, &g))),
            }
        })
    });
    Ok(row.map(|r| &r.then).or(d.otherwise.as_ref()).and_then(output))
}

/// An input as the generated function receives it: required unless
/// optional, of its declared kind, an enum alias read as its value.
fn read(
    provider: &Provider,
    input: &DecisionInput,
    lookup: &dyn Fn(&str) -> Option<DecisionValue>,
) -> Result<Option<DecisionValue>, DecisionError> {
    let Some(value) = lookup(&input.name) else {
        return if input.optional {
            Ok(None)
        } else {
            Err(DecisionError::MissingInput(input.name.clone()))
        };
    };
    match (&input.ty, value) {
        (DecisionType::Boolean, DecisionValue::Bool(b)) => Ok(Some(DecisionValue::Bool(b))),
        (DecisionType::Enum(name), DecisionValue::Wire(w)) => {
            let canonical = provider
                .enums
                .iter()
                .find(|e| &e.name == name)
                .and_then(|e| e.values.iter().find(|x| x.wire == w || x.aliases.contains(&w)))
                .map_or(w, |x| x.wire.clone());
            Ok(Some(DecisionValue::Wire(canonical)))
        }
        _ => Err(DecisionError::WrongKind(input.name.clone())),
    }
}

fn is(literal: &Literal, value: &DecisionValue) -> bool {
    match (literal, value) {
        (Literal::Boolean(a), DecisionValue::Bool(b)) => a == b,
        (Literal::EnumValue { wire, .. } | Literal::String(wire), DecisionValue::Wire(w)) => wire == w,
        _ => false,
    }
}

fn output(literal: &Literal) -> Option<DecisionValue> {
    match literal {
        Literal::Boolean(b) => Some(DecisionValue::Bool(*b)),
        Literal::EnumValue { wire, .. } | Literal::String(wire) => Some(DecisionValue::Wire(wire.clone())),
        Literal::Integer(_) => None,
    }
}
