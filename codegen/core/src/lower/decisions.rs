//! Decision tables: inputs and output typed, every row value checked.

use indexmap::IndexMap;

use super::provider::{Ctx, NameKind};
use super::Src;
use crate::ir::{Decision, DecisionInput, DecisionMatch, DecisionRow, DecisionType, Literal, Type};
use crate::spec::model::{DecisionMatchSpec, DecisionSpec};
use crate::spec::value::Yaml;

impl Ctx<'_> {
    /// Lowers the decision tables of one file; broken tables are reported and left out.
    pub fn lower_decisions(
        &mut self,
        src: Src<'_>,
        specs: &IndexMap<String, DecisionSpec>,
    ) -> Vec<Decision> {
        specs
            .iter()
            .filter_map(|(name, spec)| self.decision(src, name, spec, &format!("decisions.{name}")))
            .collect()
    }

    fn decision_type(
        &mut self,
        src: Src<'_>,
        ty: &str,
        key: &str,
        what: &str,
    ) -> Option<DecisionType> {
        if ty == "boolean" {
            return Some(DecisionType::Boolean);
        }
        if matches!(self.names.get(ty), Some((NameKind::Enum, _))) {
            self.referenced.insert(ty.to_owned());
            return Some(DecisionType::Enum(ty.to_owned()));
        }
        self.sink.error(
            src.loc(key),
            "L022",
            format!("{what} has type `{ty}`; decision inputs and outputs are `boolean` or an enum"),
            "use `boolean` or the name of an enum defined in this provider",
        );
        None
    }

    fn decision(
        &mut self,
        src: Src<'_>,
        name: &str,
        spec: &DecisionSpec,
        key: &str,
    ) -> Option<Decision> {
        self.check_snake("decision name", name, src.loc(key));
        let mut inputs = Vec::new();
        let mut ok = true;
        for (iname, input) in &spec.inputs {
            let ikey = format!("{key}.inputs.{iname}");
            self.check_snake("decision input", iname, src.loc(&ikey));
            match self.decision_type(
                src,
                &input.ty,
                &format!("{ikey}.type"),
                &format!("input `{iname}` of `{name}`"),
            ) {
                Some(ty) => inputs.push(DecisionInput {
                    name: iname.clone(),
                    ty,
                    doc: input.doc.clone(),
                    optional: input.optional,
                }),
                None => ok = false,
            }
        }
        let output = self.decision_type(
            src,
            &spec.output,
            &format!("{key}.output"),
            &format!("output of `{name}`"),
        );
        let (Some(output), true) = (output, ok) else {
            return None;
        };
        let out_ty = as_type(&output);
        let mut rows = Vec::new();
        for (r, row) in spec.rows.iter().enumerate() {
            let rkey = format!("{key}.rows[{r}]");
            let mut when = Vec::new();
            for (iname, m) in &row.when {
                let wkey = format!("{rkey}.when.{iname}");
                let Some(index) = inputs.iter().position(|i| &i.name == iname) else {
                    let known: Vec<&str> = inputs.iter().map(|i| i.name.as_str()).collect();
                    self.sink.error(
                        src.loc(&wkey),
                        "L022",
                        format!("row {r} of `{name}` tests `{iname}`, which is not an input"),
                        format!("inputs are: {}", known.join(", ")),
                    );
                    ok = false;
                    continue;
                };
                let ty = as_type(&inputs[index].ty);
                let (values, negate) = match m {
                    DecisionMatchSpec::Not { not } => (not.iter().collect::<Vec<_>>(), true),
                    DecisionMatchSpec::AnyOf(vs) => (vs.iter().collect(), false),
                    DecisionMatchSpec::One(v) => (vec![v], false),
                };
                let lits = self.literals(
                    src,
                    &values,
                    &ty,
                    &wkey,
                    &format!("row {r} of `{name}`, input `{iname}`"),
                );
                match lits {
                    Some(l) if negate => when.push((index, DecisionMatch::NoneOf(l))),
                    Some(l) => when.push((index, DecisionMatch::AnyOf(l))),
                    None => ok = false,
                }
            }
            let then = self.literals(
                src,
                &[&row.then],
                &out_ty,
                &format!("{rkey}.then"),
                &format!("row {r} of `{name}`, `then`"),
            );
            match then.and_then(|mut l| l.pop()) {
                Some(then) => rows.push(DecisionRow { when, then }),
                None => ok = false,
            }
        }
        let otherwise = match &spec.otherwise {
            Some(v) => {
                let lit = self.literals(
                    src,
                    &[v],
                    &out_ty,
                    &format!("{key}.otherwise"),
                    &format!("`otherwise` of `{name}`"),
                );
                if lit.is_none() {
                    ok = false;
                }
                lit.and_then(|mut l| l.pop())
            }
            None => None,
        };
        ok.then(|| Decision {
            name: name.to_owned(),
            scope: src.scope.clone(),
            doc: spec.doc.clone(),
            source: spec.source.clone(),
            inputs,
            output,
            rows,
            otherwise,
            loc: src.loc(key),
        })
    }

    fn literals(
        &mut self,
        src: Src<'_>,
        values: &[&Yaml],
        ty: &Type,
        key: &str,
        what: &str,
    ) -> Option<Vec<Literal>> {
        let mut out = Vec::new();
        for v in values {
            match self.literal(v, ty) {
                Ok(l) => out.push(l),
                Err(why) => {
                    self.sink.error(
                        src.loc(key),
                        "L010",
                        format!("{what}: {why}"),
                        "use a value of the input's or output's type",
                    );
                    return None;
                }
            }
        }
        Some(out)
    }
}

fn as_type(t: &DecisionType) -> Type {
    match t {
        DecisionType::Boolean => Type::Boolean,
        DecisionType::Enum(n) => Type::Enum(n.clone()),
    }
}
