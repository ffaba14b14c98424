//! Cross-field rules as validation code.
//!
//! Paths are walked generically from their resolved steps: an optional step
//! becomes `if let Some(..)` (or `.as_ref().and_then(..)` in a condition), an
//! `each` step a loop whose index goes into the reported JSON path
//! (`order.line_items[1].price`).

use super::stmt::{Arm, Stmt};
use super::text::{str_lit, Call};
use super::validate::v_call;
use super::{ident, Ctx, EmitError};
use crate::ir::{
    Condition, ConditionTest, FieldPath, Literal, PathStep, Rule, RuleKind, Struct, Type,
};
use crate::words::{self, Style};

/// Names the generated code binds itself; a path step named like one of
/// these gets another binding name.
const RESERVED: [&str; 7] = ["v", "value", "sum", "complete", "expected", "bound", "len"];

/// A rule's checking code (none when it has nothing to check).
pub(crate) fn emit(ctx: &Ctx<'_>, s: &Struct, rule: &Rule) -> Result<Vec<Stmt>, EmitError> {
    let item = format!(
        "struct {}, rule {} at line {}",
        s.name,
        rule.kind.spec_name(),
        rule.loc.line
    );
    let r = RuleCtx {
        ctx,
        s,
        item: &item,
    };
    let code = match &rule.kind {
        RuleKind::RequiredIf { fields, when } => r.required_if(fields, when),
        RuleKind::OneOfRequired { fields } => r.one_of_required(fields),
        RuleKind::SumEquals {
            array,
            multiply,
            equals,
        } => r.sum_equals(array, multiply, equals),
        RuleKind::MaxLenIf {
            field,
            max_len,
            when,
        } => r.max_len_if(field, *max_len, when),
        RuleKind::NotGreaterThan { field, than } => r.not_greater_than(field, than),
        RuleKind::OnlyIf { fields, when } => r.only_if(fields, when),
        // Documented on the struct; the request alone cannot show it.
        RuleKind::DependsOnAccount { .. } => Ok(None),
    }?;
    Ok(code.unwrap_or_default())
}

/// How a path without `each` steps is read.
enum Access {
    /// Always present: a place expression of type `T`.
    Direct(String),
    /// A place of type `Option<T>` (every step before the last is mandatory).
    OptPlace(String),
    /// An expression of type `Option<&T>` through optional parents.
    Chain(String),
}

/// A number read from a path: always there (`i64`) or maybe (`Option<i64>`).
enum Number {
    Always(String),
    Maybe(String),
}

/// A condition as code: a statement to run first, and the test both ways.
struct Cond {
    prelude: Option<Stmt>,
    holds: Call,
    fails: Call,
}

/// Text as a `format!` string that prints it literally.
fn esc(text: &str) -> String {
    text.replace('{', "{{").replace('}', "}}")
}

/// A segment of a reported JSON path.
#[derive(Clone)]
enum Seg {
    Name(String),
    Index(String),
}

/// The reported path: a string literal, or `format!` when it has indexes.
fn path_expr(segs: &[Seg]) -> Call {
    let has_index = segs.iter().any(|s| matches!(s, Seg::Index(_)));
    let mut text = String::new();
    for seg in segs {
        match seg {
            Seg::Name(n) => {
                if !text.is_empty() {
                    text.push('.');
                }
                if has_index {
                    text.push_str(&esc(n));
                } else {
                    text.push_str(n);
                }
            }
            Seg::Index(i) => text.push_str(&format!("[{{{i}}}]")),
        }
    }
    if has_index {
        Call::macro_call("format", vec![Call::plain(str_lit(&text))])
    } else {
        Call::plain(str_lit(&text))
    }
}

/// `v.fail_at(path, "kind", message);`
fn fail_at(path: Call, kind: &str, message: Call) -> Stmt {
    v_call("fail_at", fail_args(path, kind, message))
}

fn fail_args(path: Call, kind: &str, message: Call) -> Vec<Call> {
    vec![path, Call::plain(str_lit(kind)), message]
}

/// `format!("…")` of a message with `{placeholders}`.
fn formatted(message: &str) -> Call {
    Call::macro_call("format", vec![Call::plain(str_lit(message))])
}

/// What a walk hands to the rule at the end of a path.
struct Leaf {
    /// A place of type `T` or `Option<T>` (`optional`), or a binding of type `&T` (`element`).
    expr: String,
    optional: bool,
    element: bool,
    ty: Type,
    path: Call,
}

struct RuleCtx<'c, 'a> {
    ctx: &'c Ctx<'a>,
    s: &'c Struct,
    item: &'c str,
}

/// The code a walk produces, or `None` for none.
type Checks = Option<Vec<Stmt>>;

impl RuleCtx<'_, '_> {
    fn err(&self, message: impl Into<String>) -> EmitError {
        self.ctx.err(self.item, message)
    }

    fn field_ident(&self, step: &PathStep) -> Result<String, EmitError> {
        ident(&step.rust_name)
            .map(|i| i.to_string())
            .map_err(|m| self.err(m))
    }

    /// A binding name for the value of `step`: its own name unless reserved.
    fn binding(&self, step: &PathStep) -> Result<String, EmitError> {
        let bare = step.rust_name.trim_start_matches("r#");
        let index_like = bare.starts_with('i') && bare[1..].chars().all(|c| c.is_ascii_digit());
        if RESERVED.contains(&bare) || bare.starts_with("item") || index_like {
            Ok(format!("{bare}_field"))
        } else {
            self.field_ident(step)
        }
    }

    /// Reads a path without `each` steps from `root`.
    fn access(&self, root: &str, path: &FieldPath) -> Result<Access, EmitError> {
        let mut acc = Access::Direct(root.to_owned());
        for step in &path.steps {
            if step.each {
                return Err(self.err(format!(
                    "`{}` steps into array elements, which is not supported here",
                    path.dotted()
                )));
            }
            let f = self.field_ident(step)?;
            acc = match (acc, step.optional) {
                (Access::Direct(p), false) => Access::Direct(format!("{p}.{f}")),
                (Access::Direct(p), true) => Access::OptPlace(format!("{p}.{f}")),
                (Access::OptPlace(p), false) => {
                    Access::Chain(format!("{p}.as_ref().map(|x| &x.{f})"))
                }
                (Access::OptPlace(p), true) => {
                    Access::Chain(format!("{p}.as_ref().and_then(|x| x.{f}.as_ref())"))
                }
                (Access::Chain(o), false) => Access::Chain(format!("{o}.map(|x| &x.{f})")),
                (Access::Chain(o), true) => {
                    Access::Chain(format!("{o}.and_then(|x| x.{f}.as_ref())"))
                }
            };
        }
        Ok(acc)
    }

    /// A numeric path as `i64` or `Option<i64>`.
    fn number(&self, root: &str, path: &FieldPath) -> Result<Number, EmitError> {
        let ty = path
            .steps
            .last()
            .map(|s| &s.ty)
            .ok_or_else(|| self.err("empty path"))?;
        let acc = self.access(root, path)?;
        Ok(match (ty, acc) {
            (Type::Integer, Access::Direct(p)) => Number::Always(p),
            (Type::AmountIdr, Access::Direct(p)) => Number::Always(format!("{p}.value()")),
            (Type::Integer, Access::OptPlace(p)) => Number::Maybe(p),
            (Type::AmountIdr, Access::OptPlace(p)) => {
                Number::Maybe(format!("{p}.map(|x| x.value())"))
            }
            (Type::Integer, Access::Chain(o)) => Number::Maybe(format!("{o}.copied()")),
            (Type::AmountIdr, Access::Chain(o)) => Number::Maybe(format!("{o}.map(|x| x.value())")),
            _ => {
                return Err(self.err(format!(
                    "`{}` must be an integer or an IDR amount",
                    path.dotted()
                )))
            }
        })
    }

    /// A local name for the value a condition reads (`payment_type`).
    fn condition_binding(&self, path: &FieldPath) -> String {
        let joined: Vec<&str> = path
            .steps
            .iter()
            .map(|s| s.rust_name.trim_start_matches("r#"))
            .collect();
        format!("{}_value", joined.join("_"))
    }

    /// A condition as code.
    fn condition(&self, c: &Condition) -> Result<Cond, EmitError> {
        let dotted = c.field.dotted();
        let ty = c
            .field
            .steps
            .last()
            .map(|s| &s.ty)
            .ok_or_else(|| self.err("empty condition path"))?;
        let acc = self.access("self", &c.field)?;
        let values = match &c.test {
            ConditionTest::Present(present) => {
                let opt = match acc {
                    Access::OptPlace(p) | Access::Chain(p) => p,
                    Access::Direct(_) => {
                        return Err(self.err(format!(
                            "`{dotted}` is mandatory, so testing its presence is constant"
                        )))
                    }
                };
                let some = Call::chain(&format!("{opt}.is_some()"));
                let none = Call::chain(&format!("{opt}.is_none()"));
                let (holds, fails) = if *present { (some, none) } else { (none, some) };
                return Ok(Cond {
                    prelude: None,
                    holds,
                    fails,
                });
            }
            ConditionTest::OneOf(values) | ConditionTest::AbsentOrOneOf(values) => values,
        };
        let or_absent = matches!(c.test, ConditionTest::AbsentOrOneOf(_));
        if values.is_empty() {
            return Err(self.err(format!("the condition on `{dotted}` lists no values")));
        }
        let mut pats = Vec::new();
        for l in values {
            let ok = matches!(
                (ty, l),
                (Type::String, Literal::String(_))
                    | (Type::Integer | Type::AmountIdr, Literal::Integer(_))
                    | (Type::Boolean, Literal::Boolean(_))
                    | (Type::Enum(_), Literal::EnumValue { .. })
            );
            if !ok {
                return Err(self.err(format!(
                    "`{dotted}` is compared with {l:?}, which is not of its type"
                )));
            }
            let lit = self.ctx.literal_text(l, &self.s.scope, self.item)?;
            pats.push(if *ty == Type::AmountIdr {
                format!("payspec_runtime::money::Idr({lit})")
            } else {
                lit
            });
        }
        if let (Type::Boolean, Access::Direct(p)) = (ty, &acc) {
            let (t, f) = (Call::chain(p), Call::chain(p).after("!"));
            return match values.as_slice() {
                [Literal::Boolean(true)] => Ok(Cond {
                    prelude: None,
                    holds: t,
                    fails: f,
                }),
                [Literal::Boolean(false)] => Ok(Cond {
                    prelude: None,
                    holds: f,
                    fails: t,
                }),
                _ => Err(self.err(format!(
                    "`{dotted}` is compared with both booleans, which is constant"
                ))),
            };
        }
        let string = *ty == Type::String;
        // Closures inside `matches!` are not formatted, so a chained read is
        // bound to a local first.
        let (prelude, scrutinee, optional) = match acc {
            Access::Direct(p) if string => (None, format!("{p}.as_str()"), false),
            Access::Direct(p) => (None, p, false),
            Access::OptPlace(p) if string => (None, format!("{p}.as_deref()"), true),
            Access::OptPlace(p) => (None, p, true),
            Access::Chain(o) => {
                let name = self.condition_binding(&c.field);
                let read = if string {
                    format!("{o}.map(String::as_str)")
                } else {
                    o
                };
                (Some(Stmt::let_(&name, &read)), name, true)
            }
        };
        let pattern = if optional && or_absent {
            format!("None | Some({})", pats.join(" | "))
        } else if optional {
            format!("Some({})", pats.join(" | "))
        } else {
            pats.join(" | ")
        };
        let test = Call::macro_call(
            "matches",
            vec![Call::plain(scrutinee), Call::plain(pattern)],
        );
        Ok(Cond {
            prelude,
            holds: test.clone(),
            fails: test.after("!"),
        })
    }

    /// Walks `steps` from `root` (a place of the struct, or a binding),
    /// looping over `each` steps and skipping absent optional parents, and
    /// calls `leaf` at the end. `None` from `leaf` means no code.
    fn walk(
        &self,
        root: &str,
        steps: &[PathStep],
        segs: Vec<Seg>,
        depth: usize,
        leaf: &dyn Fn(Leaf) -> Result<Checks, EmitError>,
    ) -> Result<Checks, EmitError> {
        let Some((step, rest)) = steps.split_first() else {
            return Err(self.err("empty path"));
        };
        let field = self.field_ident(step)?;
        let place = format!("{root}.{field}");
        let mut segs = segs;
        segs.push(Seg::Name(step.wire_name.clone()));
        if rest.is_empty() && !step.each {
            let path = path_expr(&segs);
            return leaf(Leaf {
                expr: place,
                optional: step.optional,
                element: false,
                ty: step.ty.clone(),
                path,
            });
        }
        if step.each {
            let (i, item) = if depth == 0 {
                ("i".to_owned(), "item".to_owned())
            } else {
                (format!("i{depth}"), format!("item{depth}"))
            };
            segs.push(Seg::Index(i.clone()));
            let body = if rest.is_empty() {
                let path = path_expr(&segs);
                leaf(Leaf {
                    expr: item.clone(),
                    optional: false,
                    element: true,
                    ty: step.ty.clone(),
                    path,
                })?
            } else {
                self.walk(&item, rest, segs, depth + 1, leaf)?
            };
            let Some(body) = body else { return Ok(None) };
            return Ok(Some(if step.optional {
                let list = self.binding(step)?;
                let each = Stmt::block(
                    format!("for ({i}, {item}) in {list}.iter().enumerate()"),
                    body,
                );
                vec![Stmt::block(
                    format!("if let Some({list}) = &{place}"),
                    vec![each],
                )]
            } else {
                vec![Stmt::block(
                    format!("for ({i}, {item}) in {place}.iter().enumerate()"),
                    body,
                )]
            }));
        }
        if step.optional {
            let binding = self.binding(step)?;
            let body = self.walk(&binding, rest, segs, depth, leaf)?;
            Ok(body.map(|body| {
                vec![Stmt::block(
                    format!("if let Some({binding}) = &{place}"),
                    body,
                )]
            }))
        } else {
            self.walk(&place, rest, segs, depth, leaf)
        }
    }

    fn required_if(&self, fields: &[FieldPath], when: &Condition) -> Result<Checks, EmitError> {
        let message = format!("is required when {}", words::condition(when, Style::Plain));
        let mut checks = Vec::new();
        for f in fields {
            // `when_holds && …` in one `if` (not nested ifs): clippy's
            // collapsible_if would reject the nested form in generated code.
            let check = self.walk("self", &f.steps, Vec::new(), 0, &|leaf| {
                Ok((leaf.optional && !leaf.element).then(|| {
                    let absent = Call::chain(&format!("{}.is_none()", leaf.expr));
                    let fail = fail_at(leaf.path, "required_if", Call::plain(str_lit(&message)));
                    vec![Stmt::if_all(
                        vec![Call::plain("when_holds"), absent],
                        vec![fail],
                    )]
                }))
            })?;
            checks.extend(check.into_iter().flatten());
        }
        if checks.is_empty() {
            return Ok(None);
        }
        let Cond { prelude, holds, .. } = self.condition(when)?;
        let mut body: Vec<Stmt> = prelude.into_iter().collect();
        body.push(Stmt::semi(holds.after("let when_holds = ")));
        body.extend(checks);
        Ok(Some(vec![Stmt::bare(body)]))
    }

    fn only_if(&self, fields: &[FieldPath], when: &Condition) -> Result<Checks, EmitError> {
        let message = format!(
            "may only be sent when {}",
            words::condition(when, Style::Plain)
        );
        let mut checks = Vec::new();
        for f in fields {
            let check = self.walk("self", &f.steps, Vec::new(), 0, &|leaf| {
                if leaf.element || !leaf.optional {
                    return Err(self.err(format!(
                        "`{}` is always present, so it cannot be restricted by `only_if`",
                        f.dotted()
                    )));
                }
                let present = Call::chain(&format!("{}.is_some()", leaf.expr));
                let fail = fail_at(leaf.path, "only_if", Call::plain(str_lit(&message)));
                Ok(Some(vec![Stmt::if_all(
                    vec![Call::plain("when_fails"), present],
                    vec![fail],
                )]))
            })?;
            checks.extend(check.into_iter().flatten());
        }
        let Cond { prelude, fails, .. } = self.condition(when)?;
        let mut body: Vec<Stmt> = prelude.into_iter().collect();
        body.push(Stmt::semi(fails.after("let when_fails = ")));
        body.extend(checks);
        Ok(Some(vec![Stmt::bare(body)]))
    }

    fn one_of_required(&self, fields: &[FieldPath]) -> Result<Checks, EmitError> {
        let Some(first) = fields.first() else {
            return Err(self.err("`one_of_required` lists no fields"));
        };
        let mut absent = Vec::new();
        for f in fields {
            match self.access("self", f)? {
                Access::OptPlace(o) | Access::Chain(o) => {
                    absent.push(Call::chain(&format!("{o}.is_none()")));
                }
                // A mandatory candidate is always there: the rule always holds.
                Access::Direct(_) => return Ok(None),
            }
        }
        let rule = RuleKind::OneOfRequired {
            fields: fields.to_vec(),
        };
        let message = words::rule(&rule, Style::Plain);
        let fail = fail_at(
            Call::plain(str_lit(&first.dotted())),
            "one_of_required",
            Call::plain(str_lit(&message)),
        );
        Ok(Some(vec![Stmt::if_all(absent, vec![fail])]))
    }

    fn max_len_if(
        &self,
        field: &FieldPath,
        max_len: u32,
        when: &Condition,
    ) -> Result<Checks, EmitError> {
        let message = format!(
            "is {{len}} characters long; at most {max_len} are allowed when {}",
            esc(&words::condition(when, Style::Plain))
        );
        let check = self.walk("self", &field.steps, Vec::new(), 0, &|leaf| {
            if leaf.ty != Type::String {
                return Err(self.err(format!(
                    "`{}` must be a string to have a length",
                    field.dotted()
                )));
            }
            let fail = Stmt::if_all(
                vec![Call::plain(format!("len > {max_len}"))],
                vec![fail_at(leaf.path, "max_len_if", formatted(&message))],
            );
            Ok(Some(if leaf.optional {
                vec![Stmt::block(
                    format!("if let Some(value) = &{}", leaf.expr),
                    vec![Stmt::let_("len", "value.chars().count()"), fail],
                )]
            } else {
                vec![
                    Stmt::let_("len", &format!("{}.chars().count()", leaf.expr)),
                    fail,
                ]
            }))
        })?;
        let Some(check) = check else { return Ok(None) };
        let Cond { prelude, holds, .. } = self.condition(when)?;
        let mut code: Vec<Stmt> = prelude.into_iter().collect();
        code.push(Stmt::if_all(vec![holds], check));
        Ok(Some(code))
    }

    fn not_greater_than(&self, field: &FieldPath, than: &FieldPath) -> Result<Checks, EmitError> {
        let message = format!(
            "is {{value}}, which is greater than {} ({{bound}})",
            esc(&than.dotted())
        );
        let check = self.walk("self", &field.steps, Vec::new(), 0, &|leaf| {
            let expr = leaf.expr;
            let value = match (&leaf.ty, leaf.element, leaf.optional) {
                (Type::Integer, true, _) => format!("*{expr}"),
                (Type::AmountIdr, true, _) => format!("{expr}.value()"),
                (Type::Integer, false, _) => expr,
                (Type::AmountIdr, false, false) => format!("{expr}.value()"),
                (Type::AmountIdr, false, true) => format!("{expr}.map(|x| x.value())"),
                _ => {
                    return Err(self.err(format!(
                        "`{}` must be an integer or an IDR amount",
                        field.dotted()
                    )))
                }
            };
            let fail = Stmt::if_all(
                vec![Call::plain("value > bound")],
                vec![fail_at(leaf.path, "not_greater_than", formatted(&message))],
            );
            Ok(Some(if leaf.optional && !leaf.element {
                vec![Stmt::block(
                    format!("if let Some(value) = {value}"),
                    vec![fail],
                )]
            } else {
                vec![Stmt::let_("value", &value), fail]
            }))
        })?;
        let Some(check) = check else { return Ok(None) };
        Ok(Some(match self.number("self", than)? {
            Number::Always(bound) => {
                let mut body = vec![Stmt::let_("bound", &bound)];
                body.extend(check);
                vec![Stmt::bare(body)]
            }
            Number::Maybe(bound) => {
                vec![Stmt::block(format!("if let Some(bound) = {bound}"), check)]
            }
        }))
    }

    fn sum_equals(
        &self,
        array: &FieldPath,
        multiply: &[FieldPath],
        equals: &FieldPath,
    ) -> Result<Checks, EmitError> {
        if multiply.is_empty() {
            return Err(self.err("`sum_equals` multiplies no fields"));
        }
        let array_step = array
            .steps
            .last()
            .ok_or_else(|| self.err("empty array path"))?;
        let items = self.binding(array_step)?;
        let item = "item";
        // Factors always present are bound inside the loop; maybe-absent ones
        // are matched so the sum is only checked when every factor is there.
        let mut present = Vec::new();
        let mut maybe = Vec::new();
        let mut names: Vec<String> = Vec::new();
        for (k, m) in multiply.iter().enumerate() {
            let step = m
                .steps
                .last()
                .ok_or_else(|| self.err("empty factor path"))?;
            let b = self.binding(step)?;
            let name = if names.contains(&b) || b == items || b == item {
                format!("factor{k}")
            } else {
                b
            };
            match self.number(item, m)? {
                Number::Always(e) => present.push(Stmt::let_(&name, &e)),
                Number::Maybe(e) => maybe.push((name.clone(), e)),
            }
            names.push(name);
        }
        let product: String = names[1..]
            .iter()
            .map(|n| format!(".checked_mul({n})?"))
            .collect();
        let add = || {
            let sum = format!("sum.and_then(|s| s.checked_add({}{product}))", names[0]);
            Stmt::semi(Call::chain(&sum).after("sum = "))
        };
        let body = match maybe.as_slice() {
            [] => {
                present.push(add());
                present
            }
            [(n, e)] => {
                present.push(add());
                vec![Stmt::Block {
                    head: super::stmt::Head::Text(format!("if let Some({n}) = {e}")),
                    body: present,
                    otherwise: vec![Stmt::semi(Call::plain("complete = false"))],
                }]
            }
            many => {
                let es: Vec<&str> = many.iter().map(|(_, e)| e.as_str()).collect();
                let ns: Vec<String> = many.iter().map(|(n, _)| format!("Some({n})")).collect();
                present.push(add());
                vec![Stmt::Match {
                    scrutinee: format!("({})", es.join(", ")),
                    arms: vec![
                        (format!("({})", ns.join(", ")), Arm::Block(present)),
                        ("_".to_owned(), Arm::Value(Call::plain("complete = false"))),
                    ],
                }]
            }
        };
        let factors: Vec<String> = multiply.iter().map(FieldPath::dotted).collect();
        let what = format!("{} over {}", factors.join(" × "), array.dotted());
        let path = str_lit(&equals.dotted());
        let mismatch = format!("is {{expected}}, but the sum of {} is {{sum}}", esc(&what));
        let overflow = format!("the sum of {what} overflows a 64-bit integer");
        let fail = |message: Call| {
            Arm::Value(Call::method(
                "v",
                ".fail_at(",
                fail_args(Call::plain(path.clone()), "sum_equals", message),
                ")",
            ))
        };
        let verdict = Stmt::Match {
            scrutinee: "sum".to_owned(),
            arms: vec![
                (
                    "Some(sum) if sum != expected".to_owned(),
                    fail(formatted(&mismatch)),
                ),
                ("Some(_)".to_owned(), Arm::Block(Vec::new())),
                ("None".to_owned(), fail(Call::plain(str_lit(&overflow)))),
            ],
        };
        let mut sum_loop = vec![Stmt::semi(Call::plain("let mut sum = Some(0_i64)"))];
        if maybe.is_empty() {
            sum_loop.push(Stmt::block(format!("for {item} in {items}"), body));
            sum_loop.push(verdict);
        } else {
            sum_loop.push(Stmt::semi(Call::plain("let mut complete = true")));
            sum_loop.push(Stmt::block(format!("for {item} in {items}"), body));
            sum_loop.push(Stmt::block("if complete", vec![verdict]));
        }
        let with_expected = match self.number("self", equals)? {
            Number::Always(e) => {
                let mut code = vec![Stmt::let_("expected", &e)];
                code.extend(sum_loop);
                code
            }
            Number::Maybe(e) => vec![Stmt::block(
                format!("if let Some(expected) = {e}"),
                sum_loop,
            )],
        };
        Ok(Some(match self.access("self", array)? {
            Access::Direct(p) => {
                let mut code = vec![Stmt::let_(&items, &format!("&{p}"))];
                code.extend(with_expected);
                vec![Stmt::bare(code)]
            }
            Access::OptPlace(p) => vec![Stmt::block(
                format!("if let Some({items}) = &{p}"),
                with_expected,
            )],
            Access::Chain(o) => vec![Stmt::block(
                format!("if let Some({items}) = {o}"),
                with_expected,
            )],
        }))
    }
}
