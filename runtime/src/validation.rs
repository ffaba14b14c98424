//! Request validation: every violation at once, each with its JSON path.
//!
//! Generated `validate()` methods walk a request with a [`Validator`], which
//! tracks the current JSON path and collects [`Violation`]s; nothing stops at
//! the first problem.

use std::fmt;

/// One broken rule at one place in a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// JSON path of the offending field (`order.line_items[1].price`).
    pub path: String,
    /// The rule broken: a field check (`max_len`, `format`, `enum`) or a spec
    /// rule kind (`required_if`, `sum_equals`, …).
    pub rule: &'static str,
    /// What is wrong and what would be accepted.
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} ({})", self.path, self.message, self.rule)
    }
}

/// Every violation found in one request; never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationErrors(Vec<Violation>);

impl ValidationErrors {
    /// The violations, in the order fields were checked.
    pub fn violations(&self) -> &[Violation] {
        &self.0
    }

    /// The JSON paths reported, in order.
    pub fn paths(&self) -> Vec<&str> {
        self.0.iter().map(|v| v.path.as_str()).collect()
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the request breaks {} rule(s); fix these fields before sending:",
            self.0.len()
        )?;
        for v in &self.0 {
            write!(f, "\n  - {v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// Something that can check itself against its spec.
pub trait Validate {
    /// Reports every violation below the validator's current path.
    fn validate_in(&self, v: &mut Validator);

    /// Checks the whole value, returning every violation at once.
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        self.validate_in(&mut v);
        v.finish()
    }
}

#[derive(Debug, Clone, Copy)]
enum Segment {
    Field(&'static str),
    Index(usize),
}

/// Path segments kept without allocating; requests nest a few levels deep.
const INLINE_DEPTH: usize = 8;

/// The current JSON path: the first [`INLINE_DEPTH`] segments inline, any
/// deeper ones on the heap. A valid request then validates without a single
/// allocation (a `Vec` path cost a malloc and a regrowth per request).
#[derive(Debug)]
struct PathStack {
    inline: [Segment; INLINE_DEPTH],
    len: usize,
    deeper: Vec<Segment>,
}

impl Default for PathStack {
    fn default() -> Self {
        PathStack {
            inline: [Segment::Index(0); INLINE_DEPTH],
            len: 0,
            deeper: Vec::new(),
        }
    }
}

impl PathStack {
    fn push(&mut self, segment: Segment) {
        match self.inline.get_mut(self.len) {
            Some(slot) => *slot = segment,
            None => self.deeper.push(segment),
        }
        self.len += 1;
    }

    fn pop(&mut self) {
        if self.len > INLINE_DEPTH {
            self.deeper.pop();
        }
        self.len = self.len.saturating_sub(1);
    }

    fn iter(&self) -> impl Iterator<Item = &Segment> {
        self.inline[..self.len.min(INLINE_DEPTH)]
            .iter()
            .chain(&self.deeper)
    }
}

/// Walks a value, tracking the JSON path, collecting violations.
#[derive(Debug, Default)]
pub struct Validator {
    path: PathStack,
    violations: Vec<Violation>,
}

impl Validator {
    /// An empty validator at the root.
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs `f` with `field` appended to the current path.
    pub fn enter(&mut self, field: &'static str, f: impl FnOnce(&mut Self)) {
        self.path.push(Segment::Field(field));
        f(self);
        self.path.pop();
    }

    /// Runs `f` with array index `index` appended to the current path.
    pub fn enter_index(&mut self, index: usize, f: impl FnOnce(&mut Self)) {
        self.path.push(Segment::Index(index));
        f(self);
        self.path.pop();
    }

    /// Validates the nested object `value` under `field`.
    ///
    /// The generated validators call this (and [`Validator::each`]) rather
    /// than [`Validator::enter`] with a closure: a closure per nested field
    /// is one more body for the compiler to check in every generated struct.
    pub fn nested<T: Validate + ?Sized>(&mut self, field: &'static str, value: &T) {
        self.path.push(Segment::Field(field));
        value.validate_in(self);
        self.path.pop();
    }

    /// Validates every object of the array `items` under `field[i]`.
    pub fn each<T: Validate>(&mut self, field: &'static str, items: &[T]) {
        self.path.push(Segment::Field(field));
        for (i, item) in items.iter().enumerate() {
            self.path.push(Segment::Index(i));
            item.validate_in(self);
            self.path.pop();
        }
        self.path.pop();
    }

    /// The current path with `field` appended, as a JSON path string.
    fn path_to(&self, field: Option<&str>) -> String {
        let mut out = String::new();
        for seg in self.path.iter() {
            match seg {
                Segment::Field(name) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(name);
                }
                Segment::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        if let Some(name) = field {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(name);
        }
        out
    }

    /// Reports a violation of `field` below the current path.
    pub fn fail(&mut self, field: &str, rule: &'static str, message: impl Into<String>) {
        let path = self.path_to(Some(field));
        self.violations.push(Violation {
            path,
            rule,
            message: message.into(),
        });
    }

    /// Reports a violation at `path` relative to the current path (rules
    /// rooted at a body use paths such as `order.line_items[1].price`).
    pub fn fail_at(
        &mut self,
        path: impl AsRef<str>,
        rule: &'static str,
        message: impl Into<String>,
    ) {
        let path = self.path_to(Some(path.as_ref()));
        self.violations.push(Violation {
            path,
            rule,
            message: message.into(),
        });
    }

    /// Checks a string's length in characters.
    pub fn check_len(&mut self, field: &str, value: &str, min: Option<usize>, max: Option<usize>) {
        // A string has at most one character per byte and at least one per
        // four: most values are decided by their byte length, uncounted.
        let bytes = value.len();
        let may_break_max = max.is_some_and(|max| bytes > max);
        let may_break_min = min.is_some_and(|min| bytes.div_ceil(4) < min);
        if !may_break_max && !may_break_min {
            return;
        }
        let len = value.chars().count();
        if let Some(max) = max.filter(|&max| len > max) {
            self.fail(
                field,
                "max_len",
                format!("is {len} characters long; at most {max} are allowed"),
            );
        }
        if let Some(min) = min.filter(|&min| len < min) {
            self.fail(
                field,
                "min_len",
                format!("is {len} characters long; at least {min} are required"),
            );
        }
    }

    /// Checks that a number (an amount in whole rupiah, a count) is at
    /// least `min`: amounts a provider charges or refunds are positive
    /// unless the spec says otherwise.
    pub fn check_min(&mut self, field: &str, value: i64, min: i64) {
        if value < min {
            self.fail(
                field,
                "minimum",
                format!("is {value}; the least allowed is {min}"),
            );
        }
    }

    /// Checks a string against a [`Format`].
    pub fn check_format(&mut self, field: &str, value: &str, format: Format) {
        if !format.matches(value) {
            self.fail(field, "format", format!("must be {}", format.describe()));
        }
    }

    /// Rejects an enum value the docs do not list: the provider would refuse it.
    pub fn check_known(&mut self, field: &str, value: &impl crate::wire::WireEnum) {
        if value.is_unknown() {
            self.fail(
                field,
                "enum",
                format!(
                    "{:?} is not a documented value; use one of {}",
                    value.as_wire(),
                    value.documented().join(", ")
                ),
            );
        }
    }

    /// `Ok` when nothing was reported, else every violation.
    pub fn finish(self) -> Result<(), ValidationErrors> {
        if self.violations.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors(self.violations))
        }
    }
}

/// Shapes a string field may be required to have: the closed set a spec's
/// `format:` names. The one definition, shared with the generator (which
/// reads the spec spelling and writes the variant into generated code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Six hex digits without `#` (`F5F8FB`).
    HexColor,
    /// An ISO 3166-1 alpha-2 country code (`ID`).
    CountryAlpha2,
    /// `{calling_code}{number}`: 8 to 15 digits, not starting with 0 (`6281122334455`).
    Phone,
    /// An e-mail address (`name@host.tld`).
    Email,
    /// An absolute `http://` or `https://` URL without spaces.
    Url,
    /// One or more ASCII digits.
    Digits,
    /// Printable ASCII: letters, digits, punctuation and spaces.
    PrintableAscii,
    /// UTC timestamp `YYYY-MM-DDTHH:MM:SSZ`.
    UtcTimestamp,
    /// Local date and time `YYYY-MM-DD HH:MM:SS`.
    LocalDateTime,
}

impl Format {
    /// Every format, in declaration order.
    pub const ALL: [Format; 9] = [
        Format::HexColor,
        Format::CountryAlpha2,
        Format::Phone,
        Format::Email,
        Format::Url,
        Format::Digits,
        Format::PrintableAscii,
        Format::UtcTimestamp,
        Format::LocalDateTime,
    ];

    /// The spelling spec files use (`hex_color`).
    pub fn spec_name(self) -> &'static str {
        match self {
            Format::HexColor => "hex_color",
            Format::CountryAlpha2 => "country_alpha2",
            Format::Phone => "phone",
            Format::Email => "email",
            Format::Url => "url",
            Format::Digits => "digits",
            Format::PrintableAscii => "printable_ascii",
            Format::UtcTimestamp => "utc_timestamp",
            Format::LocalDateTime => "local_date_time",
        }
    }

    /// The format a spec spelling names, if any.
    pub fn from_spec_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.spec_name() == name)
    }

    /// The variant's name (`HexColor`), as generated code writes it.
    pub fn rust_variant(self) -> &'static str {
        match self {
            Format::HexColor => "HexColor",
            Format::CountryAlpha2 => "CountryAlpha2",
            Format::Phone => "Phone",
            Format::Email => "Email",
            Format::Url => "Url",
            Format::Digits => "Digits",
            Format::PrintableAscii => "PrintableAscii",
            Format::UtcTimestamp => "UtcTimestamp",
            Format::LocalDateTime => "LocalDateTime",
        }
    }

    /// Whether `value` has this shape.
    pub fn matches(self, value: &str) -> bool {
        let b = value.as_bytes();
        match self {
            Format::HexColor => b.len() == 6 && b.iter().all(u8::is_ascii_hexdigit),
            Format::CountryAlpha2 => b.len() == 2 && COUNTRY_CODES.binary_search(&value).is_ok(),
            Format::Phone => {
                (8..=15).contains(&b.len()) && all_bytes_in(b, b'0', b'9') && b[0] != b'0'
            }
            Format::Email => is_email(value),
            Format::Url => is_url(value),
            Format::Digits => !b.is_empty() && all_bytes_in(b, b'0', b'9'),
            Format::PrintableAscii => all_bytes_in(b, 0x20, 0x7e),
            Format::UtcTimestamp => matches_datetime(b, b'T') && b.len() == 20 && b[19] == b'Z',
            Format::LocalDateTime => b.len() == 19 && matches_datetime(b, b' '),
        }
    }

    /// What the shape is, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Format::HexColor => "a hex colour of six digits without '#', like F5F8FB",
            Format::CountryAlpha2 => "an ISO 3166-1 alpha-2 country code in capitals, like ID",
            Format::Phone => "a calling code and number, 8 to 15 digits, like 6281122334455",
            Format::Email => "an e-mail address, like name@example.com",
            Format::Url => "an absolute http:// or https:// URL",
            Format::Digits => "digits only",
            Format::PrintableAscii => "letters, digits and printable ASCII punctuation only",
            Format::UtcTimestamp => {
                "a UTC timestamp YYYY-MM-DDTHH:MM:SSZ, like 2020-09-22T01:51:00Z"
            }
            Format::LocalDateTime => "a date and time YYYY-MM-DD HH:MM:SS",
        }
    }
}

/// Whether every byte is in `lo..=hi`. No branch per byte, so the loop
/// vectorises: every string field of every request passes through here.
fn all_bytes_in(b: &[u8], lo: u8, hi: u8) -> bool {
    let width = hi.wrapping_sub(lo);
    b.iter()
        .fold(true, |ok, &c| ok & (c.wrapping_sub(lo) <= width))
}

/// Visible ASCII only (no space, no control): then there is no whitespace
/// or control character to look for, and the per-`char` scan is skipped.
fn is_visible_ascii(b: &[u8]) -> bool {
    all_bytes_in(b, 0x21, 0x7e)
}

fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && (is_visible_ascii(value.as_bytes()) || !value.contains(char::is_whitespace))
        && !domain.contains('@')
}

fn is_url(value: &str) -> bool {
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"));
    match rest {
        Some(rest) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            !host.is_empty()
                && (is_visible_ascii(value.as_bytes())
                    || !value.contains(|c: char| c.is_whitespace() || c.is_control()))
        }
        None => false,
    }
}

/// `YYYY-MM-DD?HH:MM:SS` with `sep` at index 10 and plausible field ranges.
fn matches_datetime(b: &[u8], sep: u8) -> bool {
    if b.len() < 19
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != sep
        || b[13] != b':'
        || b[16] != b':'
    {
        return false;
    }
    let num = |range: std::ops::Range<usize>| -> Option<u32> {
        let s = &b[range];
        s.iter()
            .all(u8::is_ascii_digit)
            .then(|| s.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    matches!(
        (
            num(0..4),
            num(5..7),
            num(8..10),
            num(11..13),
            num(14..16),
            num(17..19)
        ),
        (
            Some(_),
            Some(1..=12),
            Some(1..=31),
            Some(0..=23),
            Some(0..=59),
            Some(0..=60)
        )
    )
}

/// ISO 3166-1 alpha-2 codes, sorted for binary search.
const COUNTRY_CODES: [&str; 249] = [
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_spellings_round_trip_and_variants_are_the_names_debug_prints() {
        for f in Format::ALL {
            assert_eq!(Format::from_spec_name(f.spec_name()), Some(f));
            assert_eq!(f.rust_variant(), format!("{f:?}"));
        }
        assert_eq!(Format::from_spec_name("hex_color"), Some(Format::HexColor));
        assert_eq!(Format::from_spec_name("HexColor"), None);
    }

    /// An object whose `name` must be at most 3 characters.
    struct Item(&'static str);

    impl Validate for Item {
        fn validate_in(&self, v: &mut Validator) {
            v.check_len("name", self.0, None, Some(3));
        }
    }

    #[test]
    fn nested_and_each_extend_the_path_and_restore_it() {
        let mut v = Validator::new();
        v.nested("order", &Item("long"));
        v.each("items", &[Item("ok"), Item("toolong"), Item("abc")]);
        v.check_len("after", "long", None, Some(3));
        let errors = v.finish().unwrap_err();
        assert_eq!(
            errors.paths(),
            ["order.name", "items[1].name", "after"],
            "{errors}"
        );
    }

    #[test]
    fn country_codes_are_sorted_and_unique() {
        assert!(COUNTRY_CODES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn formats_accept_doc_samples_and_reject_neighbours() {
        let cases: [(Format, &str, &str); 9] = [
            (Format::HexColor, "F5F8FB", "#F5F8FB"),
            (Format::CountryAlpha2, "ID", "XX"),
            (Format::Phone, "6285694566147", "085694566147"),
            (
                Format::Email,
                "jotaro_kujo@example.com",
                "jotaro kujo@example",
            ),
            (
                Format::Url,
                "https://merchant.com/success-url",
                "merchant.com/success-url",
            ),
            (Format::Digits, "461700", "46170a"),
            (Format::PrintableAscii, "INV-20210118-0001", "INV\u{7f}"),
            (
                Format::UtcTimestamp,
                "2020-09-22T01:51:00Z",
                "2020-09-22T01:51:00+07:00",
            ),
            (
                Format::LocalDateTime,
                "2015-02-26 14:39:33",
                "2015-02-26T14:39:33",
            ),
        ];
        for (format, good, bad) in cases {
            assert!(format.matches(good), "{format:?} rejected {good:?}");
            assert!(!format.matches(bad), "{format:?} accepted {bad:?}");
        }
    }

    #[test]
    fn byte_range_checks_are_exact_at_their_edges() {
        assert!(Format::PrintableAscii.matches(" ~"));
        for bad in ["\u{1f}", "\u{7f}", "é", "a\tb"] {
            assert!(!Format::PrintableAscii.matches(bad), "{bad:?}");
        }
        assert!(Format::Digits.matches("0123456789"));
        assert!(!Format::Digits.matches("12/"));
        assert!(!Format::Digits.matches("12:"));
        // Non-ASCII falls back to the per-char scan: Unicode whitespace and
        // controls are still refused, other letters still accepted.
        assert!(Format::Email.matches("joão@example.com"));
        assert!(!Format::Email.matches("jo\u{a0}ao@example.com"));
        assert!(Format::Url.matches("https://例え.jp/パス"));
        assert!(!Format::Url.matches("https://example.com/\u{85}x"));
        assert!(!Format::Url.matches("https://example.com/\u{7f}"));
        assert!(
            Format::Email.matches("a\u{7f}@b.co"),
            "controls are not whitespace"
        );
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        let mut v = Validator::new();
        // 3 characters in 9 bytes: within max 3; 4 characters break min 5.
        v.check_len("a", "日本語", None, Some(3));
        v.check_len("b", "日本語x", Some(5), None);
        v.check_len("c", "abcd", None, Some(3));
        v.check_len("d", "", Some(1), Some(3));
        let errs = v.finish().unwrap_err();
        let got: Vec<_> = errs
            .violations()
            .iter()
            .map(|x| (x.path.as_str(), x.rule))
            .collect();
        assert_eq!(got, [("b", "min_len"), ("c", "max_len"), ("d", "min_len")]);
        assert_eq!(
            errs.violations()[0].message,
            "is 4 characters long; at least 5 are required"
        );
    }

    #[test]
    fn deep_paths_spill_past_the_inline_segments() {
        let mut v = Validator::new();
        fn nest(v: &mut Validator, depth: usize) {
            if depth == 0 {
                v.fail("leaf", "x", "bad");
            } else {
                v.enter_index(depth, |v| nest(v, depth - 1));
            }
        }
        v.enter("root", |v| nest(v, INLINE_DEPTH + 2));
        v.fail("after", "x", "bad");
        let errs = v.finish().unwrap_err();
        assert_eq!(
            errs.paths(),
            ["root[10][9][8][7][6][5][4][3][2][1].leaf", "after"]
        );
    }

    #[test]
    fn numbers_below_the_minimum_are_reported_at_it_not_above() {
        let mut v = Validator::new();
        v.check_min("amount", 1, 1);
        v.check_min("fee", 0, 0);
        v.check_min("refund", 0, 1);
        v.check_min("price", -5, 1);
        let errors = v.finish().unwrap_err();
        assert_eq!(errors.paths(), ["refund", "price"]);
        assert_eq!(errors.violations()[1].rule, "minimum");
        assert_eq!(
            errors.violations()[1].message,
            "is -5; the least allowed is 1"
        );
    }

    #[test]
    fn paths_include_indexes() {
        let mut v = Validator::new();
        v.enter("order", |v| {
            v.enter("line_items", |v| {
                v.enter_index(1, |v| v.fail("price", "x", "bad"))
            })
        });
        v.fail_at("order.amount", "sum_equals", "bad");
        let errs = v.finish().unwrap_err();
        assert_eq!(errs.paths(), ["order.line_items[1].price", "order.amount"]);
    }
}
