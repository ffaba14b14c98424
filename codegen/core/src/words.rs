//! Rules and field limits in words for people: the one wording the Rust
//! docs, the Markdown docs, the OpenAPI export, the diff and the generated
//! validation messages share, so a rule reads the same wherever it is shown.
//! (A format's words are the runtime's own, [`Format::describe`], which its
//! validation errors print too.)

use crate::ir::{Condition, ConditionTest, FieldPath, Format, Literal, RuleKind};

/// How paths and values are marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// In backticks: rustdoc, Markdown, OpenAPI descriptions.
    Code,
    /// As they are: the diff's plain values and validation messages.
    Plain,
}

impl Style {
    fn mark(self, text: &str) -> String {
        match self {
            Style::Code => format!("`{text}`"),
            Style::Plain => text.to_owned(),
        }
    }
}

/// A literal as a value: strings and enum values quoted as on the wire
/// (`"IDR"`, `"QRIS"`), numbers and booleans bare.
pub fn literal(lit: &Literal) -> String {
    match lit {
        Literal::String(s) => format!("{s:?}"),
        Literal::Integer(i) => i.to_string(),
        Literal::Boolean(b) => b.to_string(),
        Literal::EnumValue { wire, .. } => format!("{wire:?}"),
    }
}

/// A literal as a value, marked (`` `"IDR"` `` in [`Style::Code`]).
pub fn value(lit: &Literal, style: Style) -> String {
    style.mark(&literal(lit))
}

/// `a`, `a or b`, `a, b or c` — with `last` as the final joiner.
fn list(items: &[String], last: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., end] => format!("{} {last} {end}", init.join(", ")),
    }
}

/// Renders the paths of one rule: marked, and under a prefix (the diff names
/// a nested body's rules from its parent).
struct Paths<'a> {
    prefix: &'a str,
    style: Style,
}

impl Paths<'_> {
    fn one(&self, p: &FieldPath) -> String {
        self.style.mark(&if self.prefix.is_empty() {
            p.dotted()
        } else {
            format!("{}.{}", self.prefix, p.dotted())
        })
    }

    fn all(&self, ps: &[FieldPath], last: &str) -> String {
        list(&ps.iter().map(|p| self.one(p)).collect::<Vec<_>>(), last)
    }

    fn condition(&self, c: &Condition) -> String {
        let field = self.one(&c.field);
        let values = |values: &[Literal]| {
            let marked: Vec<String> = values.iter().map(|v| value(v, self.style)).collect();
            list(&marked, "or")
        };
        match &c.test {
            ConditionTest::Present(true) => format!("{field} is present"),
            ConditionTest::Present(false) => format!("{field} is absent"),
            ConditionTest::OneOf(v) if v.len() == 1 => format!("{field} is {}", values(v)),
            ConditionTest::OneOf(v) => format!("{field} is one of {}", values(v)),
            ConditionTest::AbsentOrOneOf(v) => format!("{field} is absent or {}", values(v)),
        }
    }
}

/// The condition as a clause (`` `order.channel` is `"CARD"` ``).
pub fn condition(c: &Condition, style: Style) -> String {
    Paths { prefix: "", style }.condition(c)
}

/// What a rule requires, in one sentence starting in lower case, without a
/// final full stop.
pub fn rule(kind: &RuleKind, style: Style) -> String {
    rule_under("", kind, style)
}

/// [`rule`] with every path of the body named under `prefix` (the element
/// paths of a `sum_equals` stay relative to the element).
pub fn rule_under(prefix: &str, kind: &RuleKind, style: Style) -> String {
    let at = Paths { prefix, style };
    let are = |fields: &[FieldPath]| if fields.len() == 1 { "is" } else { "are" };
    match kind {
        RuleKind::RequiredIf { fields, when } => format!(
            "{} {} required when {}",
            at.all(fields, "and"),
            are(fields),
            at.condition(when)
        ),
        RuleKind::OneOfRequired { fields } => {
            format!("at least one of {} must be present", at.all(fields, "or"))
        }
        RuleKind::SumEquals {
            array,
            multiply,
            equals,
        } => {
            let element = Paths { prefix: "", style };
            let product: Vec<String> = multiply.iter().map(|p| element.one(p)).collect();
            format!(
                "the sum over every element of {} of {} must equal {}",
                at.one(array),
                product.join(" × "),
                at.one(equals)
            )
        }
        RuleKind::MaxLenIf {
            field,
            max_len,
            when,
        } => format!(
            "{} must be at most {max_len} characters long when {}",
            at.one(field),
            at.condition(when)
        ),
        RuleKind::NotGreaterThan { field, than } => format!(
            "{} must not be greater than {}",
            at.one(field),
            at.one(than)
        ),
        RuleKind::OnlyIf { fields, when } => format!(
            "{} {} allowed only when {}",
            at.all(fields, "and"),
            are(fields),
            at.condition(when)
        ),
        RuleKind::DependsOnAccount { fields } => format!(
            "whether {} must be sent depends on the merchant's account configuration (not checked by payspec)",
            at.all(fields, "and")
        ),
    }
}

/// A string's length limits (`at most 20 characters`), if it has any.
pub fn length(min: Option<u32>, max: Option<u32>) -> Option<String> {
    match (min, max) {
        (Some(min), Some(max)) if min == max => Some(format!("exactly {max} characters")),
        (Some(min), Some(max)) => Some(format!("{min} to {max} characters")),
        (None, Some(max)) => Some(format!("at most {max} characters")),
        (Some(min), None) => Some(format!("at least {min} characters")),
        (None, None) => None,
    }
}

/// The shape a format requires (`an e-mail address, like name@example.com`).
pub fn format(f: Format) -> &'static str {
    f.describe()
}

/// A number's least value (`at least 1`).
pub fn minimum(min: i64) -> String {
    format!("at least {min}")
}

/// First letter in upper case (rule sentences start with a path or a word).
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{PathStep, Type};

    fn path(dotted: &str) -> FieldPath {
        FieldPath {
            steps: dotted
                .split('.')
                .map(|s| PathStep {
                    wire_name: s.to_owned(),
                    rust_name: s.to_owned(),
                    optional: true,
                    each: false,
                    ty: Type::String,
                })
                .collect(),
        }
    }

    fn channel_is(values: &[&str]) -> Condition {
        Condition {
            field: path("order.channel"),
            test: ConditionTest::OneOf(
                values
                    .iter()
                    .map(|v| Literal::EnumValue {
                        enum_name: "Channel".to_owned(),
                        wire: (*v).to_owned(),
                        rust_name: (*v).to_owned(),
                    })
                    .collect(),
            ),
        }
    }

    #[test]
    fn rules_read_the_same_in_both_styles_but_for_the_marks() {
        let kind = RuleKind::RequiredIf {
            fields: vec![path("a"), path("b")],
            when: channel_is(&["CARD", "QRIS", "VA"]),
        };
        assert_eq!(
            rule(&kind, Style::Code),
            "`a` and `b` are required when `order.channel` is one of `\"CARD\"`, `\"QRIS\"` or `\"VA\"`"
        );
        assert_eq!(
            rule_under("body", &kind, Style::Plain),
            "body.a and body.b are required when body.order.channel is one of \"CARD\", \"QRIS\" or \"VA\""
        );
    }

    #[test]
    fn sum_equals_keeps_element_paths_relative() {
        let kind = RuleKind::SumEquals {
            array: path("items"),
            multiply: vec![path("price"), path("quantity")],
            equals: path("amount"),
        };
        assert_eq!(
            rule_under("order", &kind, Style::Plain),
            "the sum over every element of order.items of price × quantity must equal order.amount"
        );
    }

    #[test]
    fn limits_in_words() {
        assert_eq!(
            length(Some(3), Some(3)).as_deref(),
            Some("exactly 3 characters")
        );
        assert_eq!(
            length(Some(1), Some(3)).as_deref(),
            Some("1 to 3 characters")
        );
        assert_eq!(
            length(None, Some(3)).as_deref(),
            Some("at most 3 characters")
        );
        assert_eq!(
            length(Some(2), None).as_deref(),
            Some("at least 2 characters")
        );
        assert_eq!(length(None, None), None);
        assert_eq!(minimum(1), "at least 1");
        assert_eq!(capitalise("at most"), "At most");
    }
}
