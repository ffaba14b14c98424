//! Structs and fields: type resolution, per-field checks, literals, discrepancy notes.

use std::collections::HashMap;

use indexmap::IndexMap;

use super::provider::{Ctx, NameKind};
use super::{names, Src};
use crate::ir::{
    Discrepancy, Field, Format, Generated, Literal, Presence, Roles, Struct, Type, WireKind,
};
use crate::spec::model::{DiscrepancySpec, FieldSpec, GeneratedBySpec};
use crate::spec::value::Yaml;

/// The primitive type names of the spec format.
const PRIMITIVES: &str = "string, integer, boolean, amount_idr, decimal, json, object, array";

impl Ctx<'_> {
    /// Lowers a struct and everything inline in it; pushes it (before its
    /// inline children) onto `structs`.
    #[allow(clippy::too_many_arguments)]
    pub fn lower_struct(
        &mut self,
        src: Src<'_>,
        name: &str,
        name_key: &str,
        doc: String,
        fields: &IndexMap<String, FieldSpec>,
        fields_key: &str,
        about_prefix: &str,
    ) {
        let index = self.push_struct(Struct {
            name: name.to_owned(),
            scope: src.scope.clone(),
            doc,
            fields: Vec::new(),
            rules: Vec::new(),
            roles: Roles::default(),
            examples: Vec::new(),
            loc: src.loc(name_key),
        });
        let mut lowered: Vec<Field> = Vec::new();
        let mut rust_names: HashMap<String, String> = HashMap::new();
        for (wire, spec) in fields {
            let key = format!("{fields_key}.{wire}");
            let about = if about_prefix.is_empty() {
                wire.clone()
            } else {
                format!("{about_prefix}.{wire}")
            };
            let field = self.lower_field(src, name, wire, spec, &key, &about);
            if let Some(by) = spec.generated_by.as_ref() {
                if by.field == *wire || !fields.contains_key(&by.field) {
                    self.sink.error(
                        src.loc(&format!("{key}.generated_by.field")),
                        "L076",
                        format!("`generated_by` of field `{about}` reads `{}`, which is not another field of `{name}`", by.field),
                        "name the wire name of a sibling field of the same object",
                    );
                }
            }
            if let Some(first) = rust_names.get(&field.rust_name) {
                self.sink.error(
                    src.loc(&key),
                    "L006",
                    format!(
                        "fields `{first}` and `{wire}` of `{name}` both become Rust field `{}`",
                        field.rust_name
                    ),
                    "the wire names differ only in case or punctuation; if one is an alternative spelling, list it under the other's `aliases`",
                );
            } else {
                rust_names.insert(field.rust_name.clone(), wire.clone());
            }
            lowered.push(field);
        }
        if let Some(s) = self.structs.get_mut(index) {
            s.fields = lowered;
        }
    }

    /// `generated_by`: each shape parses (L032); `generated` is there as the
    /// shape of the values not listed (L076).
    fn generated_by(
        &mut self,
        src: Src<'_>,
        key: &str,
        about: &str,
        by: &GeneratedBySpec,
        otherwise: Option<Generated>,
    ) -> Option<Generated> {
        let at = format!("{key}.generated_by");
        let Some(otherwise) = otherwise else {
            self.sink.error(
                src.loc(&at),
                "L076",
                format!("`generated_by` of field `{about}` without a `generated` shape"),
                "give `generated:` too: the shape for the values `shapes` does not list",
            );
            return None;
        };
        let mut shapes = Vec::new();
        for (value, text) in &by.shapes {
            match super::generated::parse(text) {
                Ok(g) => shapes.push((value.clone(), g)),
                Err(why) => self.sink.error(
                    src.loc(&format!("{at}.shapes.{value}")),
                    "L032",
                    format!("`generated_by` of field `{about}`, value `{value}`: {why}"),
                    "use uuid_v4, digits(N), alnum(N), timestamp(…) or template(…)",
                ),
            }
        }
        Some(Generated::BySibling {
            field: by.field.clone(),
            shapes,
            otherwise: Box::new(otherwise),
        })
    }

    /// `custom_from`: a `generated` shape to fall back on and a dotted
    /// request path (L105).
    fn custom_from(
        &mut self,
        src: Src<'_>,
        key: &str,
        about: &str,
        path: &str,
        otherwise: Option<Generated>,
    ) -> Option<Generated> {
        let at = src.loc(&format!("{key}.custom_from"));
        let well_formed = path.split('.').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        });
        if !well_formed {
            self.sink.error(
                at,
                "L105",
                format!("`custom_from` of field `{about}` is `{path}`, not a dotted request path"),
                "name the request body member the caller's value is in, as `object.member` (`bank_transfer.va_number`)",
            );
            return otherwise;
        }
        let Some(otherwise) = otherwise else {
            self.sink.error(
                at,
                "L105",
                format!("`custom_from` of field `{about}` without a `generated` shape"),
                "give `generated:` too: the shape made when the request carries no value",
            );
            return None;
        };
        Some(Generated::Custom {
            request: path.to_owned(),
            otherwise: Box::new(otherwise),
        })
    }

    /// Lowers one field; `parent` is the struct it belongs to (for inline names).
    pub fn lower_field(
        &mut self,
        src: Src<'_>,
        parent: &str,
        wire: &str,
        spec: &FieldSpec,
        key: &str,
        about: &str,
    ) -> Field {
        let ty = self.resolve_type(src, parent, wire, spec, key, about);
        // Headers check `value` where they are lowered; a body field never has one.
        if spec.value.is_some() && parent != "Header" {
            self.sink.error(
                src.loc(&format!("{key}.value")),
                "L031",
                format!("field `{about}` has a fixed `value`; only request headers do"),
                "delete `value`, or use `default` for the value the provider assumes",
            );
        }
        let rust_name = names::field_name(wire).unwrap_or_else(|| {
            self.sink.error(
                src.loc(key),
                "L016",
                format!("wire name `{wire}` gives no usable Rust field name"),
                "wire names need ASCII letters or digits",
            );
            "invalid".to_owned()
        });
        if ty != Type::String {
            for (prop, set) in [
                ("max_len", spec.max_len.is_some()),
                ("min_len", spec.min_len.is_some()),
                ("format", spec.format.is_some()),
            ] {
                if set {
                    self.sink.error(
                        src.loc(&format!("{key}.{prop}")),
                        "L009",
                        format!(
                            "`{prop}` on field `{about}` of type `{}`; it applies to strings only",
                            spec.ty
                        ),
                        format!("delete `{prop}` or change the type to `string`"),
                    );
                }
            }
        }
        let minimum = match (&ty, spec.minimum) {
            (Type::AmountIdr, None) => Some(1),
            (Type::AmountIdr | Type::Integer, given) => given,
            (_, None) => None,
            (_, Some(_)) => {
                self.sink.error(
                    src.loc(&format!("{key}.minimum")),
                    "L009",
                    format!(
                        "`minimum` on field `{about}` of type `{}`; it applies to `amount_idr` and `integer` only",
                        spec.ty
                    ),
                    "delete `minimum` or change the type",
                );
                None
            }
        };
        let format = spec.format.as_deref().and_then(|f| {
            let found = Format::from_spec_name(f);
            if found.is_none() {
                let all: Vec<&str> = Format::ALL.iter().map(|f| f.spec_name()).collect();
                self.sink.error(
                    src.loc(&format!("{key}.format")),
                    "L002",
                    format!("unknown format `{f}` for field `{about}`"),
                    format!("expected one of {}", all.join(", ")),
                );
            }
            found
        });
        let mut also_accepts = Vec::new();
        for (i, kind) in spec.also_accepts.iter().enumerate() {
            match kind.as_str() {
                "string" => also_accepts.push(WireKind::String),
                "integer" => also_accepts.push(WireKind::Integer),
                "boolean" => also_accepts.push(WireKind::Boolean),
                other => self.sink.error(
                    src.loc(&format!("{key}.also_accepts[{i}]")),
                    "L013",
                    format!("`also_accepts` of field `{about}` names unknown kind `{other}`"),
                    "expected one of string, integer, boolean",
                ),
            }
        }
        let default = spec
            .default
            .as_ref()
            .and_then(|value| match self.literal(value, &ty) {
                Ok(lit) => Some(lit),
                Err(why) => {
                    self.sink.error(
                        src.loc(&format!("{key}.default")),
                        "L010",
                        format!("default of field `{about}`: {why}"),
                        "make the default a value of the field's type",
                    );
                    None
                }
            });
        if spec.doc.as_deref().map_or(true, |d| d.trim().is_empty()) {
            self.sink.warn(
                src.loc(key),
                "W003",
                format!("field `{about}` has no `doc`"),
                "copy the docs' description of the field; it becomes rustdoc",
            );
        }
        let generated = spec.generated.as_deref().and_then(|text| {
            let parsed = if spec.ty == "string" {
                super::generated::parse(text)
            } else {
                Err(format!(
                    "field `{about}` is `{}`; generated values are strings",
                    spec.ty
                ))
            };
            match parsed {
                Ok(g) => Some(g),
                Err(why) => {
                    self.sink.error(
                        src.loc(&format!("{key}.generated")),
                        "L032",
                        format!("`generated` of field `{about}`: {why}"),
                        "use uuid_v4, digits(N), alnum(N), timestamp(utc_timestamp | local_date_time[, +HH:MM][, +N(s|m|h|d)]) or template(text with {…} placeholders) on a string field",
                    );
                    None
                }
            }
        });
        let generated = match &spec.generated_by {
            Some(by) => self.generated_by(src, key, about, by, generated),
            None => generated,
        };
        let generated = match &spec.custom_from {
            Some(path) => self.custom_from(src, key, about, path, generated),
            None => generated,
        };
        let discrepancy = spec.discrepancy.as_ref().map(|d| {
            let note = self.discrepancy(src, d, &format!("{key}.discrepancy"), about);
            self.discrepancies.push(note.clone());
            note
        });
        Field {
            wire_name: wire.to_owned(),
            rust_name,
            doc: spec.doc.clone().unwrap_or_default(),
            ty,
            presence: spec.presence,
            optional: spec.presence != Presence::Mandatory,
            max_len: spec.max_len,
            min_len: spec.min_len,
            format,
            minimum,
            default,
            aliases: spec.aliases.clone(),
            also_accepts,
            sensitive: spec.sensitive,
            discrepancy,
            generated,
            loc: src.loc(key),
        }
    }

    /// Resolves a field's type, lowering inline objects as it goes. Unknown
    /// types are reported and stand in as `Json` (the IR is not returned then).
    fn resolve_type(
        &mut self,
        src: Src<'_>,
        parent: &str,
        wire: &str,
        spec: &FieldSpec,
        key: &str,
        about: &str,
    ) -> Type {
        let shape_error = |cx: &mut Self, prop: &str, msg: String, help: &str| {
            cx.sink.error(
                src.loc(&format!("{key}.{prop}")),
                "L017",
                msg,
                help.to_owned(),
            );
        };
        if spec.fields.is_some() && spec.ty != "object" {
            shape_error(
                self,
                "fields",
                format!("field `{about}` has `fields` but type `{}`", spec.ty),
                "use `type: object` with `fields`",
            );
        }
        if spec.items.is_some() && spec.ty != "array" {
            shape_error(
                self,
                "items",
                format!("field `{about}` has `items` but type `{}`", spec.ty),
                "use `type: array` with `items`",
            );
        }
        if spec.name.is_some() && spec.ty != "object" {
            shape_error(
                self,
                "name",
                format!("field `{about}` has `name` but type `{}`", spec.ty),
                "`name` names the struct of an inline `object`",
            );
        }
        match spec.ty.as_str() {
            "string" => Type::String,
            "integer" => Type::Integer,
            "boolean" => Type::Boolean,
            "amount_idr" => Type::AmountIdr,
            "decimal" => Type::Decimal,
            "json" => Type::Json,
            "object" => match &spec.fields {
                Some(fields) => {
                    // A body may be empty (the docs show none); an inline
                    // object with nothing in it is better typed `json`.
                    if fields.is_empty() {
                        shape_error(
                            self,
                            "fields",
                            format!("inline object `{about}` has no fields"),
                            "list its fields, or use `type: json` for an object the docs do not describe",
                        );
                    }
                    let name = spec
                        .name
                        .clone()
                        .unwrap_or_else(|| format!("{parent}{}", names::upper_camel(wire)));
                    let name_key = if spec.name.is_some() {
                        format!("{key}.name")
                    } else {
                        key.to_owned()
                    };
                    self.check_type_name(&name, src.loc(&name_key));
                    if self.declare(&name, NameKind::Struct, src.loc(&name_key)) {
                        self.lower_struct(
                            src,
                            &name,
                            &name_key,
                            spec.doc.clone().unwrap_or_default(),
                            fields,
                            &format!("{key}.fields"),
                            about,
                        );
                    }
                    Type::Struct(name)
                }
                None => {
                    shape_error(
                        self,
                        "type",
                        format!("field `{about}` is an `object` without `fields`"),
                        "list its `fields`, or use `type: json` for an undescribed object",
                    );
                    Type::Json
                }
            },
            "array" => match &spec.items {
                Some(items) => {
                    let elem = self.resolve_type(
                        src,
                        parent,
                        wire,
                        items,
                        &format!("{key}.items"),
                        &format!("{about}[]"),
                    );
                    Type::Array(Box::new(elem))
                }
                None => {
                    shape_error(
                        self,
                        "type",
                        format!("field `{about}` is an `array` without `items`"),
                        "add `items: { type: ..., presence: mandatory }`",
                    );
                    Type::Json
                }
            },
            name => match self.names.get(name) {
                Some((NameKind::Enum, _)) => {
                    self.referenced.insert(name.to_owned());
                    Type::Enum(name.to_owned())
                }
                Some((NameKind::Struct, _)) => {
                    self.referenced.insert(name.to_owned());
                    Type::Struct(name.to_owned())
                }
                None => {
                    self.sink.error(
                        src.loc(&format!("{key}.type")),
                        "L001",
                        format!("unknown type `{name}` for field `{about}`"),
                        format!("expected one of {PRIMITIVES}, or an enum or type defined in this provider"),
                    );
                    Type::Json
                }
            },
        }
    }

    /// Types a YAML value against a field type; `Err` says why it does not fit.
    pub fn literal(&self, value: &Yaml, ty: &Type) -> Result<Literal, String> {
        use Yaml as V;
        match (ty, value) {
            (Type::String | Type::Decimal, V::String(s)) => Ok(Literal::String(s.clone())),
            (Type::Integer | Type::AmountIdr, V::Number(n)) => n
                .as_i64()
                .map(Literal::Integer)
                .ok_or_else(|| format!("`{n}` is not a whole number")),
            (Type::Boolean, V::Bool(b)) => Ok(Literal::Boolean(*b)),
            (Type::Enum(name), V::String(_) | V::Number(_) | V::Bool(_)) => {
                let wire = match value {
                    V::String(s) => s.clone(),
                    V::Number(n) => n.to_string(),
                    V::Bool(b) => b.to_string(),
                    _ => String::new(),
                };
                let Some(e) = self.enum_by_name(name) else {
                    return Err(format!("enum `{name}` is not defined"));
                };
                match e.values.iter().find(|v| v.wire == wire) {
                    Some(v) => Ok(Literal::EnumValue {
                        enum_name: name.clone(),
                        wire,
                        rust_name: v.rust_name.clone(),
                    }),
                    None => {
                        let members: Vec<&str> = e.values.iter().map(|v| v.wire.as_str()).collect();
                        // YAML reads `00` as the number 0: say so, or the message baffles.
                        let unquoted = if matches!(value, V::String(_)) {
                            ""
                        } else {
                            "; YAML read it as a number or boolean, quote it to keep it as written"
                        };
                        Err(format!(
                            "`{wire}` is not a value of enum `{name}` (values: {}){unquoted}",
                            members.join(", ")
                        ))
                    }
                }
            }
            (Type::Json | Type::Struct(_) | Type::Array(_), _) => Err(format!(
                "values of type {} cannot be written as literals",
                describe(ty)
            )),
            (Type::String | Type::Decimal, V::Number(_) | V::Bool(_)) => Err(format!(
                "expected {}, found {}; quote it to make it a string",
                describe(ty),
                value.describe()
            )),
            (_, other) => Err(format!(
                "expected {}, found {}",
                describe(ty),
                other.describe()
            )),
        }
    }

    /// Checks and lowers a discrepancy note; `about` is used when the note has none.
    pub fn discrepancy(
        &mut self,
        src: Src<'_>,
        spec: &DiscrepancySpec,
        key: &str,
        about: &str,
    ) -> Discrepancy {
        let about = spec.about.clone().unwrap_or_else(|| about.to_owned());
        if spec.quotes.len() < 2 {
            self.sink.error(
                src.loc(&format!("{key}.quotes")),
                "L018",
                format!("discrepancy about `{about}` quotes {} passage(s); a contradiction needs at least two", spec.quotes.len()),
                "quote each contradicting passage of the docs verbatim",
            );
        }
        if spec.accepts.trim().is_empty() {
            self.sink.error(
                src.loc(&format!("{key}.accepts")),
                "L018",
                format!("discrepancy about `{about}` has an empty `accepts`"),
                "say what the generated code sends and accepts on the wire because of it",
            );
        }
        for (i, q) in spec.quotes.iter().enumerate() {
            let qkey = format!("{key}.quotes[{i}]");
            if q.trim().is_empty() {
                self.sink.warn(
                    src.loc(&qkey),
                    "W004",
                    format!("discrepancy about `{about}` has a blank quote"),
                    "quote the passage verbatim",
                );
            } else if spec.quotes[..i].iter().any(|p| p.trim() == q.trim()) {
                self.sink.warn(
                    src.loc(&qkey),
                    "W004",
                    format!("discrepancy about `{about}` quotes the same passage twice"),
                    "quote the passages that contradict each other",
                );
            }
        }
        Discrepancy {
            about,
            quotes: spec.quotes.clone(),
            accepts: spec.accepts.clone(),
            loc: src.loc(key),
        }
    }
}

/// A type as a spec author would name it.
pub(crate) fn describe(ty: &Type) -> String {
    match ty {
        Type::String => "a string".into(),
        Type::Integer => "an integer".into(),
        Type::Boolean => "a boolean".into(),
        Type::AmountIdr => "an amount_idr (whole rupiah)".into(),
        Type::Decimal => "a decimal string".into(),
        Type::Json => "json".into(),
        Type::Enum(n) => format!("a value of enum `{n}`"),
        Type::Struct(n) => format!("object `{n}`"),
        Type::Array(t) => format!("an array of {}", describe(t)),
    }
}
