//! The credentials the sandbox expects callers to use, keyed by the
//! environment variable each spec names for them
//! (`auth.credentials.<name>.env`), so any spec's credentials are covered
//! without the sandbox knowing its providers.

use std::collections::BTreeMap;

use payspec_codegen_core::ir::Ir;
use payspec_signing::recipe::{self, Scheme};
use payspec_signing::Secret;

/// The credentials callers must use, by environment-variable name
/// (`PARTNER_SECRET_KEY`). A credential nobody configured is
/// [`Credentials::default_value`]; an `…_FILE` credential's value names the
/// file that holds it (a PEM key), read when the sandbox starts.
#[derive(Clone, Default)]
pub struct Credentials {
    given: BTreeMap<String, Secret>,
    /// Whether unconfigured credentials are read from the process
    /// environment before falling back to the default.
    environment: bool,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Names only: values are secrets.
        f.debug_struct("Credentials")
            .field("given", &self.given.keys().collect::<Vec<_>>())
            .field("environment", &self.environment)
            .finish()
    }
}

impl Credentials {
    /// Nothing configured and the environment not read: every credential is
    /// its well-known [`Credentials::default_value`] (never use them
    /// anywhere real).
    pub fn test() -> Self {
        Credentials::default()
    }

    /// Credentials from the environment variables the spec names; unset or
    /// empty ones are their [`Credentials::default_value`].
    pub fn from_env() -> Self {
        Credentials {
            given: BTreeMap::new(),
            environment: true,
        }
    }

    /// The sandbox's value of a credential nobody configured:
    /// `sandbox-<ENV>` (`sandbox-PARTNER_SECRET_KEY`).
    pub fn default_value(env: &str) -> String {
        format!("sandbox-{env}")
    }

    /// With credential `env` set to `value` (for an `…_FILE` credential,
    /// the path of the file that holds it).
    pub fn with(mut self, env: impl Into<String>, value: impl Into<Secret>) -> Self {
        self.set(env, value);
        self
    }

    /// Sets credential `env` to `value`, replacing any earlier value.
    pub fn set(&mut self, env: impl Into<String>, value: impl Into<Secret>) {
        self.given.insert(env.into(), value.into());
    }

    /// Sets a credential from `ENV=VALUE` (`payspec mock --credential`);
    /// `Err` says what is wrong without repeating the value.
    pub fn set_assignment(&mut self, assignment: &str) -> Result<(), String> {
        let Some((env, value)) = assignment.split_once('=') else {
            return Err("a credential is given as ENV=VALUE (no `=` found)".to_owned());
        };
        let env = env.trim();
        if env.is_empty() || !env.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return Err(format!(
                "`{env}` is not an environment-variable name (letters, digits, `_`)"
            ));
        }
        self.set(env, Secret::new(value));
        Ok(())
    }

    /// Credential `env` as configured: set, else (with
    /// [`Credentials::from_env`]) the environment variable, else the
    /// default. An `…_FILE` credential is the path, not yet the file.
    pub fn by_env(&self, env: &str) -> Secret {
        self.configured(env)
            .unwrap_or_else(|| Secret::new(Credentials::default_value(env)))
    }

    fn configured(&self, env: &str) -> Option<Secret> {
        if let Some(value) = self.given.get(env) {
            return Some(value.clone());
        }
        if !self.environment {
            return None;
        }
        std::env::var(env)
            .ok()
            .filter(|v| !v.is_empty())
            .map(Secret::new)
    }

    /// The credentials of `scheme`, by the names its recipes use.
    pub fn for_scheme(&self, scheme: &Scheme) -> recipe::Credentials {
        let mut out = recipe::Credentials::new();
        for decl in scheme.credentials.iter() {
            out.insert(decl.name.clone(), self.by_env(&decl.env));
        }
        out
    }

    /// Every credential `ir` declares, final: configured, from the
    /// environment or the default, with each configured `…_FILE` credential
    /// replaced by the text of its file. `Err` names the variable and the
    /// file it could not read.
    pub(crate) fn resolved(&self, ir: &Ir) -> Result<Credentials, String> {
        let mut out = Credentials::test();
        let declared = ir
            .providers
            .iter()
            .flat_map(|p| p.auth.recipes.credentials.iter());
        for decl in declared {
            let env = decl.env.to_string();
            let value = match self.configured(&env) {
                Some(path) if env.ends_with("_FILE") => {
                    let text = std::fs::read_to_string(path.expose())
                        .map_err(|e| format!("cannot read the file {env} names: {e}"))?;
                    Secret::new(text)
                }
                Some(value) => value,
                None => Secret::new(Credentials::default_value(&env)),
            };
            out.set(env, value);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_values_win_and_the_rest_are_defaults() {
        let mut c = Credentials::test().with("A_KEY", "given");
        c.set_assignment("B_ID=x=y").unwrap();
        assert_eq!(c.by_env("A_KEY").expose(), "given");
        // Only the first `=` separates: values may contain one.
        assert_eq!(c.by_env("B_ID").expose(), "x=y");
        assert_eq!(c.by_env("C_KEY").expose(), "sandbox-C_KEY");
    }

    #[test]
    fn assignments_need_a_name_and_an_equals_sign() {
        let mut c = Credentials::test();
        assert!(c
            .set_assignment("NO_VALUE")
            .unwrap_err()
            .contains("ENV=VALUE"));
        let bad = c.set_assignment("BAD NAME=secret").unwrap_err();
        assert!(bad.contains("`BAD NAME`"), "{bad}");
        assert!(!bad.contains("secret"), "{bad}");
    }

    #[test]
    fn file_credentials_are_read_at_start_and_an_unreadable_one_is_named() {
        let fixture =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../codegen/tests/fixtures/snap");
        let ir = payspec_codegen_core::lower::load_dir(&fixture)
            .expect("the fixture loads")
            .ir;
        let dir = tempfile::tempdir().unwrap();
        let key = dir.path().join("key.pem");
        std::fs::write(&key, "PEM TEXT").unwrap();
        let resolved = Credentials::test()
            .with("SNAP_PRIVATE_KEY_FILE", key.display().to_string())
            .with("SNAP_CLIENT_SECRET", "given")
            .resolved(&ir)
            .unwrap();
        assert_eq!(
            resolved.by_env("SNAP_PRIVATE_KEY_FILE").expose(),
            "PEM TEXT"
        );
        assert_eq!(resolved.by_env("SNAP_CLIENT_SECRET").expose(), "given");
        assert_eq!(
            resolved.by_env("SNAP_CLIENT_ID").expose(),
            "sandbox-SNAP_CLIENT_ID"
        );
        let missing = Credentials::test()
            .with(
                "SNAP_PRIVATE_KEY_FILE",
                dir.path().join("absent.pem").display().to_string(),
            )
            .resolved(&ir)
            .unwrap_err();
        assert!(missing.contains("SNAP_PRIVATE_KEY_FILE"), "{missing}");
    }

    #[test]
    fn debug_shows_names_not_values() {
        let c = Credentials::test().with("A_KEY", "very-secret-value");
        let shown = format!("{c:?}");
        assert!(shown.contains("A_KEY") && !shown.contains("very-secret-value"));
    }
}
