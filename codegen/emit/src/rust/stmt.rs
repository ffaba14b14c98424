//! Function bodies as statement trees, printed in prettyplease's layout:
//! the `Validate` impls of request structs (`validate.rs`, `rules.rs`).
//! A tree rather than lines, because a rule's checks are built inside out
//! (the check at the end of a path first, then the loops and `if let`s that
//! reach it) and a line can only be broken once its indentation is known.

use super::text::{Call, Code, MARGIN};

/// One statement.
pub(crate) enum Stmt {
    /// An expression or `let` statement: the expression (with `let x = `
    /// as its prefix), then `end` (`;`).
    Expr(Call, &'static str),
    /// `head {` body `}` and, when `otherwise` is not empty, `else {` … `}`.
    Block {
        head: Head,
        body: Vec<Stmt>,
        otherwise: Vec<Stmt>,
    },
    /// `match scrutinee {` arms `}`.
    Match {
        scrutinee: String,
        arms: Vec<(String, Arm)>,
    },
}

/// What comes before a block's `{`.
pub(crate) enum Head {
    /// A bare block, `{ … }`, scoping its `let`s.
    Bare,
    /// `for …`, `if let …`: never broken.
    Text(String),
    /// `if a && b`: broken before each `&&` when too long.
    If(Vec<Call>),
}

/// A match arm's body.
pub(crate) enum Arm {
    /// `pattern => value,`
    Value(Call),
    /// `pattern => { … }` (`{}` when empty).
    Block(Vec<Stmt>),
}

impl Stmt {
    /// `expression;`
    pub(crate) fn semi(call: Call) -> Stmt {
        Stmt::Expr(call, ";")
    }

    /// `let name = expression;`, breakable as a chain.
    pub(crate) fn let_(name: &str, expression: &str) -> Stmt {
        Stmt::semi(Call::chain(expression).after(format!("let {name} = ")))
    }

    /// `head { body }`.
    pub(crate) fn block(head: impl Into<String>, body: Vec<Stmt>) -> Stmt {
        Stmt::Block {
            head: Head::Text(head.into()),
            body,
            otherwise: Vec::new(),
        }
    }

    /// `{ body }`.
    pub(crate) fn bare(body: Vec<Stmt>) -> Stmt {
        Stmt::Block {
            head: Head::Bare,
            body,
            otherwise: Vec::new(),
        }
    }

    /// `if a && b … { body }`.
    pub(crate) fn if_all(conditions: Vec<Call>, body: Vec<Stmt>) -> Stmt {
        Stmt::Block {
            head: Head::If(conditions),
            body,
            otherwise: Vec::new(),
        }
    }

    fn print(&self, c: &mut Code) {
        match self {
            Stmt::Expr(call, end) => call.print(c, end, true),
            Stmt::Block {
                head,
                body,
                otherwise,
            } => {
                match head {
                    Head::Bare => c.open("{"),
                    Head::Text(text) => c.open(&format!("{text} {{")),
                    Head::If(conditions) => if_head(c, conditions),
                }
                print(c, body);
                if otherwise.is_empty() {
                    c.close("}");
                } else {
                    c.close("} else {");
                    c.enter();
                    print(c, otherwise);
                    c.close("}");
                }
            }
            Stmt::Match { scrutinee, arms } => {
                c.open(&format!("match {scrutinee} {{"));
                for (pattern, arm) in arms {
                    match arm {
                        Arm::Value(value) => c.arm(pattern, value),
                        Arm::Block(body) if body.is_empty() => {
                            c.line(&format!("{pattern} => {{}}"));
                        }
                        Arm::Block(body) => {
                            c.open(&format!("{pattern} => {{"));
                            print(c, body);
                            c.close("}");
                        }
                    }
                }
                c.close("}");
            }
        }
    }
}

/// Prints statements in order.
pub(crate) fn print(c: &mut Code, stmts: &[Stmt]) {
    for stmt in stmts {
        stmt.print(c);
    }
}

/// `if a && b {` on one line when it fits. Otherwise a lone macro condition
/// is broken inside (`if matches!(` … `) {`); other conditions stay on one
/// line when only the ` {` is too much, `{` then getting a line of its own;
/// else a lone condition is broken itself, and several go one per line, the
/// later ones after `&&`, before `{` on a line of its own.
fn if_head(c: &mut Code, conditions: &[Call]) {
    let texts: Vec<String> = conditions.iter().map(Call::text).collect();
    let line = format!("if {} {{", texts.join(" && "));
    let lone_macro = match conditions {
        [only] if only.is_macro() => Some(only),
        _ => None,
    };
    if c.column() + line.len() <= MARGIN {
        c.open(&line);
    } else if let Some(only) = lone_macro {
        // A macro breaks inside its parentheses, keeping ` {` on its line.
        only.clone().after("if ").print(c, " {", true);
        c.enter();
    } else if c.column() + line.len() - 2 <= MARGIN {
        // The conditions fit without their ` {`.
        c.line(&line[..line.len() - 2]);
        c.open("{");
    } else if let [only] = conditions {
        only.clone().after("if ").print(c, "", true);
        c.open("{");
    } else {
        c.line(&format!("if {}", texts[0]));
        c.enter();
        for text in &texts[1..] {
            c.line(&format!("&& {text}"));
        }
        c.close("{");
        c.enter();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rust::text::str_lit;

    /// `stmts` printed as the body of a method, and `source` (the same
    /// statements as Rust) printed by prettyplease in the same place: the
    /// layout this module copies.
    fn both(stmts: &[Stmt], source: &str) -> (String, String) {
        let mut c = Code::new();
        c.open("impl X {");
        c.open("fn f(&self) {");
        print(&mut c, stmts);
        c.close("}");
        c.close("}");
        let file = syn::parse_file(&format!("impl X {{ fn f(&self) {{ {source} }} }}"))
            .unwrap_or_else(|e| panic!("test source does not parse: {e}\n{source}"));
        (c.finish(), prettyplease::unparse(&file))
    }

    /// Names from 1 to 60 characters: lines from well inside the margin to
    /// well past it.
    fn names() -> impl Iterator<Item = String> {
        (1..=60).map(|n| "a".repeat(n))
    }

    #[test]
    fn chained_lets_break_as_prettyplease_breaks_them() {
        for name in names() {
            let read = format!("self.{name}.as_ref().and_then(|x| x.r#type.as_ref())");
            let stmts = [Stmt::let_("value", &read)];
            let (ours, theirs) = both(&stmts, &format!("let value = {read};"));
            assert_eq!(ours, theirs, "field name of {} characters", name.len());
        }
    }

    #[test]
    fn calls_with_macro_arguments_break_as_prettyplease_breaks_them() {
        for name in names() {
            let message = format!("is {{len}} characters long; at most 27 when {name}");
            let fail = crate::rust::validate::v_call(
                "fail_at",
                vec![
                    Call::plain(str_lit(&format!("order.{name}"))),
                    Call::plain(str_lit("max_len_if")),
                    Call::macro_call("format", vec![Call::plain(str_lit(&message))]),
                ],
            );
            let source = format!(
                "v.fail_at({}, \"max_len_if\", format!({}));",
                str_lit(&format!("order.{name}")),
                str_lit(&message)
            );
            let (ours, theirs) = both(&[fail], &source);
            assert_eq!(ours, theirs, "name of {} characters", name.len());
        }
    }

    #[test]
    fn conditions_and_macro_lets_break_as_prettyplease_breaks_them() {
        // Up to 50: beyond, one `&&` operand alone overflows its line, and
        // prettyplease breaks inside it where this module does not (valid,
        // readable code either way; no spec comes near such names).
        for name in names().take(50) {
            let absent = |field: &str| Call::chain(&format!("self.{field}.as_ref().is_none()"));
            let check = Stmt::if_all(
                vec![absent(&name), absent("phone")],
                vec![Stmt::semi(Call::plain("v.fail()"))],
            );
            let test = Call::macro_call(
                "matches",
                vec![
                    Call::plain(format!("{name}_value")),
                    Call::plain("Some(CardPaymentType::Installment)"),
                ],
            );
            let single = Stmt::if_all(
                vec![Call::chain(&format!(
                    "self.order.{name}.line_items.is_some()"
                ))],
                vec![Stmt::semi(Call::plain("v.fail()"))],
            );
            let stmts = [
                single,
                Stmt::semi(test.clone().after("!").after("let when_fails = ")),
                Stmt::if_all(vec![test], vec![Stmt::semi(Call::plain("v.fail()"))]),
                check,
            ];
            let source = format!(
                "if self.order.{name}.line_items.is_some() {{ v.fail(); }} \
                 let when_fails = !matches!({name}_value, Some(CardPaymentType::Installment)); \
                 if matches!({name}_value, Some(CardPaymentType::Installment)) {{ v.fail(); }} \
                 if self.{name}.as_ref().is_none() && self.phone.as_ref().is_none() {{ v.fail(); }}"
            );
            let (ours, theirs) = both(&stmts, &source);
            assert_eq!(ours, theirs, "name of {} characters", name.len());
        }
    }

    #[test]
    fn matches_and_else_blocks_print_as_prettyplease_prints_them() {
        let verdict = Stmt::Match {
            scrutinee: "sum".to_owned(),
            arms: vec![
                ("Some(_)".to_owned(), Arm::Block(Vec::new())),
                ("_".to_owned(), Arm::Value(Call::plain("complete = false"))),
            ],
        };
        let otherwise = Stmt::Block {
            head: Head::Text("if let Some(price) = item.price".to_owned()),
            body: vec![Stmt::let_("total", "price.value()")],
            otherwise: vec![Stmt::semi(Call::plain("complete = false"))],
        };
        let (ours, theirs) = both(
            &[Stmt::bare(vec![verdict, otherwise])],
            "{ match sum { Some(_) => {} _ => complete = false, } \
             if let Some(price) = item.price { let total = price.value(); } else { complete = false; } }",
        );
        assert_eq!(ours, theirs);
    }
}
