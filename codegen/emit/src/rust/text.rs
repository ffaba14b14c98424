//! Rust source written directly as text, for the items of the type crates:
//! struct definitions, their codecs, constructors and `Validate` impls
//! (through the statement trees of `stmt.rs`), and enums. Building tokens,
//! parsing them with `syn` and printing them with `prettyplease` cost most
//! of the emission time at 1,000 endpoints (BENCHMARKS.md, section 1), so
//! these items are printed in prettyplease's layout by hand instead: the
//! same bytes, a fifth of the time. Decision tables and the client module
//! still go through tokens: [`Piece`].

use proc_macro2::TokenStream;

/// prettyplease's line width: a line is broken when it would be longer.
pub(crate) const MARGIN: usize = 89;

const INDENT: &str = "    ";

/// One top-level item (or run of items) of a generated file.
pub(crate) enum Piece {
    /// Already printed, whole lines.
    Text(String),
    /// To be printed with prettyplease.
    Tokens(TokenStream),
}

/// A Rust source file being written line by line.
#[derive(Default)]
pub(crate) struct Code {
    out: String,
    depth: usize,
}

impl Code {
    /// An empty file.
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// The text written so far.
    pub(crate) fn finish(self) -> String {
        self.out
    }

    /// The column the next line starts at.
    pub(crate) fn column(&self) -> usize {
        self.depth * INDENT.len()
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str(INDENT);
        }
    }

    /// One line at the current indentation.
    pub(crate) fn line(&mut self, text: &str) {
        self.indent();
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// A line opening a block (`impl X {`): what follows is indented.
    pub(crate) fn open(&mut self, text: &str) {
        self.line(text);
        self.depth += 1;
    }

    /// A line closing the innermost block (`}`).
    pub(crate) fn close(&mut self, text: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.line(text);
    }

    /// `///` lines, as `doc::attrs` followed by `doc::unpack` prints them:
    /// nothing for an empty text.
    pub(crate) fn doc(&mut self, text: &str) {
        for line in text.trim_end().lines() {
            let line = super::doc::comment_safe(line.trim_end());
            self.indent();
            self.out.push_str("///");
            if !line.is_empty() {
                self.out.push(' ');
                self.out.push_str(&line);
            }
            self.out.push('\n');
        }
    }

    /// `head` + the items joined by `, ` + `tail` on one line when that
    /// fits in [`MARGIN`]; otherwise `head`, then each item on a line of its
    /// own with a trailing comma, then `tail`, as prettyplease breaks a
    /// call, a signature or a literal. `inner` is what separates the items
    /// from braces on one line (`" "` in `Self { a, b }`, `""` in `f(a, b)`).
    pub(crate) fn list(&mut self, head: &str, items: &[String], inner: &str, tail: &str) {
        let joined = items.join(", ");
        // As for an arm, a comma ending the line does not count.
        let counted_tail = tail.strip_suffix(',').unwrap_or(tail);
        let width = head.len() + joined.len() + 2 * inner.len() + counted_tail.len();
        if items.is_empty() {
            self.line(&format!("{head}{tail}"));
        } else if self.column() + width <= MARGIN {
            self.line(&format!("{head}{inner}{joined}{inner}{tail}"));
        } else {
            self.open(head);
            for item in items {
                self.line(&format!("{item},"));
            }
            self.close(tail);
        }
    }

    /// [`Code::list`] ending a line that opens a block (a signature).
    pub(crate) fn open_list(&mut self, head: &str, items: &[String], inner: &str, tail: &str) {
        self.list(head, items, inner, tail);
        self.depth += 1;
    }

    /// A struct literal, `prefix` `path { field: value, … }` `suffix`. As
    /// prettyplease does, it stays on one line only while `path { … }` is
    /// at most [`STRUCT_LITERAL_WIDTH`] wide; otherwise each field gets a
    /// line, and a field's call is broken in turn if it does not fit.
    pub(crate) fn struct_literal(
        &mut self,
        prefix: &str,
        path: &str,
        fields: &[Call],
        suffix: &str,
    ) {
        if fields.is_empty() {
            self.line(&format!("{prefix}{path} {{}}{suffix}"));
            return;
        }
        let joined = fields.iter().map(Call::text).collect::<Vec<_>>().join(", ");
        let literal = format!("{path} {{ {joined} }}");
        if literal.len() - 1 <= STRUCT_LITERAL_WIDTH
            && self.column() + prefix.len() + literal.len() + suffix.len() <= MARGIN
        {
            self.line(&format!("{prefix}{literal}{suffix}"));
            return;
        }
        self.open(&format!("{prefix}{path} {{"));
        Call::print_items(self, fields);
        self.close(&format!("}}{suffix}"));
    }

    /// Indents what follows one level more (after a line that opened a
    /// block without [`Code::open`]).
    pub(crate) fn enter(&mut self) {
        self.depth += 1;
    }

    /// A method chain (`f.debug_struct("X")`, `.field(…)`, `.finish()`):
    /// on one line when it fits, else one call per line after the first.
    pub(crate) fn chain(&mut self, calls: &[String]) {
        let joined = calls.concat();
        if self.column() + joined.len() <= MARGIN {
            self.line(&joined);
            return;
        }
        let mut calls = calls.iter();
        if let Some(first) = calls.next() {
            self.line(first);
        }
        self.depth += 1;
        for call in calls {
            self.line(call);
        }
        self.depth -= 1;
    }

    /// A match arm: `pattern => value,` when it fits (the comma is not
    /// counted, as in prettyplease), else the value in a block.
    pub(crate) fn arm(&mut self, pattern: &str, value: &Call) {
        let value_text = value.text();
        if self.column() + pattern.len() + 4 + value_text.len() <= MARGIN {
            self.line(&format!("{pattern} => {value_text},"));
        } else {
            self.open(&format!("{pattern} => {{"));
            value.print(self, "", true);
            self.close("}");
        }
    }
}

/// prettyplease's `end_with_max_width` for struct literals: the width of
/// `Path { fields }`, without its closing brace, above which it is broken.
const STRUCT_LITERAL_WIDTH: usize = 34;

/// An expression that may be broken the way prettyplease breaks it: a
/// method call first before its `.method(`, a call or macro between its
/// arguments, a chain (`self.a.as_ref()`) before each `.`.
#[derive(Clone)]
pub(crate) struct Call {
    /// What comes before the expression on its line (`field: `, `let x = `).
    prefix: String,
    shape: Shape,
}

#[derive(Clone)]
enum Shape {
    /// Never broken.
    Plain(String),
    /// `receiver` `callee` args `tail`: `map` `.required(` … `)?`, or with
    /// no receiver `f(` … `)`.
    Call {
        receiver: Option<String>,
        callee: String,
        args: Vec<Call>,
        tail: String,
        /// A macro (`matches!`, `format!`): broken, its arguments stay on
        /// one line, with no trailing comma.
        is_macro: bool,
    },
    /// A root and its `.field` / `.method()` segments.
    Chain(Vec<String>),
}

impl Call {
    /// An expression that is never broken.
    pub(crate) fn plain(text: impl Into<String>) -> Self {
        Call {
            prefix: String::new(),
            shape: Shape::Plain(text.into()),
        }
    }

    /// `callee` + `args` joined by `, ` + `tail`: a function call.
    pub(crate) fn function(callee: impl Into<String>, args: Vec<Call>, tail: &str) -> Self {
        Call {
            prefix: String::new(),
            shape: Shape::Call {
                receiver: None,
                callee: callee.into(),
                args,
                tail: tail.to_owned(),
                is_macro: false,
            },
        }
    }

    /// `receiver` + `method` + `args` joined by `, ` + `tail`.
    pub(crate) fn method(receiver: &str, method: &str, args: Vec<Call>, tail: &str) -> Self {
        let mut call = Self::function(method, args, tail);
        if let Shape::Call { receiver: r, .. } = &mut call.shape {
            *r = Some(receiver.to_owned());
        }
        call
    }

    /// `name!(args)`, e.g. `format!("…")`.
    pub(crate) fn macro_call(name: &str, args: Vec<Call>) -> Self {
        let mut call = Self::function(format!("{name}!("), args, ")");
        if let Shape::Call { is_macro, .. } = &mut call.shape {
            *is_macro = true;
        }
        call
    }

    /// An expression split at its top-level dots, so that it can be broken
    /// as a chain; one without dots is plain.
    pub(crate) fn chain(text: &str) -> Self {
        let segments = chain_segments(text);
        if segments.len() < 2 {
            return Self::plain(text);
        }
        Call {
            prefix: String::new(),
            shape: Shape::Chain(segments),
        }
    }

    /// The expression after `prefix` on its line (a field's `name: `).
    pub(crate) fn after(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = prefix.into() + &self.prefix;
        self
    }

    /// Whether it is a macro call (`matches!(…)`).
    pub(crate) fn is_macro(&self) -> bool {
        matches!(self.shape, Shape::Call { is_macro: true, .. })
    }

    /// The expression on one line, without its prefix.
    pub(crate) fn expression(&self) -> String {
        match &self.shape {
            Shape::Plain(text) => text.clone(),
            Shape::Call {
                receiver,
                callee,
                args,
                tail,
                ..
            } => {
                let args: Vec<String> = args.iter().map(Call::text).collect();
                format!(
                    "{}{callee}{}{tail}",
                    receiver.as_deref().unwrap_or(""),
                    args.join(", ")
                )
            }
            Shape::Chain(segments) => segments.concat(),
        }
    }

    /// The whole line, prefix included.
    pub(crate) fn text(&self) -> String {
        format!("{}{}", self.prefix, self.expression())
    }

    /// Prints the call followed by `end`, on one line when it fits, else
    /// broken. At the start of a line, a short receiver stays with its
    /// method.
    pub(crate) fn print(&self, c: &mut Code, end: &str, at_line_start: bool) {
        self.print_counting(c, end, end.len(), at_line_start);
    }

    /// The last item of a broken list, with its trailing comma, which (as
    /// in prettyplease) does not count towards the line's width.
    fn print_last_item(&self, c: &mut Code) {
        self.print_counting(c, ",", 0, true);
    }

    /// Prints each of `items` on its own line, with a comma after each.
    fn print_items(c: &mut Code, items: &[Call]) {
        for (k, item) in items.iter().enumerate() {
            if k + 1 == items.len() {
                item.print_last_item(c);
            } else {
                item.print(c, ",", true);
            }
        }
    }

    fn print_counting(&self, c: &mut Code, end: &str, counted: usize, at_line_start: bool) {
        let text = self.text();
        if c.column() + text.len() + counted <= MARGIN {
            c.line(&format!("{text}{end}"));
            return;
        }
        match &self.shape {
            Shape::Plain(_) => c.line(&format!("{text}{end}")),
            Shape::Chain(segments) => {
                c.line(&format!("{}{}", self.prefix, segments[0]));
                c.depth += 1;
                for (k, segment) in segments.iter().enumerate().skip(1) {
                    if k + 1 == segments.len() {
                        c.line(&format!("{segment}{end}"));
                    } else {
                        c.line(segment);
                    }
                }
                c.depth -= 1;
            }
            Shape::Call {
                receiver,
                callee,
                args,
                tail,
                is_macro,
            } => {
                if args.is_empty() {
                    c.line(&format!("{text}{end}"));
                    return;
                }
                // After a prefix (`field: `) the receiver is not at the
                // start of the line.
                let at_line_start = at_line_start && self.prefix.is_empty();
                if let Some(receiver) = receiver
                    .as_ref()
                    .filter(|r| !(at_line_start && r.len() <= INDENT.len()))
                {
                    // Broken before the method; the call may then fit.
                    c.line(&format!("{}{receiver}", self.prefix));
                    c.depth += 1;
                    let mut call = Call::function(callee.clone(), args.clone(), tail);
                    if let Shape::Call { is_macro: m, .. } = &mut call.shape {
                        *m = *is_macro;
                    }
                    call.print_counting(c, end, counted, true);
                    c.depth -= 1;
                    return;
                }
                c.open(&format!(
                    "{}{}{callee}",
                    self.prefix,
                    receiver.as_deref().unwrap_or("")
                ));
                if *is_macro {
                    // Arguments on one line if they fit there, else one per
                    // line; either way without a trailing comma.
                    let args: Vec<String> = args.iter().map(Call::text).collect();
                    let joined = args.join(", ");
                    if c.column() + joined.len() <= MARGIN {
                        c.line(&joined);
                    } else {
                        for (k, arg) in args.iter().enumerate() {
                            let comma = if k + 1 < args.len() { "," } else { "" };
                            c.line(&format!("{arg}{comma}"));
                        }
                    }
                } else {
                    Call::print_items(c, args);
                }
                c.close(&format!("{tail}{end}"));
            }
        }
    }
}

/// `text` split before each `.` outside brackets, closures' bodies and
/// string literals: `self.a.as_ref()` → `self`, `.a`, `.as_ref()`.
fn chain_segments(text: &str) -> Vec<String> {
    let mut segments = Vec::new();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut start = 0;
    let bytes = text.as_bytes();
    for (k, &b) in bytes.iter().enumerate() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            // A top-level closure (`|x| x.a`) is one piece: nothing after
            // its bars is split.
            b'|' if depth == 0 => return vec![text.to_owned()],
            b'.' if depth == 0
                && k > start
                && bytes.get(k + 1).is_some_and(u8::is_ascii_alphabetic) =>
            {
                segments.push(text[start..k].to_owned());
                start = k;
            }
            _ => {}
        }
    }
    segments.push(text[start..].to_owned());
    segments
}

/// A string literal as `quote!` writes one (and prettyplease prints it).
pub(crate) fn str_lit(s: &str) -> String {
    proc_macro2::Literal::string(s).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_stays_on_one_line_while_it_fits_the_margin() {
        let mut code = Code::new();
        code.depth = 1;
        let items = vec!["a: i64".to_owned(), "b: String".to_owned()];
        code.list("pub fn new(", &items, "", ") -> Self {");
        assert_eq!(
            code.finish(),
            "    pub fn new(a: i64, b: String) -> Self {\n"
        );
    }

    #[test]
    fn a_list_too_wide_for_the_margin_gets_one_item_per_line() {
        let mut code = Code::new();
        let long = "x".repeat(MARGIN);
        code.list("Self {", &[long.clone(), "y".to_owned()], " ", "}");
        assert_eq!(code.finish(), format!("Self {{\n    {long},\n    y,\n}}\n"));
    }

    /// `map<method>(local, wire)?`, as the decoders call it.
    fn map_call(method: &str, local: &str, wire: &str) -> Call {
        Call::method(
            "map",
            method,
            vec![Call::plain(local), Call::plain(format!("\"{wire}\""))],
            ")?",
        )
    }

    fn read(field: &str) -> Call {
        map_call(".value(", &format!("&mut {field}"), field)
    }

    #[test]
    fn an_arm_that_fits_stays_on_one_line_without_counting_its_comma() {
        // 89 columns without the comma, 90 with it.
        let mut code = Code::new();
        code.depth = 4;
        code.arm(
            "\"transactionId\"",
            &map_call(".lenient_opt(", "&mut transaction_id", "transactionId"),
        );
        let line = code.finish();
        assert_eq!(line.len(), 91, "{line}");
        assert!(line.ends_with(")?,\n"), "{line}");
    }

    #[test]
    fn an_arm_too_wide_gets_a_block_and_then_broken_arguments() {
        let mut code = Code::new();
        code.depth = 4;
        code.arm("\"transaction_time\"", &read("transaction_time"));
        code.arm(
            "\"override_notification_url\"",
            &read("override_notification_url"),
        );
        let pad = "    ".repeat(4);
        let expected = format!(
            "{pad}\"transaction_time\" => {{\n\
             {pad}    map.value(&mut transaction_time, \"transaction_time\")?\n\
             {pad}}}\n\
             {pad}\"override_notification_url\" => {{\n\
             {pad}    map.value(\n\
             {pad}        &mut override_notification_url,\n\
             {pad}        \"override_notification_url\",\n\
             {pad}    )?\n\
             {pad}}}\n"
        );
        assert_eq!(code.finish(), expected);
    }

    #[test]
    fn a_struct_literal_wider_than_34_columns_is_broken_even_when_it_fits() {
        let mut code = Code::new();
        code.depth = 2;
        let short = [Call::plain("token: None"), Call::plain("save: None")];
        code.struct_literal("", "Self", &short, "");
        let long = [
            Call::plain("bin: None"),
            Call::plain("discount_amount: None"),
        ];
        code.struct_literal("Ok(", "Self", &long, ")");
        assert_eq!(
            code.finish(),
            "        Self { token: None, save: None }\n\
             \x20       Ok(Self {\n\
             \x20           bin: None,\n\
             \x20           discount_amount: None,\n\
             \x20       })\n"
        );
    }

    #[test]
    fn a_field_method_call_breaks_before_the_method_and_a_function_call_between_arguments() {
        let mut code = Code::new();
        code.depth = 2;
        let fields = [
            map_call(
                ".required(",
                "credit_card_payment_page",
                "credit_card_payment_page",
            )
            .after("credit_card_payment_page: "),
            Call::function(
                "payspec_runtime::wire::optional(",
                vec![Call::plain("override_configuration")],
                ")",
            )
            .after("override_configuration: "),
        ];
        code.struct_literal("Ok(", "Self", &fields, ")");
        assert_eq!(
            code.finish(),
            "        Ok(Self {\n\
             \x20           credit_card_payment_page: map\n\
             \x20               .required(credit_card_payment_page, \"credit_card_payment_page\")?,\n\
             \x20           override_configuration: payspec_runtime::wire::optional(\n\
             \x20               override_configuration,\n\
             \x20           ),\n\
             \x20       })\n"
        );
    }

    #[test]
    fn decoders_of_any_field_name_length_print_as_prettyplease_prints_them() {
        for n in 1..=60 {
            let field = "f".repeat(n);
            let wire = format!("\"{field}\"");
            let mut c = Code::new();
            c.open("fn f() {");
            c.open("match key {");
            c.arm(&wire, &read(&field));
            c.close("}");
            let required = map_call(".required(", &field, &field);
            let optional = Call::function(
                "payspec_runtime::wire::optional(",
                vec![Call::plain(field.clone())],
                ")",
            );
            let fields = [
                required.clone().after(format!("{field}: ")),
                optional.after(format!("{field}_: ")),
                required.after(format!("{field}__: ")),
            ];
            c.struct_literal("Ok(", "Self", &fields, ")");
            c.close("}");
            let source = format!(
                "fn f() {{ match key {{ {wire} => map.value(&mut {field}, {wire})?, }} \
                 Ok(Self {{ {field}: map.required({field}, {wire})?, \
                 {field}_: payspec_runtime::wire::optional({field}), \
                 {field}__: map.required({field}, {wire})? }}) }}"
            );
            let file = syn::parse_file(&source).expect("test source parses");
            assert_eq!(c.finish(), prettyplease::unparse(&file), "{n} characters");
        }
    }

    #[test]
    fn string_literals_are_escaped_as_quote_writes_them() {
        assert_eq!(str_lit("a\"b\\c\n"), r#""a\"b\\c\n""#);
    }
}
