//! Cross-field rules: dotted paths resolved to typed steps, conditions typed.

use super::fields::describe;
use super::provider::{Ctx, PendingRules};
use super::Src;
use crate::ir::{Condition, ConditionTest, FieldPath, PathStep, Rule, RuleKind, Type};
use crate::spec::model::{ConditionSpec, RuleSpec};
use crate::spec::value::Yaml;

/// The rule kinds, as the spec spells them.
const KINDS: &str = "required_if, one_of_required, sum_equals, max_len_if, not_greater_than, only_if, depends_on_account";

/// A resolved path and the struct its last field belongs to.
struct Resolved {
    path: FieldPath,
    owner: String,
}

/// Why a path does not resolve.
struct PathError {
    code: &'static str,
    message: String,
    help: String,
}

impl Ctx<'_> {
    /// Lowers the rules of one endpoint file onto its request struct.
    pub fn lower_rules(&mut self, pending: &PendingRules<'_>) {
        let mut lowered = Vec::new();
        for (i, spec) in pending.rules.iter().enumerate() {
            let key = format!("{}[{i}]", pending.key);
            if let Some(kind) = self.rule(pending.src, &pending.root, spec, &key) {
                lowered.push(Rule {
                    kind,
                    source: spec.source.clone(),
                    loc: pending.src.loc(&key),
                });
            }
        }
        if let Some(s) = self.struct_by_name_mut(&pending.root) {
            s.rules.extend(lowered);
        }
    }

    fn rule(&mut self, src: Src<'_>, root: &str, spec: &RuleSpec, key: &str) -> Option<RuleKind> {
        let kinds: Vec<&str> = [
            ("required_if", spec.required_if.is_some()),
            ("one_of_required", spec.one_of_required.is_some()),
            ("sum_equals", spec.sum_equals.is_some()),
            ("max_len_if", spec.max_len_if.is_some()),
            ("not_greater_than", spec.not_greater_than.is_some()),
            ("only_if", spec.only_if.is_some()),
            ("depends_on_account", spec.depends_on_account.is_some()),
        ]
        .into_iter()
        .filter_map(|(k, set)| set.then_some(k))
        .collect();
        if kinds.len() != 1 {
            let message = if kinds.is_empty() {
                "rule has no kind".to_owned()
            } else {
                format!(
                    "rule has {} kinds ({}) in one entry",
                    kinds.len(),
                    kinds.join(", ")
                )
            };
            self.sink.error(
                src.loc(key),
                "L005",
                message,
                format!("give each rule entry `source` and exactly one of: {KINDS}"),
            );
            return None;
        }
        if let Some(r) = &spec.required_if {
            let k = format!("{key}.required_if");
            let fields = self.presence_paths(src, root, &r.fields, &format!("{k}.fields"));
            let when = self.condition(src, root, &r.when, &format!("{k}.when"));
            return Some(RuleKind::RequiredIf {
                fields: fields?,
                when: when?,
            });
        }
        if let Some(r) = &spec.one_of_required {
            let fields = self.presence_paths(
                src,
                root,
                &r.fields,
                &format!("{key}.one_of_required.fields"),
            );
            return Some(RuleKind::OneOfRequired { fields: fields? });
        }
        if let Some(r) = &spec.depends_on_account {
            let fields = self.presence_paths(
                src,
                root,
                &r.fields,
                &format!("{key}.depends_on_account.fields"),
            );
            return Some(RuleKind::DependsOnAccount { fields: fields? });
        }
        if let Some(r) = &spec.only_if {
            let k = format!("{key}.only_if");
            let fields = self.presence_paths(src, root, &r.fields, &format!("{k}.fields"));
            let when = self.condition(src, root, &r.when, &format!("{k}.when"));
            return Some(RuleKind::OnlyIf {
                fields: fields?,
                when: when?,
            });
        }
        if let Some(r) = &spec.max_len_if {
            let k = format!("{key}.max_len_if");
            let field = self
                .path(src, root, &r.field, &format!("{k}.field"))
                .and_then(|p| {
                    self.rule_targets
                        .insert((p.owner.clone(), leaf_wire(&p.path)));
                    self.check_leaf(
                        src,
                        &format!("{k}.field"),
                        &r.field,
                        p,
                        "L004",
                        "a string",
                        |t| *t == Type::String,
                    )
                });
            let when = self.condition(src, root, &r.when, &format!("{k}.when"));
            return Some(RuleKind::MaxLenIf {
                field: field?,
                max_len: r.max_len,
                when: when?,
            });
        }
        if let Some(r) = &spec.not_greater_than {
            let k = format!("{key}.not_greater_than");
            let field = self
                .path(src, root, &r.field, &format!("{k}.field"))
                .and_then(|p| {
                    self.check_leaf(
                        src,
                        &format!("{k}.field"),
                        &r.field,
                        p,
                        "L011",
                        "a numeric",
                        is_numeric,
                    )
                });
            let than = self
                .path(src, root, &r.than, &format!("{k}.than"))
                .and_then(|p| {
                    self.check_leaf(
                        src,
                        &format!("{k}.than"),
                        &r.than,
                        p,
                        "L011",
                        "a numeric",
                        is_numeric,
                    )
                });
            return Some(RuleKind::NotGreaterThan {
                field: field?,
                than: than?,
            });
        }
        if let Some(r) = &spec.sum_equals {
            let k = format!("{key}.sum_equals");
            let array_text = r.array.strip_suffix("[]").unwrap_or(&r.array);
            let array = self.path(src, root, array_text, &format!("{k}.array"));
            let element = array.as_ref().and_then(|a| match a.path.leaf_type() {
                Type::Array(elem) => match elem.as_ref() {
                    Type::Struct(name) => Some(name.clone()),
                    other => {
                        self.sink.error(
                            src.loc(&format!("{k}.array")),
                            "L004",
                            format!(
                                "sum_equals array `{}` holds {}, not objects",
                                r.array,
                                describe(other)
                            ),
                            "point `array` at an array of objects whose fields are multiplied",
                        );
                        None
                    }
                },
                other => {
                    self.sink.error(
                        src.loc(&format!("{k}.array")),
                        "L004",
                        format!(
                            "sum_equals `array` names `{}`, which is {}, not an array",
                            r.array,
                            describe(other)
                        ),
                        "point `array` at an array field",
                    );
                    None
                }
            });
            let mut multiply = Some(Vec::new());
            if let Some(elem) = &element {
                for (i, m) in r.multiply.iter().enumerate() {
                    let mk = format!("{k}.multiply[{i}]");
                    let p = self.path(src, elem, m, &mk).and_then(|p| {
                        self.check_leaf(src, &mk, m, p, "L011", "a numeric", is_numeric)
                    });
                    match (p, multiply.as_mut()) {
                        (Some(p), Some(list)) => list.push(p),
                        _ => multiply = None,
                    }
                }
            }
            let equals = self
                .path(src, root, &r.equals, &format!("{k}.equals"))
                .and_then(|p| {
                    self.check_leaf(
                        src,
                        &format!("{k}.equals"),
                        &r.equals,
                        p,
                        "L011",
                        "a numeric",
                        is_numeric,
                    )
                });
            let array = array.map(|a| a.path);
            element?;
            return Some(RuleKind::SumEquals {
                array: array?,
                multiply: multiply?,
                equals: equals?,
            });
        }
        None
    }

    /// Resolves the paths of a presence rule and notes them as rule targets.
    fn presence_paths(
        &mut self,
        src: Src<'_>,
        root: &str,
        paths: &[String],
        key: &str,
    ) -> Option<Vec<FieldPath>> {
        let mut out = Some(Vec::new());
        for (i, text) in paths.iter().enumerate() {
            match self.path(src, root, text, &format!("{key}[{i}]")) {
                Some(r) => {
                    self.rule_targets
                        .insert((r.owner.clone(), leaf_wire(&r.path)));
                    if let Some(list) = out.as_mut() {
                        list.push(r.path);
                    }
                }
                None => out = None,
            }
        }
        if paths.is_empty() {
            self.sink.error(
                src.loc(key),
                "L003",
                "rule lists no fields".into(),
                "name the fields the rule is about",
            );
            return None;
        }
        out
    }

    /// Checks the leaf type of a resolved path.
    #[allow(clippy::too_many_arguments)]
    fn check_leaf(
        &mut self,
        src: Src<'_>,
        key: &str,
        text: &str,
        resolved: Resolved,
        code: &'static str,
        wanted: &str,
        ok: impl Fn(&Type) -> bool,
    ) -> Option<FieldPath> {
        if ok(resolved.path.leaf_type()) {
            Some(resolved.path)
        } else {
            self.sink.error(
                src.loc(key),
                code,
                format!(
                    "`{text}` is {}; this rule needs {wanted} field",
                    describe(resolved.path.leaf_type())
                ),
                if wanted == "a numeric" {
                    "use integer, amount_idr or decimal fields".to_owned()
                } else {
                    format!("point the rule at {wanted} field")
                },
            );
            None
        }
    }

    /// Types a condition against the field it tests.
    fn condition(
        &mut self,
        src: Src<'_>,
        root: &str,
        spec: &ConditionSpec,
        key: &str,
    ) -> Option<Condition> {
        let count = [
            spec.equals.is_some(),
            spec.one_of.is_some(),
            spec.present.is_some(),
        ]
        .iter()
        .filter(|b| **b)
        .count();
        let field = self.path(src, root, &spec.field, &format!("{key}.field"));
        if count != 1 {
            self.sink.error(
                src.loc(key),
                "L012",
                format!("condition on `{}` has {count} tests", spec.field),
                "give it exactly one of `equals: v`, `one_of: [v, w]`, `present: true|false`",
            );
            return None;
        }
        if spec.or_absent && spec.present.is_some() {
            self.sink.error(
                src.loc(&format!("{key}.or_absent")),
                "L012",
                format!(
                    "condition on `{}` combines `or_absent` with `present`",
                    spec.field
                ),
                "use `or_absent: true` only beside `equals` or `one_of`",
            );
            return None;
        }
        let field = field?.path;
        let ty = field.leaf_type().clone();
        let test = if let Some(present) = spec.present {
            ConditionTest::Present(present)
        } else {
            let (values, vkey): (Vec<&Yaml>, String) = match (&spec.equals, &spec.one_of) {
                (Some(v), _) => (vec![v], format!("{key}.equals")),
                (_, Some(vs)) => (vs.iter().collect(), format!("{key}.one_of")),
                _ => (Vec::new(), key.to_owned()),
            };
            let mut literals = Vec::new();
            for v in values {
                match self.literal(v, &ty) {
                    Ok(l) => literals.push(l),
                    Err(why) => {
                        self.sink.error(
                            src.loc(&vkey),
                            "L010",
                            format!("condition on `{}`: {why}", spec.field),
                            "compare the field with a value of its type",
                        );
                        return None;
                    }
                }
            }
            if spec.or_absent {
                ConditionTest::AbsentOrOneOf(literals)
            } else {
                ConditionTest::OneOf(literals)
            }
        };
        Some(Condition { field, test })
    }

    /// Resolves a dotted path from struct `root`; reports why it does not.
    fn path(&mut self, src: Src<'_>, root: &str, text: &str, key: &str) -> Option<Resolved> {
        match self.resolve_path(root, text) {
            Ok(r) => Some(r),
            Err(e) => {
                self.sink.error(src.loc(key), e.code, e.message, e.help);
                None
            }
        }
    }

    fn resolve_path(&self, root: &str, text: &str) -> Result<Resolved, PathError> {
        let segments: Vec<&str> = text.split('.').collect();
        if segments.iter().any(|s| s.is_empty() || *s == "[]") {
            return Err(PathError {
                code: "L003",
                message: format!("rule path `{text}` has an empty segment"),
                help: "write paths as `a.b[].c`".into(),
            });
        }
        let mut owner = root.to_owned();
        let mut steps: Vec<PathStep> = Vec::new();
        for (i, seg) in segments.iter().enumerate() {
            let (name, each) = match seg.strip_suffix("[]") {
                Some(n) => (n, true),
                None => (*seg, false),
            };
            let Some(s) = self.struct_by_name(&owner) else {
                return Err(PathError {
                    code: "L004",
                    message: format!(
                        "rule path `{text}` starts from `{owner}`, which is not an object"
                    ),
                    help: "rules apply to request bodies with fields".into(),
                });
            };
            let Some(field) = s.fields.iter().find(|f| f.wire_name == name) else {
                let known: Vec<&str> = s.fields.iter().map(|f| f.wire_name.as_str()).collect();
                return Err(PathError {
                    code: "L003",
                    message: format!(
                        "rule path `{text}` names `{name}`, but `{owner}` has no such field"
                    ),
                    help: format!("fields of `{owner}` are: {}", known.join(", ")),
                });
            };
            let ty = if each {
                match &field.ty {
                    Type::Array(elem) => elem.as_ref().clone(),
                    other => {
                        return Err(PathError {
                            code: "L004",
                            message: format!("rule path `{text}` writes `{name}[]`, but `{name}` is {}, not an array", describe(other)),
                            help: format!("write `{name}` without `[]`"),
                        });
                    }
                }
            } else {
                field.ty.clone()
            };
            let last = i + 1 == segments.len();
            if !last {
                match &ty {
                    Type::Struct(next) => owner = next.clone(),
                    Type::Array(_) => {
                        return Err(PathError {
                            code: "L004",
                            message: format!(
                                "rule path `{text}` steps into array `{name}` without `[]`"
                            ),
                            help: format!("write `{name}[]` to apply the rule to every element"),
                        });
                    }
                    other => {
                        return Err(PathError {
                            code: "L004",
                            message: format!("rule path `{text}` steps through `{name}`, which is {}, not an object", describe(other)),
                            help: "only objects have fields to step into".into(),
                        });
                    }
                }
            }
            steps.push(PathStep {
                wire_name: name.to_owned(),
                rust_name: field.rust_name.clone(),
                optional: field.optional,
                each,
                ty,
            });
        }
        Ok(Resolved {
            path: FieldPath { steps },
            owner,
        })
    }
}

/// Wire name of a path's last field.
fn leaf_wire(path: &FieldPath) -> String {
    path.steps
        .last()
        .map(|s| s.wire_name.clone())
        .unwrap_or_default()
}

/// Integer, amount or decimal.
fn is_numeric(ty: &Type) -> bool {
    matches!(ty, Type::Integer | Type::AmountIdr | Type::Decimal)
}
