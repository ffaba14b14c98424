//! Decision tables (channel and bank rules) as query functions: one `if`
//! per row, first match wins, documented with the table itself.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc, ident, Ctx, EmitError};
use crate::ir::{Decision, DecisionInput, DecisionMatch, DecisionType, Literal};

pub(crate) fn emit(ctx: &Ctx<'_>, d: &Decision) -> Result<TokenStream, EmitError> {
    let item = format!("decision {}", d.name);
    let name = ident(&d.name).map_err(|m| ctx.err(&item, m))?;
    let used: Vec<bool> = (0..d.inputs.len())
        .map(|i| d.rows.iter().any(|r| r.when.iter().any(|(k, _)| *k == i)))
        .collect();
    let mut params = Vec::new();
    let mut arg_names = Vec::new();
    for (input, used) in d.inputs.iter().zip(&used) {
        // An input no row tests is still part of the documented signature.
        let arg = if *used {
            ident(&input.name)
        } else {
            ident(&format!("_{}", input.name))
        }
        .map_err(|m| ctx.err(&item, m))?;
        let ty = match &input.ty {
            DecisionType::Boolean => quote!(bool),
            DecisionType::Enum(e) => {
                let path = ctx.enum_path(e, &d.scope, &item)?;
                quote!(&#path)
            }
        };
        params.push(if input.optional {
            quote!(#arg: Option<#ty>)
        } else {
            quote!(#arg: #ty)
        });
        arg_names.push(arg);
    }
    let output = match &d.output {
        DecisionType::Boolean => quote!(bool),
        DecisionType::Enum(e) => ctx.enum_path(e, &d.scope, &item)?,
    };
    let wrap = |value: TokenStream| {
        if d.otherwise.is_some() {
            value
        } else {
            quote!(Some(#value))
        }
    };
    let mut arms = Vec::new();
    let mut tail = None;
    for (r, row) in d.rows.iter().enumerate() {
        let then = wrap(ctx.literal(&row.then, &d.scope, &item)?);
        let mut conds = Vec::new();
        for (k, m) in &row.when {
            let input = d.inputs.get(*k).ok_or_else(|| {
                ctx.err(
                    &item,
                    format!("row {} tests input {k}, which does not exist", r + 1),
                )
            })?;
            conds.extend(condition(ctx, d, &item, input, &arg_names[*k], m)?);
        }
        if conds.is_empty() {
            // A row that matches anything ends the table.
            tail = Some(then);
            break;
        }
        arms.push(quote!(if #(#conds)&&* { return #then; }));
    }
    let tail = match (tail, &d.otherwise) {
        (Some(t), _) => t,
        (None, Some(o)) => ctx.literal(o, &d.scope, &item)?,
        (None, None) => quote!(None),
    };
    let ret = if d.otherwise.is_some() {
        output
    } else {
        quote!(Option<#output>)
    };
    let fn_doc = doc::attrs(&decision_doc(d));
    Ok(quote! {
        #fn_doc
        pub fn #name(#(#params),*) -> #ret {
            #(#arms)*
            #tail
        }
    })
}

/// The test of one input, or `None` when it matches any value.
fn condition(
    ctx: &Ctx<'_>,
    d: &Decision,
    item: &str,
    input: &DecisionInput,
    arg: &proc_macro2::Ident,
    m: &DecisionMatch,
) -> Result<Option<TokenStream>, EmitError> {
    let (values, negate) = match m {
        DecisionMatch::AnyOf(v) => (v, false),
        DecisionMatch::NoneOf(v) => (v, true),
    };
    if values.is_empty() {
        return Err(ctx.err(
            item,
            format!("input `{}` is matched against no values", input.name),
        ));
    }
    let test = match (&input.ty, input.optional) {
        (DecisionType::Boolean, false) => {
            let has = |b: bool| values.contains(&Literal::Boolean(b));
            match (has(true), has(false), negate) {
                (true, true, false) => return Ok(None),
                (true, true, true) => {
                    return Err(ctx.err(
                        item,
                        format!(
                            "input `{}` excludes both booleans, so the row never matches",
                            input.name
                        ),
                    ))
                }
                (true, false, false) | (false, true, true) => return Ok(Some(quote!(#arg))),
                (false, true, false) | (true, false, true) => return Ok(Some(quote!(!#arg))),
                (false, false, _) => {
                    return Err(ctx.err(
                        item,
                        format!(
                            "input `{}` is a boolean, matched against non-booleans",
                            input.name
                        ),
                    ))
                }
            }
        }
        (_, optional) => {
            let mut pats = Vec::new();
            for v in values {
                pats.push(ctx.literal(v, &d.scope, item)?);
            }
            if optional {
                quote!(matches!(#arg, Some(#(#pats)|*)))
            } else {
                quote!(matches!(#arg, #(#pats)|*))
            }
        }
    };
    Ok(Some(if negate { quote!(!#test) } else { test }))
}

fn decision_doc(d: &Decision) -> String {
    let mut parts = vec![doc::md(&d.doc)];
    let params: Vec<String> = d
        .inputs
        .iter()
        .map(|i| {
            format!(
                "- `{}`{}: {}",
                i.name,
                if i.optional { " (optional)" } else { "" },
                doc::md(&i.doc)
            )
        })
        .collect();
    parts.push(format!("# Parameters\n\n{}", params.join("\n")));
    if d.otherwise.is_none() {
        parts.push(
            "Returns `None` when no row of the table matches: the docs do not say.".to_owned(),
        );
    }
    parts.push(format!("# Source\n\n{}", doc::block_quote(&d.source)));
    parts.push(format!(
        "# Table\n\nThe first matching row wins.\n\n{}",
        table(d)
    ));
    doc::paragraphs(parts)
}

/// The rows as a Markdown table, one column per input plus the result.
fn table(d: &Decision) -> String {
    let cell = |text: String| text.replace('|', "\\|");
    let mut lines = Vec::new();
    let mut header: Vec<String> = d.inputs.iter().map(|i| format!("`{}`", i.name)).collect();
    header.push("result".to_owned());
    lines.push(format!("| {} |", header.join(" | ")));
    lines.push(format!("|{}", " --- |".repeat(header.len())));
    for row in &d.rows {
        let mut cells: Vec<String> = d
            .inputs
            .iter()
            .enumerate()
            .map(|(k, _)| match row.when.iter().find(|(i, _)| *i == k) {
                None => "any".to_owned(),
                Some((_, DecisionMatch::AnyOf(v))) => cell(values(v, " or ")),
                Some((_, DecisionMatch::NoneOf(v))) => cell(format!("not {}", values(v, ", "))),
            })
            .collect();
        cells.push(cell(crate::words::value(
            &row.then,
            crate::words::Style::Code,
        )));
        lines.push(format!("| {} |", cells.join(" | ")));
    }
    if let Some(o) = &d.otherwise {
        let mut cells = vec!["otherwise".to_owned()];
        cells.resize(d.inputs.len().max(1), String::new());
        cells.push(cell(crate::words::value(o, crate::words::Style::Code)));
        lines.push(format!("| {} |", cells.join(" | ")));
    }
    lines.join("\n")
}

fn values(v: &[Literal], sep: &str) -> String {
    v.iter()
        .map(|l| crate::words::value(l, crate::words::Style::Code))
        .collect::<Vec<_>>()
        .join(sep)
}
