//! Rust source written directly as text, for the high-volume, regular
//! items of the type crates: struct definitions, their codecs and
//! constructors, and enums. Building tokens, parsing them with `syn` and
//! printing them with `prettyplease` cost most of the emission time at
//! 1,000 endpoints (BENCHMARKS.md, section 1); these items have a fixed
//! shape, so they are printed in prettyplease's layout by hand instead.
//! Items with nested expressions of any shape (validation rules, decision
//! tables, the client) still go through tokens: [`Piece`].

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
    fn column(&self) -> usize {
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
            let line = line.trim_end();
            self.indent();
            self.out.push_str("///");
            if !line.is_empty() {
                self.out.push(' ');
                self.out.push_str(line);
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
        for field in fields {
            field.print(self, ",", false);
        }
        self.close(&format!("}}{suffix}"));
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

/// An expression that may be broken as a call, prettyplease's way: a
/// method call first before its `.method(`, then between its arguments.
pub(crate) struct Call {
    /// What comes before the expression on its line (`field: `).
    prefix: String,
    /// A method call's receiver (`map`).
    receiver: Option<String>,
    /// Up to and with the opening parenthesis (`.required(`, `f(`); with no
    /// arguments, the whole expression.
    callee: String,
    args: Vec<String>,
    /// After the arguments (`)?`).
    tail: String,
}

impl Call {
    /// An expression that is never broken.
    pub(crate) fn plain(text: String) -> Self {
        Self::function(text, Vec::new(), "")
    }

    /// `callee` + `args` joined by `, ` + `tail`: a function call.
    pub(crate) fn function(callee: String, args: Vec<String>, tail: &str) -> Self {
        Call {
            prefix: String::new(),
            receiver: None,
            callee,
            args,
            tail: tail.to_owned(),
        }
    }

    /// `receiver` + `method` + `args` joined by `, ` + `tail`.
    pub(crate) fn method(receiver: &str, method: &str, args: Vec<String>, tail: &str) -> Self {
        Call {
            receiver: Some(receiver.to_owned()),
            ..Self::function(method.to_owned(), args, tail)
        }
    }

    /// The expression after `prefix` on its line (a field's `name: `).
    pub(crate) fn after(mut self, prefix: String) -> Self {
        self.prefix = prefix;
        self
    }

    /// The expression on one line, without its prefix.
    fn expression(&self) -> String {
        format!(
            "{}{}{}{}",
            self.receiver.as_deref().unwrap_or(""),
            self.callee,
            self.args.join(", "),
            self.tail
        )
    }

    /// The whole line, prefix included.
    fn text(&self) -> String {
        format!("{}{}", self.prefix, self.expression())
    }

    /// Prints the call followed by `end`, on one line when it fits, else
    /// broken. At the start of a line, a short receiver stays with its
    /// method.
    fn print(&self, c: &mut Code, end: &str, at_line_start: bool) {
        let text = self.text();
        let counted = end.strip_suffix(',').unwrap_or(end);
        if self.args.is_empty() || c.column() + text.len() + counted.len() <= MARGIN {
            c.line(&format!("{text}{end}"));
            return;
        }
        let tail = format!("{}{end}", self.tail);
        match &self.receiver {
            Some(receiver) if !(at_line_start && receiver.len() <= INDENT.len()) => {
                c.line(&format!("{}{receiver}", self.prefix));
                c.depth += 1;
                c.list(&self.callee, &self.args, "", &tail);
                c.depth -= 1;
            }
            receiver => {
                let head = format!(
                    "{}{}{}",
                    self.prefix,
                    receiver.as_deref().unwrap_or(""),
                    self.callee
                );
                c.list(&head, &self.args, "", &tail);
            }
        }
    }
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

    fn read(field: &str) -> Call {
        Call::method(
            "map",
            ".value(",
            vec![format!("&mut {field}"), format!("\"{field}\"")],
            ")?",
        )
    }

    #[test]
    fn an_arm_that_fits_stays_on_one_line_without_counting_its_comma() {
        // 89 columns without the comma, 90 with it.
        let mut code = Code::new();
        code.depth = 4;
        code.arm(
            "\"transactionId\"",
            &Call::method(
                "map",
                ".lenient_opt(",
                vec!["&mut transaction_id".into(), "\"transactionId\"".into()],
                ")?",
            ),
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
        let short = [
            Call::plain("token: None".into()),
            Call::plain("save: None".into()),
        ];
        code.struct_literal("", "Self", &short, "");
        let long = [
            Call::plain("bin: None".into()),
            Call::plain("discount_amount: None".into()),
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
            Call::method(
                "map",
                ".required(",
                vec![
                    "credit_card_payment_page".into(),
                    "\"credit_card_payment_page\"".into(),
                ],
                ")?",
            )
            .after("credit_card_payment_page: ".into()),
            Call::function(
                "payspec_runtime::wire::optional(".into(),
                vec!["override_configuration".into()],
                ")",
            )
            .after("override_configuration: ".into()),
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
    fn string_literals_are_escaped_as_quote_writes_them() {
        assert_eq!(str_lit("a\"b\\c\n"), r#""a\"b\\c\n""#);
    }
}
