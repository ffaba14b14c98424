//! `payspec generate` never needs the code it regenerates: on a copy of
//! `spec/` whose output directory holds a `rust/doku.rs` that is not Rust,
//! it succeeds and writes back the committed, compiling module.

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
