//! `fuzz/seed.sh` gives every fuzz target a non-empty corpus folder, so the
//! README's `cargo fuzz run <target> corpus/<target>` works for each target
//! right after seeding.

use std::path::Path;
use std::process::Command;

#[test]
fn seed_script_seeds_every_fuzz_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().expect("temporary directory");
    let status = Command::new("bash")
        .arg(root.join("fuzz/seed.sh"))
        .env("FUZZ_CORPUS", out.path())
        .status()
        .expect("bash runs");
    assert!(status.success(), "fuzz/seed.sh failed: {status}");

    let mut targets: Vec<String> = std::fs::read_dir(root.join("fuzz/fuzz_targets"))
        .expect("fuzz/fuzz_targets")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".rs").map(str::to_owned)
        })
        .collect();
    targets.sort();
    assert!(
        targets.contains(&"sandbox_requests".to_owned()),
        "{targets:?}"
    );
    for target in &targets {
        let seeds = std::fs::read_dir(out.path().join(target))
            .map(|d| d.count())
            .unwrap_or(0);
        assert!(
            seeds > 0,
            "fuzz target {target} has no corpus/{target} seeds"
        );
    }
}
