//! Rustdoc text for generated items, built from the spec's own words.

use std::borrow::Cow;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Discrepancy, Field, Presence, Provider};
use crate::words::{self, Style};

/// Marks a packed doc block (see [`attrs`]).
const PACKED: char = '\u{1}';

/// Rustdoc for `text`: printed as one `///` line per line of it, with a
/// space after `///` on non-empty lines.
///
/// One `#[doc = " line"]` attribute per line would print that way, but
/// syn parsing and prettyplease printing those attributes was a fifth of
/// emission. So the lines go, each after a `\u{1}`, into a single
/// attribute, which prettyplease prints as one `///` line; [`unpack`] then
/// splits it into the lines the per-line attributes would have printed.
/// A `\u{1}` in the text itself is written out by [`comment_safe`] like
/// any control character, so it cannot be taken for a separator.
pub(crate) fn attrs(text: &str) -> TokenStream {
    let lines = text.trim_end().lines().map(|line| {
        let line = comment_safe(line.trim_end());
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    });
    let mut packed = String::with_capacity(text.len() + text.len() / 8);
    for line in lines {
        packed.push(PACKED);
        packed.push_str(&line);
    }
    if packed.is_empty() {
        return TokenStream::new();
    }
    let packed = raw_literal(&packed);
    quote!(#[doc = #packed])
}

/// `text` as a raw string literal (`r"…"`, `r#"…"#`): unlike
/// `Literal::string`, nothing to escape when building it and nothing to
/// unescape when prettyplease reads it back. A lone carriage return, which
/// raw strings cannot hold, gets the escaped form.
fn raw_literal(text: &str) -> proc_macro2::Literal {
    // One `#` more than the longest run of them after a quote in `text`.
    let mut hashes = 0;
    for (i, _) in text.match_indices('"') {
        let run = text[i + 1..].bytes().take_while(|&b| b == b'#').count();
        hashes = hashes.max(run + 1);
    }
    let hashes = "#".repeat(hashes);
    format!("r{hashes}\"{text}\"{hashes}")
        .parse()
        .unwrap_or_else(|_| proc_macro2::Literal::string(text))
}

/// `text` as doc comment lines starting with `prefix` (`//!`, `///`), each
/// ending in a newline, laid out as [`attrs`] prints them: for text written
/// straight into a file rather than through the printer.
pub(crate) fn line_comments(prefix: &str, text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for line in text.trim_end().lines() {
        let line = comment_safe(line.trim_end());
        out.push_str(prefix);
        if !line.is_empty() {
            out.push(' ');
            out.push_str(&line);
        }
        out.push('\n');
    }
    out
}

/// Splits every `///` line printed from a packed [`attrs`] block into one
/// `///` line per doc line, at the same indentation.
pub(crate) fn unpack(printed: String) -> String {
    if !printed.contains(PACKED) {
        return printed;
    }
    let mut out = String::with_capacity(printed.len() + printed.len() / 4);
    for line in printed.split_inclusive('\n') {
        let body = super::trim_indent(line);
        let Some(packed) = body
            .strip_prefix("///")
            .filter(|rest| rest.starts_with(PACKED))
        else {
            out.push_str(line);
            continue;
        };
        let indent = &line[..line.len() - body.len()];
        let packed = packed.strip_suffix('\n').unwrap_or(packed);
        for value in packed.split(PACKED).skip(1) {
            out.push_str(indent);
            out.push_str("///");
            out.push_str(value);
            out.push('\n');
        }
    }
    out
}

/// `line` as it can stand in a `//` comment. rustc rejects a bare carriage
/// return there and, by default, the Unicode bidirectional controls, which
/// can make code read otherwise than it compiles; spec text carrying one
/// (pasted or hostile) would make the generated crate fail to build. They
/// and the other control characters but tab are written as `\u{…}`. A tab
/// (samples are copied verbatim, tabs included) is expanded to spaces up to
/// the next multiple of [`TAB_WIDTH`] columns: clippy's
/// `tabs_in_doc_comments` refuses tabs in doc comments.
pub(crate) fn comment_safe(line: &str) -> Cow<'_, str> {
    fn unsafe_in_comment(c: char) -> bool {
        c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    }
    if !line.contains(unsafe_in_comment) {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut column = 0;
    for c in line.chars() {
        if c == '\t' {
            let spaces = TAB_WIDTH - column % TAB_WIDTH;
            out.push_str(&" ".repeat(spaces));
            column += spaces;
            continue;
        }
        if unsafe_in_comment(c) {
            let escaped = format!("\\u{{{:x}}}", u32::from(c));
            column += escaped.chars().count();
            out.push_str(&escaped);
        } else {
            out.push(c);
            column += 1;
        }
    }
    Cow::Owned(out)
}

/// The tab stops a tab in doc text is expanded to.
const TAB_WIDTH: usize = 4;

/// Makes spec text safe as rustdoc: escapes what rustdoc would read as
/// links or HTML (`[x]`, `<tag>`) outside code, drops leading indentation
/// (four spaces would start a code block, which rustdoc runs as a doctest)
/// and marks unlabelled code fences as `text` for the same reason.
pub(crate) fn md(text: &str) -> String {
    let mut out = Vec::new();
    let mut in_fence = false;
    for raw in text.lines() {
        let line = raw.trim_start();
        if let Some(lang) = line.strip_prefix("```") {
            out.push(if !in_fence && lang.trim().is_empty() {
                "```text".to_owned()
            } else {
                line.to_owned()
            });
            in_fence = !in_fence;
        } else if in_fence {
            // Code keeps its indentation.
            out.push(raw.to_owned());
        } else {
            out.push(escape_line(line));
        }
    }
    out.join("\n")
}

fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_code = false;
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        // A bare URL in spec text becomes an autolink: rustdoc warns on bare
        // URLs, and `<` would otherwise be escaped below.
        if !in_code && (rest.starts_with("https://") || rest.starts_with("http://")) {
            let end = rest
                .find(|c: char| {
                    c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | ')' | '`')
                })
                .unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches(['.', ',', ';', ':']);
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = &rest[url.len()..];
            continue;
        }
        match c {
            '`' => {
                in_code = !in_code;
                out.push(c);
            }
            '[' | ']' | '<' if !in_code => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Joins paragraphs with a blank line, skipping empty ones.
pub(crate) fn paragraphs<I: IntoIterator<Item = String>>(parts: I) -> String {
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A quote from the docs as a Markdown block quote.
pub(crate) fn block_quote(text: &str) -> String {
    text.trim()
        .lines()
        .map(|l| {
            if l.trim().is_empty() {
                ">".to_owned()
            } else {
                format!("> {}", md(l.trim()))
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The module doc of a provider: what it is, how to start (the client and
/// a first call), then the reference (sources, authentication, headers,
/// discrepancies).
pub(crate) fn provider_doc(p: &Provider) -> String {
    let mut parts = vec![md(&p.doc)];
    parts.extend(quick_start(p));
    if !p.docs.is_empty() {
        let files: Vec<String> = p.docs.iter().map(|d| format!("`{d}`")).collect();
        parts.push(format!(
            "Specified from the provider docs {}.",
            files.join(", ")
        ));
    }
    parts.push(format!("# Authentication\n\n{}", md(&p.auth.doc)));
    for (title, headers) in [
        ("Request headers", &p.request_headers),
        ("Response headers", &p.response_headers),
    ] {
        if !headers.is_empty() {
            let lines: Vec<String> = headers
                .iter()
                .map(|h| {
                    format!(
                        "- `{}`: {}",
                        h.wire_name,
                        md(&h.field.doc).replace('\n', " ")
                    )
                })
                .collect();
            parts.push(format!("# {title}\n\n{}", lines.join("\n")));
        }
    }
    if !p.discrepancies.is_empty() {
        let mut s = String::from("# Discrepancies in the provider docs\n\nWhere the docs contradict themselves, the generated code follows these choices:");
        for d in &p.discrepancies {
            if d.about.is_empty() {
                s.push_str(&format!("\n- {}", md(&d.accepts)));
            } else {
                s.push_str(&format!("\n- `{}`: {}", d.about, md(&d.accepts)));
            }
        }
        parts.push(s);
    }
    paragraphs(parts)
}

/// `# Quick start`: building the client and calling the provider's first
/// endpoint, compiled as a doctest of the client crate. `None` for a
/// provider without endpoints.
fn quick_start(p: &Provider) -> Option<String> {
    use crate::ir::{EndpointKind, Scope};
    let e = p
        .endpoints
        .iter()
        .find(|e| e.kind == EndpointKind::Endpoint)?;
    let name = &p.name;
    // `Config`'s constructors take the spec's credentials in order.
    let credentials: Vec<String> = p
        .auth
        .recipes
        .credentials
        .iter()
        .map(|c| format!("\"<your {}>\"", c.name.replace('_', " ")))
        .collect();
    let config = match p.environments.iter().find(|env| !env.base_url.is_empty()) {
        Some(env) => format!("Config::{}({})", env.name, credentials.join(", ")),
        None => format!("Config::new(\"<base URL>\", {})", credentials.join(", ")),
    };
    let mut params: Vec<String> = Vec::new();
    let mut args: Vec<String> = e
        .path_params
        .iter()
        .map(|param| format!("\"<{}>\"", param.wire_name))
        .collect();
    if let Some(body) = &e.request {
        let scope = p.structs.iter().find(|s| &s.name == body).map(|s| &s.scope);
        let path = match scope {
            Some(Scope::Area(area)) => format!("payspec::{name}::{area}::{body}"),
            _ => format!("payspec::{name}::{body}"),
        };
        params.push(format!("request: &{path}"));
        args.push("request".to_owned());
    }
    Some(format!(
        "# Quick start\n\n\
         One [`Client`](crate::{name}::Client) per set of credentials (clone it to share it between \
         tasks). Each endpoint is a method that validates the request, signs it, \
         sends it and decodes the documented answer (see its `# Errors`):\n\n\
         ```rust,no_run\n\
         use payspec::{name}::{{Client, Config}};\n\n\
         async fn first_call({params}) -> Result<(), payspec::Error> {{\n\
         \x20   let client = Client::new({config});\n\
         \x20   let response = client.{method}({args}).await?;\n\
         \x20   println!(\"{{response:?}}\");\n\
         \x20   Ok(())\n\
         }}\n\
         ```\n\n\
         Timeouts, retries and response verification are set on \
         [`Config`](crate::{name}::Config); \
         the Markdown reference (`generated/docs/{name}/`) builds a full request \
         for every endpoint.",
        params = params.join(", "),
        method = e.name,
        args = args.join(", "),
    ))
}

/// The module doc of an area.
pub(crate) fn area_doc(p: &Provider, area: &str) -> String {
    let endpoints: Vec<String> = p
        .endpoints
        .iter()
        .filter(|e| e.area == area)
        .map(|e| format!("- `{}`: {}", e.name, md(&e.summary)))
        .collect();
    if endpoints.is_empty() {
        format!("{} `{area}` types.", p.title)
    } else {
        format!(
            "{} `{area}` API: request, response and error types.\n\n{}",
            p.title,
            endpoints.join("\n")
        )
    }
}

/// A discrepancy section, quoting both sides and what is accepted.
pub(crate) fn discrepancy(d: &Discrepancy) -> String {
    let mut s = String::from("# Discrepancy in the provider docs\n\n");
    if !d.about.is_empty() {
        s.push_str(&format!("About `{}`. ", d.about));
    }
    s.push_str("The docs say, in one place:");
    for (i, q) in d.quotes.iter().enumerate() {
        if i > 0 {
            s.push_str("\n\nand in another:");
        }
        s.push_str("\n\n");
        s.push_str(&block_quote(q));
    }
    s.push_str(&format!("\n\nAccepted: {}", md(&d.accepts)));
    s
}

/// Rustdoc of a struct field: the docs' text, presence, limits, default.
/// `request`: the field is validated (a minimum is only checked there).
pub(crate) fn field(f: &Field, request: bool) -> String {
    let mut facts = vec![match f.presence {
        Presence::Mandatory => "Mandatory.".to_owned(),
        Presence::Optional => "Optional.".to_owned(),
        Presence::Conditional => "Conditional: see the rules on the request type.".to_owned(),
        Presence::Recommended => {
            "Recommended: optional, but the provider advises sending it.".to_owned()
        }
    }];
    // Limits on an array field apply to each element.
    let each = if matches!(f.ty, crate::ir::Type::Array(_)) {
        "Each element: "
    } else {
        ""
    };
    if let Some(limit) = words::length(f.min_len, f.max_len) {
        facts.push(words::capitalise(&format!("{each}{limit}.")));
    }
    if let Some(format) = f.format {
        facts.push(format!("Format: {}.", words::format(format)));
    }
    if let Some(min) = f.minimum.filter(|_| request) {
        facts.push(words::capitalise(&format!(
            "{each}{}.",
            words::minimum(min)
        )));
    }
    if let Some(default) = &f.default {
        facts.push(format!("Default: {}.", words::value(default, Style::Code)));
    }
    if !f.aliases.is_empty() {
        let names: Vec<String> = f.aliases.iter().map(|a| format!("`{a}`")).collect();
        facts.push(format!("Also read from {}.", names.join(", ")));
    }
    if f.sensitive {
        facts.push("Sensitive: never printed by `Debug`.".to_owned());
    }
    let mut parts = vec![md(&f.doc), facts.join(" ")];
    if f.wire_name != f.rust_name.trim_start_matches("r#") {
        parts.push(format!("Wire name: `{}`.", f.wire_name));
    }
    if let Some(d) = &f.discrepancy {
        parts.push(discrepancy(d));
    }
    paragraphs(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_rustc_refuses_in_comments_are_written_out() {
        assert_eq!(
            comment_safe("a\rb\u{202E}c\u{2066}d\u{1}e"),
            "a\\u{d}b\\u{202e}c\\u{2066}d\\u{1}e"
        );
        assert!(matches!(comment_safe("here × é ✓"), Cow::Borrowed(_)));
    }

    #[test]
    fn tabs_become_spaces_to_the_next_tab_stop() {
        assert_eq!(comment_safe("\t{"), "    {");
        assert_eq!(comment_safe("ab\tc\t\td"), "ab  c       d");
        assert!(!attrs("x\ty").to_string().contains('\t'));
    }

    #[test]
    fn bare_urls_become_autolinks_but_code_spans_stay() {
        assert_eq!(
            md(
                r#"e.g. "https://api.doku.com/credit-card/v1/payment-page". See `http://x.test/a`."#
            ),
            r#"e.g. "<https://api.doku.com/credit-card/v1/payment-page>". See `http://x.test/a`."#
        );
        assert_eq!(
            md("post https://h.test/v2//cancel?"),
            "post <https://h.test/v2//cancel?>"
        );
        assert_eq!(md("a [b] <c>"), "a \\[b\\] \\<c>");
    }

    #[test]
    fn markdown_is_escaped_outside_code_spans() {
        assert_eq!(md("see [here] <b> `a[0]`"), "see \\[here\\] \\<b> `a[0]`");
    }

    #[test]
    fn indented_text_and_bare_fences_do_not_become_doctests() {
        assert_eq!(
            md("a\n    indented\n```\nx[0]\n```"),
            "a\nindented\n```text\nx[0]\n```"
        );
    }

    /// What prettyplease prints for `tokens` as a file, unpacked.
    fn printed(tokens: TokenStream) -> String {
        let file = syn::parse2::<syn::File>(tokens).expect("parses");
        unpack(prettyplease::unparse(&file))
    }

    #[test]
    fn doc_lines_get_a_leading_space_and_blank_lines_stay_blank() {
        let doc = attrs("one  \n\n  two\n\n");
        assert_eq!(
            printed(quote!(mod m { #doc pub struct S; })),
            "mod m {\n    /// one\n    ///\n    ///   two\n    pub struct S;\n}\n"
        );
    }

    #[test]
    fn packed_docs_print_as_the_per_line_attributes_would() {
        let text = "Summary [x].\n\n# Rules\n\n> quoted `a`\n- item /* no */ \"q\" \\ é";
        let packed = attrs(text);
        let lines = text.lines().map(|l| match l.trim_end() {
            "" => String::new(),
            l => format!(" {l}"),
        });
        let per_line = quote!(#(#[doc = #lines])*);
        let item = |doc: TokenStream| {
            quote! {
                #doc
                pub struct S {
                    #doc
                    pub a: i64,
                }
                impl S {
                    #doc
                    pub fn f(&self) {}
                }
            }
        };
        let expected = printed(item(per_line));
        assert!(expected.contains("    /// - item /* no */"), "{expected}");
        assert_eq!(printed(item(packed)), expected);
    }

    #[test]
    fn text_holding_the_marker_has_it_written_out_and_cannot_split_a_line() {
        let doc = attrs("a\u{1}b\nc");
        assert_eq!(
            unpack(printed(quote!(#doc struct S;))),
            "/// a\\u{1}b\n/// c\nstruct S;\n"
        );
    }

    #[test]
    fn raw_literals_hold_any_text_and_read_back_unchanged() {
        for text in [
            "plain",
            "a \"quote\"",
            "\"# and \"## inside",
            "\\n \\u{1} é",
            "cr\rlone",
        ] {
            let lit = raw_literal(text);
            let parsed: syn::LitStr = syn::parse2(quote!(#lit)).expect("a string literal");
            assert_eq!(parsed.value(), text);
        }
        assert!(raw_literal("x").to_string().starts_with('r'));
        assert!(raw_literal("a\"#b").to_string().starts_with("r##\""));
        assert!(raw_literal("cr\rlone").to_string().starts_with('"'));
    }

    #[test]
    fn empty_text_has_no_doc() {
        assert!(attrs(" \n\n").is_empty());
    }
}
