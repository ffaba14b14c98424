//! A struct's cross-field rules (`rules:`), evaluated on its decoded JSON
//! with the paths and messages of the generated checks.

use payspec_codegen_core::ir::{
    Condition, ConditionTest, FieldPath, Literal, PathStep, Rule, RuleKind,
};
use payspec_codegen_core::words::{self, Style};
use payspec_runtime::validation::Validator;
use serde_json::Value;

use super::join;

/// Reports where `value` (a struct rooted at `at`) breaks `rule`.
pub(super) fn check(rule: &Rule, value: &Value, at: &str, v: &mut Validator) {
    let fail = |v: &mut Validator, path: &str, message: String| {
        v.fail(&join(at, path), rule.kind.spec_name(), message);
    };
    match &rule.kind {
        RuleKind::RequiredIf { fields, when } => {
            if holds(when, value) {
                let message = format!("is required when {}", words::condition(when, Style::Plain));
                for leaf in fields.iter().flat_map(|f| leaves(value, &f.steps)) {
                    if leaf.optional && !leaf.element && leaf.value.is_none() {
                        fail(v, &leaf.path, message.clone());
                    }
                }
            }
        }
        RuleKind::OnlyIf { fields, when } => {
            if !holds(when, value) {
                let message = format!(
                    "may only be sent when {}",
                    words::condition(when, Style::Plain)
                );
                for leaf in fields.iter().flat_map(|f| leaves(value, &f.steps)) {
                    if leaf.value.is_some() {
                        fail(v, &leaf.path, message.clone());
                    }
                }
            }
        }
        RuleKind::OneOfRequired { fields } => {
            // A mandatory candidate is always there: the rule always holds.
            let always = fields.iter().any(|f| f.steps.iter().all(|s| !s.optional));
            if !always && fields.iter().all(|f| get(value, f).is_none()) {
                if let Some(first) = fields.first() {
                    fail(v, &first.dotted(), words::rule(&rule.kind, Style::Plain));
                }
            }
        }
        RuleKind::MaxLenIf {
            field,
            max_len,
            when,
        } => {
            if holds(when, value) {
                for leaf in leaves(value, &field.steps) {
                    let Some(len) = leaf
                        .value
                        .and_then(Value::as_str)
                        .map(|s| s.chars().count())
                    else {
                        continue;
                    };
                    if len > *max_len as usize {
                        let message = format!(
                            "is {len} characters long; at most {max_len} are allowed when {}",
                            words::condition(when, Style::Plain)
                        );
                        fail(v, &leaf.path, message);
                    }
                }
            }
        }
        RuleKind::NotGreaterThan { field, than } => {
            let Some(bound) = get(value, than).and_then(Value::as_i64) else {
                return;
            };
            for leaf in leaves(value, &field.steps) {
                if let Some(n) = leaf.value.and_then(Value::as_i64).filter(|n| *n > bound) {
                    let message =
                        format!("is {n}, which is greater than {} ({bound})", than.dotted());
                    fail(v, &leaf.path, message);
                }
            }
        }
        RuleKind::SumEquals {
            array,
            multiply,
            equals,
        } => {
            let (Some(expected), Some(items)) = (
                get(value, equals).and_then(Value::as_i64),
                get(value, array).and_then(Value::as_array),
            ) else {
                return;
            };
            let factors: Vec<String> = multiply.iter().map(FieldPath::dotted).collect();
            let what = format!("{} over {}", factors.join(" × "), array.dotted());
            match sum_of_products(items, multiply) {
                // A factor absent from some item: the total is not known.
                Sum::Incomplete => {}
                Sum::Overflow => fail(
                    v,
                    &equals.dotted(),
                    format!("the sum of {what} overflows a 64-bit integer"),
                ),
                Sum::Total(sum) if sum != expected => fail(
                    v,
                    &equals.dotted(),
                    format!("is {expected}, but the sum of {what} is {sum}"),
                ),
                Sum::Total(_) => {}
            }
        }
        // Documented on the struct; the request alone cannot show it.
        RuleKind::DependsOnAccount { .. } => {}
    }
}

enum Sum {
    Total(i64),
    Overflow,
    Incomplete,
}

fn sum_of_products(items: &[Value], multiply: &[FieldPath]) -> Sum {
    let mut sum = Some(0_i64);
    for item in items {
        let mut product = Some(1_i64);
        for m in multiply {
            let Some(factor) = get(item, m).and_then(Value::as_i64) else {
                return Sum::Incomplete;
            };
            product = product.and_then(|p| p.checked_mul(factor));
        }
        sum = sum.zip(product).and_then(|(s, p)| s.checked_add(p));
    }
    sum.map_or(Sum::Overflow, Sum::Total)
}

/// The value at a path without `[]` steps; `None` when a step is absent.
fn get<'v>(root: &'v Value, path: &FieldPath) -> Option<&'v Value> {
    path.steps
        .iter()
        .try_fold(root, |at, step| at.get(&step.wire_name))
}

/// Whether `c` holds on `root`.
fn holds(c: &Condition, root: &Value) -> bool {
    let value = get(root, &c.field);
    match &c.test {
        ConditionTest::Present(present) => value.is_some() == *present,
        ConditionTest::OneOf(values) => value.is_some_and(|v| values.iter().any(|l| equals(l, v))),
        ConditionTest::AbsentOrOneOf(values) => {
            value.map_or(true, |v| values.iter().any(|l| equals(l, v)))
        }
    }
}

fn equals(literal: &Literal, value: &Value) -> bool {
    match literal {
        Literal::String(s) => value.as_str() == Some(s),
        Literal::Integer(i) => value.as_i64() == Some(*i),
        Literal::Boolean(b) => value.as_bool() == Some(*b),
        Literal::EnumValue { wire, .. } => value.as_str() == Some(wire),
    }
}

/// An end of a rule's path: its JSON path and value (if present).
struct Leaf<'v> {
    path: String,
    value: Option<&'v Value>,
    /// The last field is optional.
    optional: bool,
    /// The last step is an array element (`[]`).
    element: bool,
}

/// Every end of `steps` from `root`: `[]` steps visit every element, an
/// absent optional parent ends the walk there.
fn leaves<'v>(root: &'v Value, steps: &[PathStep]) -> Vec<Leaf<'v>> {
    let mut out = Vec::new();
    walk(Some(root), steps, String::new(), &mut out);
    out
}

fn walk<'v>(at: Option<&'v Value>, steps: &[PathStep], path: String, out: &mut Vec<Leaf<'v>>) {
    let (Some(step), Some(at)) = (steps.first(), at) else {
        return;
    };
    let rest = &steps[1..];
    let here = join(&path, &step.wire_name);
    let value = at.get(&step.wire_name);
    if step.each {
        for (i, item) in value
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let element = format!("{here}[{i}]");
            if rest.is_empty() {
                out.push(Leaf {
                    path: element,
                    value: Some(item),
                    optional: false,
                    element: true,
                });
            } else {
                walk(Some(item), rest, element, out);
            }
        }
    } else if rest.is_empty() {
        out.push(Leaf {
            path: here,
            value,
            optional: step.optional,
            element: false,
        });
    } else {
        walk(value, rest, here, out);
    }
}
