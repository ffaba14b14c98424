//! Decision tables (`decisions:`) evaluated from the IR: the rows of the
//! table in order, first match wins, else its `otherwise` — what the query
//! function generated from the same table returns.

use payspec_codegen_core::ir::{
    Decision, DecisionInput, DecisionMatch, DecisionType, Literal, Provider,
};

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
                DecisionMatch::AnyOf(values) => {
                    given.is_some_and(|g| values.iter().any(|l| is(l, &g)))
                }
                DecisionMatch::NoneOf(values) => {
                    !given.is_some_and(|g| values.iter().any(|l| is(l, &g)))
                }
            }
        })
    });
    Ok(row
        .map(|r| &r.then)
        .or(d.otherwise.as_ref())
        .and_then(output))
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
        (DecisionType::Enum(name), DecisionValue::Wire(w)) => Ok(Some(DecisionValue::Wire(
            crate::body::canonical_wire(provider, name, w),
        ))),
        _ => Err(DecisionError::WrongKind(input.name.clone())),
    }
}

fn is(literal: &Literal, value: &DecisionValue) -> bool {
    match (literal, value) {
        (Literal::Boolean(a), DecisionValue::Bool(b)) => a == b,
        (Literal::EnumValue { wire, .. } | Literal::String(wire), DecisionValue::Wire(w)) => {
            wire == w
        }
        _ => false,
    }
}

fn output(literal: &Literal) -> Option<DecisionValue> {
    match literal {
        Literal::Boolean(b) => Some(DecisionValue::Bool(*b)),
        Literal::EnumValue { wire, .. } | Literal::String(wire) => {
            Some(DecisionValue::Wire(wire.clone()))
        }
        Literal::Integer(_) => None,
    }
}

#[cfg(test)]
mod tests {
    //! Every decision table of `spec/`, on every combination of its inputs
    //! (each boolean, each documented enum value and alias, an undocumented
    //! value, absent, the wrong kind), gives what the function generated from
    //! it gives (through the compiled `payspec` crate, a dev-dependency only).

    use payspec::registry::{self, DecisionValue as Generated};
    use payspec_codegen_core::ir::DecisionType;

    use super::{evaluate, DecisionValue};

    fn to_generated(v: &DecisionValue) -> Generated {
        match v {
            DecisionValue::Bool(b) => Generated::Bool(*b),
            DecisionValue::Wire(w) => Generated::Wire(w.clone()),
        }
    }

    #[test]
    fn decision_tables_answer_as_the_generated_functions() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
        let ir = payspec_codegen_core::lower::load_dir(&dir)
            .expect("the real specs load")
            .ir;
        let mut compared = 0;
        for provider in &ir.providers {
            for d in &provider.decisions {
                let info = registry::decision(&provider.name, &d.name).expect("generated");
                // The choices of every input, absent (`None`) included.
                let choices: Vec<Vec<Option<DecisionValue>>> = d
                    .inputs
                    .iter()
                    .map(|input| {
                        let mut values = vec![None];
                        match &input.ty {
                            DecisionType::Boolean => {
                                values.push(Some(DecisionValue::Bool(true)));
                                values.push(Some(DecisionValue::Bool(false)));
                                values.push(Some(DecisionValue::Wire("true".into())));
                            }
                            DecisionType::Enum(name) => {
                                let e = provider
                                    .enums
                                    .iter()
                                    .find(|e| &e.name == name)
                                    .expect("enum");
                                for v in &e.values {
                                    values.push(Some(DecisionValue::Wire(v.wire.clone())));
                                    values.extend(
                                        v.aliases
                                            .iter()
                                            .map(|a| Some(DecisionValue::Wire(a.clone()))),
                                    );
                                }
                                values.push(Some(DecisionValue::Wire("NOT_DOCUMENTED".into())));
                                values.push(Some(DecisionValue::Bool(true)));
                            }
                        }
                        values
                    })
                    .collect();
                let total: usize = choices.iter().map(Vec::len).product();
                for n in 0..total {
                    let mut rest = n;
                    let picked: Vec<Option<DecisionValue>> = choices
                        .iter()
                        .map(|c| {
                            let v = c[rest % c.len()].clone();
                            rest /= c.len();
                            v
                        })
                        .collect();
                    let lookup = |name: &str| {
                        let i = d.inputs.iter().position(|input| input.name == name)?;
                        picked[i].clone()
                    };
                    let ours = evaluate(provider, d, &lookup);
                    let theirs =
                        (info.evaluate)(&|name: &str| lookup(name).as_ref().map(to_generated));
                    assert_eq!(
                        ours.as_ref()
                            .map(|v| v.as_ref().map(to_generated))
                            .map_err(ToString::to_string),
                        theirs.map_err(|e| e.to_string()),
                        "{} {} with {picked:?}",
                        provider.name,
                        d.name
                    );
                    compared += 1;
                }
            }
        }
        assert!(compared > 50, "only {compared} combinations");
    }
}
