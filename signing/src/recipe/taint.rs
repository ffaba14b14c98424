//! Which values carry a secret: for the lint (a signing key must never reach
//! an output uncovered) and for traces (what to redact).

use super::{CredentialKind, Recipe, Scheme, Source, Step, Template};

/// What a value carries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Taint {
    /// Signing keys that reach it without a MAC, signature or digest in
    /// between.
    pub keys: Vec<String>,
    /// Whether it must be redacted in traces (it carries a key, a `sent`
    /// credential or HTTP Basic credentials).
    pub redacted: bool,
}

impl Taint {
    fn join(&mut self, other: &Taint) {
        for key in &other.keys {
            if !self.keys.contains(key) {
                self.keys.push(key.clone());
            }
        }
        self.redacted |= other.redacted;
    }
}

/// The taint of every value of `recipe`, in order.
pub fn taints(scheme: &Scheme, recipe: &Recipe) -> Vec<Taint> {
    let mut out: Vec<Taint> = Vec::with_capacity(recipe.values.len());
    for value in recipe.values.iter() {
        let of_name = |name: &str, out: &[Taint]| -> Taint {
            if let Some(i) = recipe.values.iter().position(|v| v.name == name) {
                return out.get(i).cloned().unwrap_or_default();
            }
            credential_taint(scheme, name)
        };
        let of_template = |t: &Template, out: &[Taint]| {
            let mut taint = Taint::default();
            for name in t.references() {
                taint.join(&of_name(name, out));
            }
            taint
        };
        let mut taint = match &value.source {
            Source::Value(name) | Source::Sent(name) => of_name(name, &out),
            Source::Credential(name) => credential_taint(scheme, name),
            Source::Template(t) => of_template(t, &out),
            Source::Lines(lines) | Source::Join { parts: lines, .. } => {
                let mut taint = Taint::default();
                for line in lines.iter() {
                    taint.join(&of_template(&line.template, &out));
                }
                taint
            }
            Source::Basic { .. } => Taint {
                keys: Vec::new(),
                redacted: true,
            },
            _ => Taint::default(),
        };
        for step in value.steps.iter() {
            if matches!(
                step,
                Step::Sha256
                    | Step::Sha512
                    | Step::HmacSha256(_)
                    | Step::HmacSha512(_)
                    | Step::RsaSha256(_)
                    | Step::JwtHs256(_)
            ) {
                taint = Taint::default();
            }
        }
        out.push(taint);
    }
    out
}

fn credential_taint(scheme: &Scheme, name: &str) -> Taint {
    match scheme.credential(name).map(|c| c.kind) {
        Some(CredentialKind::Key) => Taint {
            keys: vec![name.to_owned()],
            redacted: true,
        },
        Some(CredentialKind::Sent) => Taint {
            keys: Vec::new(),
            redacted: true,
        },
        _ => Taint::default(),
    }
}

/// The taint of a template over `recipe`'s values.
pub(crate) fn template_taint(
    scheme: &Scheme,
    recipe: &Recipe,
    taints: &[Taint],
    template: &Template,
) -> Taint {
    let mut taint = Taint::default();
    for name in template.references() {
        match recipe.values.iter().position(|v| v.name == name) {
            Some(i) => taint.join(&taints[i]),
            None => taint.join(&credential_taint(scheme, name)),
        }
    }
    taint
}

/// Every (output name, signing key) where a key reaches a header or body
/// field without a MAC, signature or digest covering it.
pub fn secret_reaches(scheme: &Scheme, recipe: &Recipe) -> Vec<(String, String)> {
    let taints = taints(scheme, recipe);
    let mut found = Vec::new();
    for output in recipe.headers.iter().chain(recipe.fields.iter()) {
        for key in template_taint(scheme, recipe, &taints, &output.template).keys {
            found.push((output.name.to_string(), key));
        }
    }
    found
}
