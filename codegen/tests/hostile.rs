//! Hostile input through the whole pipeline: every outcome is a located
//! diagnostic, never a panic, and every location points into a real file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use payspec_codegen::lower::load_files;
use payspec_codegen::Diagnostics;

const PROVIDER: &str = "provider: shop\ntitle: Shop\ndoc: d\nauth: { doc: d }\nenvironments:\n  sandbox: { base_url: \"https://x.test\" }\n";

fn with_endpoint(bytes: Vec<u8>) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    files.insert(
        PathBuf::from("shop/provider.yaml"),
        PROVIDER.as_bytes().to_vec(),
    );
    files.insert(PathBuf::from("shop/orders/pay.yaml"), bytes);
    files
}

fn errors(files: &BTreeMap<PathBuf, Vec<u8>>) -> Diagnostics {
    match load_files(files) {
        Ok(l) => panic!("expected errors, got {} providers", l.ir.providers.len()),
        Err(d) => d,
    }
}

/// Every diagnostic names one of the input files and a line inside it.
fn assert_located(files: &BTreeMap<PathBuf, Vec<u8>>, diags: &Diagnostics) {
    for d in &diags.0 {
        let bytes = files
            .get(&d.loc.file)
            .unwrap_or_else(|| panic!("{d} names a file that was not given"));
        let lines = bytes.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
        assert!(
            d.loc.line >= 1 && d.loc.line <= lines,
            "{d}: line outside the file ({lines} lines)"
        );
        assert!(d.loc.column >= 1, "{d}");
    }
}

#[test]
fn billion_laughs_is_a_limit_error() {
    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let letters: Vec<char> = ('a'..='j').collect();
    for w in letters.windows(2) {
        let (prev, next) = (w[0], w[1]);
        let refs = vec![format!("*{prev}"); 9].join(",");
        bomb.push_str(&format!("{next}: &{next} [{refs}]\n"));
    }
    let files = with_endpoint(bomb.into_bytes());
    let diags = errors(&files);
    assert_eq!(diags.0.len(), 1, "{diags}");
    assert_eq!(diags.0[0].code, "E005");
    assert_eq!(diags.0[0].loc.file, Path::new("shop/orders/pay.yaml"));
    assert_located(&files, &diags);
}

#[test]
fn ten_thousand_deep_nesting_is_a_limit_error() {
    for deep in [
        format!("kind: {}", "[".repeat(10_000)),
        format!("kind: {}1{}", "[".repeat(10_000), "]".repeat(10_000)),
        "a:\n".to_owned()
            + &(1..200)
                .map(|i| format!("{}k{i}:\n", "  ".repeat(i)))
                .collect::<String>(),
    ] {
        let files = with_endpoint(deep.into_bytes());
        let diags = errors(&files);
        assert_eq!(diags.0.len(), 1, "{diags}");
        assert_eq!(diags.0[0].code, "E005", "{diags}");
        assert_located(&files, &diags);
    }
}

/// The good fixture's files, keyed like `load_dir` keys them.
fn good_files() -> BTreeMap<PathBuf, Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
    [
        "acme/provider.yaml",
        "acme/cards/payment.yaml",
        "acme/cards/status.yaml",
        "acme/notifications/payment.yaml",
    ]
    .into_iter()
    .map(|rel| {
        (
            PathBuf::from(rel),
            std::fs::read(root.join(rel)).expect("good fixture"),
        )
    })
    .collect()
}

#[test]
fn random_and_mutated_files_give_located_diagnostics() {
    let good = good_files();
    assert!(load_files(&good).is_ok(), "the unmutated fixture lowers");
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let (mut oks, mut errs) = (0, 0);
    for round in 0..240 {
        let mut files = good.clone();
        let keys: Vec<PathBuf> = files.keys().cloned().collect();
        let victim = &keys[(next() as usize) % keys.len()];
        let bytes = files.get_mut(victim).expect("key from the map");
        if round % 4 == 0 {
            *bytes = (0..(next() % 400)).map(|_| (next() & 0xff) as u8).collect();
        } else {
            // Overwrite a few bytes with YAML-significant ones: near-miss specs.
            const NASTY: &[u8] = b"{}[]:,-&*!|>'\"#%@` \n\txZ0";
            for _ in 0..(1 + next() % 3) {
                let i = (next() as usize) % bytes.len();
                bytes[i] = NASTY[(next() as usize) % NASTY.len()];
            }
        }
        match load_files(&files) {
            Ok(loaded) => {
                assert_located(&files, &loaded.warnings);
                oks += 1;
            }
            Err(diags) => {
                assert!(
                    diags.has_errors(),
                    "Err carries at least one error:\n{diags}"
                );
                assert_located(&files, &diags);
                errs += 1;
            }
        }
    }
    assert!(
        errs > 100 && oks > 0,
        "mutations give a mix of outcomes ({oks} ok, {errs} err)"
    );
}

/// Spec text with a bare carriage return, a Unicode direction override and
/// a control character: rustc refuses the first two in a comment, so the
/// generated crate would not build. The emitter writes all three as
/// `\u{…}` in every kind of generated doc comment (the provider module's,
/// printed through prettyplease, and a struct's, printed as text).
#[test]
fn control_and_direction_characters_in_spec_text_are_written_out_in_doc_comments() {
    let mut files = good_files();
    let hostile = "\"Evil\\rtext \\u202E reversed \\u0001 end\"";
    for (rel, from) in [
        (
            "acme/provider.yaml",
            "doc: A made-up gateway that exercises every feature of the spec format.",
        ),
        ("acme/cards/payment.yaml", "doc: The order being paid."),
    ] {
        let text = String::from_utf8(files[Path::new(rel)].clone()).expect("fixture is UTF-8");
        assert!(text.contains(from), "{rel} no longer holds {from:?}");
        let replaced = text.replacen(from, &format!("doc: {hostile}"), 1);
        files.insert(PathBuf::from(rel), replaced.into_bytes());
    }
    let loaded = match load_files(&files) {
        Ok(loaded) => loaded,
        Err(d) => panic!("the spec should load: {d}"),
    };
    let rust = payspec_codegen::emit::rust::render_provider(&loaded.ir.providers[0])
        .expect("the provider renders");
    let mut written_out = 0;
    for (path, text) in &rust {
        for bad in ['\r', '\u{202e}', '\u{1}'] {
            assert!(!text.contains(bad), "{} holds {bad:?}", path.display());
        }
        written_out += text
            .lines()
            .filter(|l| l.contains("Evil\\u{d}text \\u{202e} reversed \\u{1} end"))
            .count();
    }
    // The provider module's doc and the `order` field's doc.
    assert!(written_out >= 2, "written out {written_out} times");
}
