//! How IR values are spelled in change reports, and a small change builder.

use crate::ir::{Format, Literal, Loc, Presence, Type};

use super::{Change, ChangeKind};

/// A type as the spec spells it (`string`, `amount_idr`, `array<Item>`).
pub fn spec_type(ty: &Type) -> String {
    match ty {
        Type::String => "string".into(),
        Type::Integer => "integer".into(),
        Type::Boolean => "boolean".into(),
        Type::AmountIdr => "amount_idr".into(),
        Type::Decimal => "decimal".into(),
        Type::Json => "json".into(),
        Type::Enum(n) | Type::Struct(n) => n.clone(),
        Type::Array(inner) => format!("array<{}>", spec_type(inner)),
    }
}

/// The value a literal compares by (an enum value by its wire spelling).
pub fn literal_key(lit: &Literal) -> String {
    match lit {
        Literal::String(s) => s.clone(),
        Literal::Integer(n) => n.to_string(),
        Literal::Boolean(b) => b.to_string(),
        Literal::EnumValue { wire, .. } => wire.clone(),
    }
}

/// A presence as the spec spells it.
pub fn presence(p: Presence) -> &'static str {
    match p {
        Presence::Mandatory => "mandatory",
        Presence::Optional => "optional",
        Presence::Conditional => "conditional",
        Presence::Recommended => "recommended",
    }
}

/// An optional format as the spec spells it (`none` when absent).
pub fn format(f: Option<Format>) -> String {
    f.map_or_else(|| "none".to_owned(), |f| f.spec_name().to_owned())
}

/// An optional number (`none` when absent).
pub fn number(n: Option<u32>) -> String {
    n.map_or_else(|| "none".to_owned(), |n| n.to_string())
}

/// Builds one [`Change`]; the provider and endpoint are filled in when it is emitted.
#[derive(Debug, Clone)]
pub struct Draft {
    /// What changed.
    pub kind: ChangeKind,
    /// JSON path or item name.
    pub path: String,
    /// Value in BASE.
    pub before: Option<String>,
    /// Value in HEAD.
    pub after: Option<String>,
    /// Short statement.
    pub title: String,
    /// Why it matters and for whom.
    pub message: String,
    /// Where, in HEAD (BASE for removals).
    pub loc: Option<Loc>,
}

impl Draft {
    /// A change without before/after values or location.
    pub fn new(
        kind: ChangeKind,
        path: impl Into<String>,
        title: impl Into<String>,
        message: impl Into<String>,
    ) -> Draft {
        Draft {
            kind,
            path: path.into(),
            before: None,
            after: None,
            title: title.into(),
            message: message.into(),
            loc: None,
        }
    }

    /// Set the BASE and HEAD values.
    pub fn values(mut self, before: Option<String>, after: Option<String>) -> Draft {
        self.before = before;
        self.after = after;
        self
    }

    /// Set where it is.
    pub fn at(mut self, loc: &Loc) -> Draft {
        self.loc = Some(loc.clone());
        self
    }

    /// Finish it for one provider and endpoint.
    pub fn finish(self, provider: &str, endpoint: Option<&str>) -> Change {
        Change {
            severity: self.kind.severity(),
            kind: self.kind,
            provider: provider.to_owned(),
            endpoint: endpoint.map(str::to_owned),
            path: self.path,
            before: self.before,
            after: self.after,
            title: self.title,
            message: self.message,
            loc: self.loc,
        }
    }
}
