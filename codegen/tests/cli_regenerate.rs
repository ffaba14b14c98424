//! `payspec generate` in a copy of the checkout:
//!
//! - it never needs the code it regenerates: on a copy of `spec/` whose
//!   output directory holds a `rust/doku.rs` that is not Rust, it succeeds
//!   and writes back the committed, compiling module;
//! - adding a provider to `spec/` needs no hand-written Rust and no manifest
//!   edit: with the `acme` fixture provider added, `generate` lists it in
//!   `generated/rust/providers.rs` and in the generated sections of
//!   `Cargo.toml`, and `payspec check` then finds everything current.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create the copy");
    for entry in fs::read_dir(from).expect("read the spec directory") {
        let entry = entry.expect("a directory entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy a spec file");
        }
    }
}

#[test]
fn generate_replaces_a_garbage_provider_module_with_the_committed_one() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let tmp = tempfile::tempdir().expect("a temporary directory");
    copy_dir(&repo.join("spec"), &tmp.path().join("spec"));
    let doku = tmp.path().join("generated/rust/doku.rs");
    fs::create_dir_all(doku.parent().expect("rust/")).expect("create generated/rust");
    fs::write(&doku, "this is { not Rust").expect("write the garbage");

    let out = Command::new(env!("CARGO_BIN_EXE_payspec"))
        .arg("generate")
        .current_dir(tmp.path())
        .output()
        .expect("run payspec");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let regenerated = fs::read_to_string(&doku).expect("doku.rs written back");
    let committed =
        fs::read_to_string(repo.join("generated/rust/doku.rs")).expect("the committed doku.rs");
    // The committed module is what the payspec crate compiles (and
    // `payspec check` keeps it equal to a fresh generation).
    assert!(
        regenerated == committed,
        "the regenerated doku.rs differs from the committed one"
    );
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn payspec(dir: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_payspec"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run payspec");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A copy of the checkout's root manifest, spec and output.
fn checkout_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    fs::copy(repo().join("Cargo.toml"), tmp.path().join("Cargo.toml")).expect("copy Cargo.toml");
    copy_dir(&repo().join("spec"), &tmp.path().join("spec"));
    copy_dir(&repo().join("generated"), &tmp.path().join("generated"));
    tmp
}

/// The lines strictly between `# payspec generate: begin NAME` and its end.
fn section(manifest: &str, name: &str) -> Vec<String> {
    manifest
        .lines()
        .skip_while(|l| *l != format!("# payspec generate: begin {name}"))
        .skip(1)
        .take_while(|l| *l != format!("# payspec generate: end {name}"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_provider_added_to_spec_is_listed_by_generate_alone() {
    let tmp = checkout_copy();
    let spec_providers: Vec<String> = {
        let mut names: Vec<String> = fs::read_dir(repo().join("spec"))
            .expect("spec/")
            .filter_map(|e| {
                let e = e.expect("entry");
                e.file_type()
                    .expect("type")
                    .is_dir()
                    .then(|| e.file_name().to_string_lossy().into_owned())
            })
            .collect();
        names.sort();
        names
    };
    assert!(!spec_providers.contains(&"acme".to_owned()));
    copy_dir(
        &repo().join("codegen/tests/fixtures/good/acme"),
        &tmp.path().join("spec/acme"),
    );
    let hand_written = |text: &str| {
        text.lines()
            .filter(|l| !l.is_empty())
            .filter(|l| {
                !section(text, "features").contains(&(*l).to_owned())
                    && !section(text, "dependencies").contains(&(*l).to_owned())
            })
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let before = fs::read_to_string(tmp.path().join("Cargo.toml")).expect("manifest");

    let (ok, stderr) = payspec(tmp.path(), &["check"]);
    assert!(!ok, "check must fail before generating:\n{stderr}");
    assert!(
        stderr.contains("out of date: the generated sections of Cargo.toml"),
        "{stderr}"
    );
    let (ok, stderr) = payspec(tmp.path(), &["generate"]);
    assert!(ok, "{stderr}");

    // The module list: every provider, the new one included, behind its feature.
    let list = fs::read_to_string(tmp.path().join("generated/rust/providers.rs"))
        .expect("providers.rs generated");
    let mut all = spec_providers.clone();
    all.push("acme".to_owned());
    all.sort();
    for p in &all {
        assert!(
            list.contains(&format!("#[cfg(feature = \"{p}\")]\ninclude!(\"{p}.rs\");")),
            "{p} module in\n{list}"
        );
        assert!(
            list.contains(&format!("\"{p}\" => crate::{p}::ENDPOINTS,")),
            "{p} endpoints lookup in\n{list}"
        );
        assert!(
            list.contains(&format!("\"{p}\" => crate::{p}::DECISIONS,")),
            "{p} decisions lookup in\n{list}"
        );
        assert!(tmp.path().join(format!("generated/rust/{p}.rs")).is_file());
        assert!(tmp
            .path()
            .join(format!("generated/rust/{p}/Cargo.toml"))
            .is_file());
    }

    // The manifest: one feature and one optional type crate per provider,
    // all on by default; nothing outside the markers changed.
    let after = fs::read_to_string(tmp.path().join("Cargo.toml")).expect("manifest");
    let quoted: Vec<String> = all.iter().map(|p| format!("\"{p}\"")).collect();
    let mut features = vec![format!("default = [{}]", quoted.join(", "))];
    let mut dependencies = Vec::new();
    for p in &all {
        let package = format!("payspec-{}-types", p.replace('_', "-"));
        features.push(format!("{p} = [\"dep:{package}\"]"));
        dependencies.push(format!(
            "{package} = {{ path = \"generated/rust/{p}\", version = \"{}\", optional = true }}",
            env!("CARGO_PKG_VERSION")
        ));
    }
    assert_eq!(section(&after, "features"), features);
    assert_eq!(section(&after, "dependencies"), dependencies);
    assert_eq!(hand_written(&after), hand_written(&before));

    let (ok, stderr) = payspec(tmp.path(), &["check"]);
    assert!(ok, "check after generate:\n{stderr}");
}

#[test]
fn check_names_a_hand_edited_section_and_generate_restores_it() {
    let tmp = checkout_copy();
    let manifest = tmp.path().join("Cargo.toml");
    let committed = fs::read_to_string(&manifest).expect("manifest");
    let first = section(&committed, "features")
        .into_iter()
        .nth(1)
        .expect("a provider feature");
    fs::write(&manifest, committed.replace(&format!("{first}\n"), "")).expect("drop a feature");
    let (ok, stderr) = payspec(tmp.path(), &["check"]);
    assert!(!ok);
    assert!(
        stderr.contains("out of date: the generated sections of Cargo.toml"),
        "{stderr}"
    );
    let (ok, stderr) = payspec(tmp.path(), &["generate"]);
    assert!(ok, "{stderr}");
    assert_eq!(
        fs::read_to_string(&manifest).expect("manifest"),
        committed,
        "generate writes back the committed sections"
    );
}

#[test]
fn broken_markers_are_located_and_nothing_is_written() {
    let tmp = checkout_copy();
    let manifest = tmp.path().join("Cargo.toml");
    let committed = fs::read_to_string(&manifest).expect("manifest");
    let broken = committed.replace("# payspec generate: end dependencies\n", "");
    let line = broken
        .lines()
        .position(|l| l == "# payspec generate: begin dependencies")
        .expect("the begin marker")
        + 1;
    fs::write(&manifest, &broken).expect("break the markers");
    let doku = tmp.path().join("generated/rust/doku.rs");
    fs::write(&doku, "stale").expect("make the output stale");

    let (ok, stderr) = payspec(tmp.path(), &["generate"]);
    assert!(!ok);
    assert!(
        stderr.contains(&format!(
            "Cargo.toml:{line}: section `dependencies` is never closed"
        )),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&manifest).expect("manifest"), broken);
    assert_eq!(fs::read_to_string(&doku).expect("doku.rs"), "stale");
}
