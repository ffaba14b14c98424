//! Cross-field rules as validation code.
//!
//! Paths are walked generically from their resolved steps: an optional step
//! becomes `if let Some(..)` (or `.as_ref().and_then(..)` in a condition), an
//! `each` step a loop whose index goes into the reported JSON path
//! (`order.line_items[1].price`).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::{ident, Ctx, EmitError};
use crate::ir::{
    Condition, ConditionTest, FieldPath, Literal, PathStep, Rule, RuleKind, Struct, Type,
};

/// Names the generated code binds itself; a path step named like one of
/// these gets another binding name.
const RESERVED: [&str; 7] = ["v", "value", "sum", "complete", "expected", "bound", "len"];

/// A rule's checking code, or `None` when it has nothing to check.
pub(crate) fn emit(
    ctx: &Ctx<'_>,
    s: &Struct,
    rule: &Rule,
) -> Result<Option<TokenStream>, EmitError> {
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
    match &rule.kind {
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
    }
}

/// A condition in words; `code` wraps paths and values in backticks (rustdoc).
pub(crate) fn condition_text(c: &Condition) -> String {
    condition_words(c, true)
}

fn condition_words(c: &Condition, code: bool) -> String {
    let tick = if code { "`" } else { "" };
    let path = format!("{tick}{}{tick}", c.field.dotted());
    let value = |l: &Literal| {
        let text = match l {
            Literal::String(s) => format!("{s:?}"),
            Literal::Integer(i) => i.to_string(),
            Literal::Boolean(b) => b.to_string(),
            Literal::EnumValue { wire, .. } => format!("{wire:?}"),
        };
        format!("{tick}{text}{tick}")
    };
    match &c.test {
        ConditionTest::Present(true) => format!("{path} is present"),
        ConditionTest::Present(false) => format!("{path} is absent"),
        ConditionTest::OneOf(values) if values.len() == 1 => {
            format!("{path} is {}", value(&values[0]))
        }
        ConditionTest::OneOf(values) => {
            format!(
                "{path} is one of {}",
                values.iter().map(value).collect::<Vec<_>>().join(", ")
            )
        }
    }
}

/// How a path without `each` steps is read.
enum Access {
    /// Always present: a place expression of type `T`.
    Direct(TokenStream),
    /// A place of type `Option<T>` (every step before the last is mandatory).
    OptPlace(TokenStream),
    /// An expression of type `Option<&T>` through optional parents.
    Chain(TokenStream),
}

/// A number read from a path: always there (`i64`) or maybe (`Option<i64>`).
enum Number {
    Always(TokenStream),
    Maybe(TokenStream),
}

/// A condition as code: statements to run first, and the test both ways.
struct Cond {
    prelude: Option<TokenStream>,
    holds: TokenStream,
    fails: TokenStream,
}

/// Text as a `format!` string that prints it literally.
fn esc(text: &str) -> String {
    text.replace('{', "{{").replace('}', "}}")
}

/// A segment of a reported JSON path.
#[derive(Clone)]
enum Seg {
    Name(String),
    Index(Ident),
}

/// The reported path: a string literal, or `format!` when it has indexes.
fn path_expr(segs: &[Seg]) -> TokenStream {
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
        quote!(format!(#text))
    } else {
        quote!(#text)
    }
}

/// What a walk hands to the rule at the end of a path.
struct Leaf {
    /// A place of type `T` or `Option<T>` (`optional`), or a binding of type `&T` (`element`).
    expr: TokenStream,
    optional: bool,
    element: bool,
    ty: Type,
    path: TokenStream,
}

struct RuleCtx<'c, 'a> {
    ctx: &'c Ctx<'a>,
    s: &'c Struct,
    item: &'c str,
}

impl RuleCtx<'_, '_> {
    fn err(&self, message: impl Into<String>) -> EmitError {
        self.ctx.err(self.item, message)
    }

    fn field_ident(&self, step: &PathStep) -> Result<Ident, EmitError> {
        ident(&step.rust_name).map_err(|m| self.err(m))
    }

    /// A binding name for the value of `step`: its own name unless reserved.
    fn binding(&self, step: &PathStep) -> Result<Ident, EmitError> {
        let bare = step.rust_name.trim_start_matches("r#");
        let index_like = bare.starts_with('i') && bare[1..].chars().all(|c| c.is_ascii_digit());
        if RESERVED.contains(&bare) || bare.starts_with("item") || index_like {
            Ok(format_ident!("{}_field", bare))
        } else {
            self.field_ident(step)
        }
    }

    /// Reads a path without `each` steps from `root`.
    fn access(&self, root: TokenStream, path: &FieldPath) -> Result<Access, EmitError> {
        let mut acc = Access::Direct(root);
        for step in &path.steps {
            if step.each {
                return Err(self.err(format!(
                    "`{}` steps into array elements, which is not supported here",
                    path.dotted()
                )));
            }
            let f = self.field_ident(step)?;
            acc = match (acc, step.optional) {
                (Access::Direct(p), false) => Access::Direct(quote!(#p.#f)),
                (Access::Direct(p), true) => Access::OptPlace(quote!(#p.#f)),
                (Access::OptPlace(p), false) => Access::Chain(quote!(#p.as_ref().map(|x| &x.#f))),
                (Access::OptPlace(p), true) => {
                    Access::Chain(quote!(#p.as_ref().and_then(|x| x.#f.as_ref())))
                }
                (Access::Chain(o), false) => Access::Chain(quote!(#o.map(|x| &x.#f))),
                (Access::Chain(o), true) => Access::Chain(quote!(#o.and_then(|x| x.#f.as_ref()))),
            };
        }
        Ok(acc)
    }

    /// A numeric path as `i64` or `Option<i64>`.
    fn number(&self, root: TokenStream, path: &FieldPath) -> Result<Number, EmitError> {
        let ty = path
            .steps
            .last()
            .map(|s| &s.ty)
            .ok_or_else(|| self.err("empty path"))?;
        let acc = self.access(root, path)?;
        Ok(match (ty, acc) {
            (Type::Integer, Access::Direct(p)) => Number::Always(p),
            (Type::AmountIdr, Access::Direct(p)) => Number::Always(quote!(#p.value())),
            (Type::Integer, Access::OptPlace(p)) => Number::Maybe(p),
            (Type::AmountIdr, Access::OptPlace(p)) => Number::Maybe(quote!(#p.map(|x| x.value()))),
            (Type::Integer, Access::Chain(o)) => Number::Maybe(quote!(#o.copied())),
            (Type::AmountIdr, Access::Chain(o)) => Number::Maybe(quote!(#o.map(|x| x.value()))),
            _ => {
                return Err(self.err(format!(
                    "`{}` must be an integer or an IDR amount",
                    path.dotted()
                )))
            }
        })
    }

    /// A local name for the value a condition reads (`payment_type`).
    fn condition_binding(&self, path: &FieldPath) -> Ident {
        let joined: Vec<&str> = path
            .steps
            .iter()
            .map(|s| s.rust_name.trim_start_matches("r#"))
            .collect();
        format_ident!("{}_value", joined.join("_"))
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
        let acc = self.access(quote!(self), &c.field)?;
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
                let (some, none) = (quote!(#opt.is_some()), quote!(#opt.is_none()));
                let (holds, fails) = if *present { (some, none) } else { (none, some) };
                return Ok(Cond {
                    prelude: None,
                    holds,
                    fails,
                });
            }
            ConditionTest::OneOf(values) => values,
        };
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
            let lit = self.ctx.literal(l, &self.s.scope, self.item)?;
            pats.push(if *ty == Type::AmountIdr {
                quote!(payspec_runtime::money::Idr(#lit))
            } else {
                lit
            });
        }
        if let (Type::Boolean, Access::Direct(p)) = (ty, &acc) {
            let (t, f) = (quote!(#p), quote!(!#p));
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
            Access::Direct(p) if string => (None, quote!(#p.as_str()), false),
            Access::Direct(p) => (None, p, false),
            Access::OptPlace(p) if string => (None, quote!(#p.as_deref()), true),
            Access::OptPlace(p) => (None, p, true),
            Access::Chain(o) => {
                let name = self.condition_binding(&c.field);
                let read = if string {
                    quote!(#o.map(String::as_str))
                } else {
                    o
                };
                (Some(quote!(let #name = #read;)), quote!(#name), true)
            }
        };
        let test = if optional {
            quote!(matches!(#scrutinee, Some(#(#pats)|*)))
        } else {
            quote!(matches!(#scrutinee, #(#pats)|*))
        };
        Ok(Cond {
            prelude,
            holds: test.clone(),
            fails: quote!(!#test),
        })
    }

    /// Walks `steps` from `root` (a place of the struct, or a binding),
    /// looping over `each` steps and skipping absent optional parents, and
    /// calls `leaf` at the end. `None` from `leaf` means no code.
    fn walk(
        &self,
        root: TokenStream,
        steps: &[PathStep],
        segs: Vec<Seg>,
        depth: usize,
        leaf: &dyn Fn(Leaf) -> Result<Option<TokenStream>, EmitError>,
    ) -> Result<Option<TokenStream>, EmitError> {
        let Some((step, rest)) = steps.split_first() else {
            return Err(self.err("empty path"));
        };
        let field = self.field_ident(step)?;
        let place = quote!(#root.#field);
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
                (format_ident!("i"), format_ident!("item"))
            } else {
                (format_ident!("i{depth}"), format_ident!("item{depth}"))
            };
            segs.push(Seg::Index(i.clone()));
            let body = if rest.is_empty() {
                let path = path_expr(&segs);
                leaf(Leaf {
                    expr: quote!(#item),
                    optional: false,
                    element: true,
                    ty: step.ty.clone(),
                    path,
                })?
            } else {
                self.walk(quote!(#item), rest, segs, depth + 1, leaf)?
            };
            let Some(body) = body else { return Ok(None) };
            return Ok(Some(if step.optional {
                let list = self.binding(step)?;
                quote! {
                    if let Some(#list) = &#place {
                        for (#i, #item) in #list.iter().enumerate() {
                            #body
                        }
                    }
                }
            } else {
                quote! {
                    for (#i, #item) in #place.iter().enumerate() {
                        #body
                    }
                }
            }));
        }
        if step.optional {
            let binding = self.binding(step)?;
            let body = self.walk(quote!(#binding), rest, segs, depth, leaf)?;
            Ok(body.map(|body| quote!(if let Some(#binding) = &#place { #body })))
        } else {
            self.walk(place, rest, segs, depth, leaf)
        }
    }

    fn required_if(
        &self,
        fields: &[FieldPath],
        when: &Condition,
    ) -> Result<Option<TokenStream>, EmitError> {
        let message = format!("is required when {}", condition_words(when, false));
        let mut checks = Vec::new();
        for f in fields {
            // `when_holds && …` in one `if` (not nested ifs): clippy's
            // collapsible_if would reject the nested form in generated code.
            let check = self.walk(quote!(self), &f.steps, Vec::new(), 0, &|leaf| {
                Ok((leaf.optional && !leaf.element).then(|| {
                    let (expr, path) = (leaf.expr, leaf.path);
                    quote!(if when_holds && #expr.is_none() { v.fail_at(#path, "required_if", #message); })
                }))
            })?;
            checks.extend(check);
        }
        if checks.is_empty() {
            return Ok(None);
        }
        let Cond { prelude, holds, .. } = self.condition(when)?;
        Ok(Some(
            quote!({ #prelude let when_holds = #holds; #(#checks)* }),
        ))
    }

    fn only_if(
        &self,
        fields: &[FieldPath],
        when: &Condition,
    ) -> Result<Option<TokenStream>, EmitError> {
        let message = format!("may only be sent when {}", condition_words(when, false));
        let mut checks = Vec::new();
        for f in fields {
            let check = self.walk(quote!(self), &f.steps, Vec::new(), 0, &|leaf| {
                if leaf.element || !leaf.optional {
                    return Err(self.err(format!(
                        "`{}` is always present, so it cannot be restricted by `only_if`",
                        f.dotted()
                    )));
                }
                let (expr, path) = (leaf.expr, leaf.path);
                Ok(Some(
                    quote!(if when_fails && #expr.is_some() { v.fail_at(#path, "only_if", #message); }),
                ))
            })?;
            checks.extend(check);
        }
        let Cond { prelude, fails, .. } = self.condition(when)?;
        Ok(Some(
            quote!({ #prelude let when_fails = #fails; #(#checks)* }),
        ))
    }

    fn one_of_required(&self, fields: &[FieldPath]) -> Result<Option<TokenStream>, EmitError> {
        let Some(first) = fields.first() else {
            return Err(self.err("`one_of_required` lists no fields"));
        };
        let mut absent = Vec::new();
        for f in fields {
            match self.access(quote!(self), f)? {
                Access::OptPlace(o) | Access::Chain(o) => absent.push(quote!(#o.is_none())),
                // A mandatory candidate is always there: the rule always holds.
                Access::Direct(_) => return Ok(None),
            }
        }
        let names: Vec<String> = fields.iter().map(FieldPath::dotted).collect();
        let message = format!("at least one of {} must be present", names.join(", "));
        let path = first.dotted();
        Ok(Some(quote! {
            if #(#absent)&&* {
                v.fail_at(#path, "one_of_required", #message);
            }
        }))
    }

    fn max_len_if(
        &self,
        field: &FieldPath,
        max_len: u32,
        when: &Condition,
    ) -> Result<Option<TokenStream>, EmitError> {
        let max = proc_macro2::Literal::usize_unsuffixed(max_len as usize);
        let message = format!(
            "is {{len}} characters long; at most {max_len} are allowed when {}",
            esc(&condition_words(when, false))
        );
        let check = self.walk(quote!(self), &field.steps, Vec::new(), 0, &|leaf| {
            if leaf.ty != Type::String {
                return Err(self.err(format!(
                    "`{}` must be a string to have a length",
                    field.dotted()
                )));
            }
            let path = leaf.path;
            let fail = quote! {
                if len > #max {
                    v.fail_at(#path, "max_len_if", format!(#message));
                }
            };
            let expr = leaf.expr;
            Ok(Some(if leaf.optional {
                quote!(if let Some(value) = &#expr { let len = value.chars().count(); #fail })
            } else {
                quote!(let len = #expr.chars().count(); #fail)
            }))
        })?;
        let Some(check) = check else { return Ok(None) };
        let Cond { prelude, holds, .. } = self.condition(when)?;
        Ok(Some(quote!(#prelude if #holds { #check })))
    }

    fn not_greater_than(
        &self,
        field: &FieldPath,
        than: &FieldPath,
    ) -> Result<Option<TokenStream>, EmitError> {
        let message = format!(
            "is {{value}}, which is greater than {} ({{bound}})",
            esc(&than.dotted())
        );
        let check = self.walk(quote!(self), &field.steps, Vec::new(), 0, &|leaf| {
            let expr = leaf.expr;
            let value = match (&leaf.ty, leaf.element, leaf.optional) {
                (Type::Integer, true, _) => quote!(*#expr),
                (Type::AmountIdr, true, _) => quote!(#expr.value()),
                (Type::Integer, false, _) => quote!(#expr),
                (Type::AmountIdr, false, false) => quote!(#expr.value()),
                (Type::AmountIdr, false, true) => quote!(#expr.map(|x| x.value())),
                _ => {
                    return Err(self.err(format!(
                        "`{}` must be an integer or an IDR amount",
                        field.dotted()
                    )))
                }
            };
            let path = leaf.path;
            let fail = quote! {
                if value > bound {
                    v.fail_at(#path, "not_greater_than", format!(#message));
                }
            };
            Ok(Some(if leaf.optional && !leaf.element {
                quote!(if let Some(value) = #value { #fail })
            } else {
                quote!(let value = #value; #fail)
            }))
        })?;
        let Some(check) = check else { return Ok(None) };
        Ok(Some(match self.number(quote!(self), than)? {
            Number::Always(bound) => quote!({ let bound = #bound; #check }),
            Number::Maybe(bound) => quote!(if let Some(bound) = #bound { #check }),
        }))
    }

    fn sum_equals(
        &self,
        array: &FieldPath,
        multiply: &[FieldPath],
        equals: &FieldPath,
    ) -> Result<Option<TokenStream>, EmitError> {
        if multiply.is_empty() {
            return Err(self.err("`sum_equals` multiplies no fields"));
        }
        let array_step = array
            .steps
            .last()
            .ok_or_else(|| self.err("empty array path"))?;
        let items = self.binding(array_step)?;
        let item = format_ident!("item");
        // Factors always present are bound inside the loop; maybe-absent ones
        // are matched so the sum is only checked when every factor is there.
        let mut present = Vec::new();
        let mut maybe = Vec::new();
        let mut names: Vec<Ident> = Vec::new();
        for (k, m) in multiply.iter().enumerate() {
            let step = m
                .steps
                .last()
                .ok_or_else(|| self.err("empty factor path"))?;
            let b = self.binding(step)?;
            let name = if names.contains(&b) || b == items || b == "item" {
                format_ident!("factor{}", k)
            } else {
                b
            };
            match self.number(quote!(#item), m)? {
                Number::Always(e) => present.push(quote!(let #name = #e;)),
                Number::Maybe(e) => maybe.push((name.clone(), e)),
            }
            names.push(name);
        }
        let first = &names[0];
        let rest = &names[1..];
        let add = quote!(sum = sum.and_then(|s| s.checked_add(#first #(.checked_mul(#rest)?)*)););
        let body = match maybe.as_slice() {
            [] => quote!(#(#present)* #add),
            [(n, e)] => quote! {
                if let Some(#n) = #e {
                    #(#present)*
                    #add
                } else {
                    complete = false;
                }
            },
            many => {
                let (ns, es): (Vec<_>, Vec<_>) = many.iter().cloned().unzip();
                quote! {
                    match (#(#es),*) {
                        (#(Some(#ns)),*) => {
                            #(#present)*
                            #add
                        }
                        _ => complete = false,
                    }
                }
            }
        };
        let factors: Vec<String> = multiply.iter().map(FieldPath::dotted).collect();
        let what = format!("{} over {}", factors.join(" × "), array.dotted());
        let path = equals.dotted();
        let mismatch = format!("is {{expected}}, but the sum of {} is {{sum}}", esc(&what));
        let overflow = format!("the sum of {what} overflows a 64-bit integer");
        let verdict = quote! {
            match sum {
                Some(sum) if sum != expected => v.fail_at(#path, "sum_equals", format!(#mismatch)),
                Some(_) => {}
                None => v.fail_at(#path, "sum_equals", #overflow),
            }
        };
        let (complete_decl, verdict) = if maybe.is_empty() {
            (None, verdict)
        } else {
            (
                Some(quote!(let mut complete = true;)),
                quote!(if complete { #verdict }),
            )
        };
        let sum_loop = quote! {
            let mut sum = Some(0_i64);
            #complete_decl
            for #item in #items {
                #body
            }
            #verdict
        };
        let with_expected = match self.number(quote!(self), equals)? {
            Number::Always(e) => quote!(let expected = #e; #sum_loop),
            Number::Maybe(e) => quote!(if let Some(expected) = #e { #sum_loop }),
        };
        Ok(Some(match self.access(quote!(self), array)? {
            Access::Direct(p) => quote!({ let #items = &#p; #with_expected }),
            Access::OptPlace(p) => quote!(if let Some(#items) = &#p { #with_expected }),
            Access::Chain(o) => quote!(if let Some(#items) = #o { #with_expected }),
        }))
    }
}
