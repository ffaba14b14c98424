//! The review-tooling subcommands, run as the built `payspec` binary: sign,
//! verify, lint, diff (directories and git revisions), openapi and docs.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::{Digest as _, Sha256, Sha512};

const DOKU_KEY: &str = "SK-test-1234567890";
const MIDTRANS_KEY: &str = "SB-Mid-server-test-key";

fn payspec() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_payspec"));
    // `sign` and `verify` read the recipes of ./spec by default.
    cmd.current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
        .env_remove("DOKU_SECRET_KEY")
        .env_remove("DOKU_CLIENT_ID")
        .env_remove("MIDTRANS_SERVER_KEY");
    cmd
}

fn code(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn real_spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

fn fixture(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bad")
        .join(case)
}

// ---------------------------------------------------------------- sign

fn hmac_base64(key: &str, message: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).unwrap();
    mac.update(message.as_bytes());
    STANDARD.encode(mac.finalize().into_bytes())
}

fn sign_args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "sign",
        "doku",
        "--client-id",
        "MCH-0001-10791114622547",
        "--request-id",
        "6cc9f8b1-d83d-4c24-b853-a3223f43a744",
        "--timestamp",
        "2020-08-12T09:45:42Z",
        "--target",
        "/cancellation/credit-card/refund",
    ];
    args.extend_from_slice(extra);
    args
}

/// What `payspec sign doku` prints for `sign_args`: the values, the string
/// to sign between markers, the MAC (computed here) and the headers; a
/// `digest:` line only when the body is signed.
fn doku_sign_output(digest: Option<&str>, signed: &str) -> String {
    let mac = hmac_base64(DOKU_KEY, signed);
    let digest_line = digest.map_or(String::new(), |d| format!("digest: {d}\n"));
    format!(
        "request_id: 6cc9f8b1-d83d-4c24-b853-a3223f43a744\n\
         timestamp: 2020-08-12T09:45:42Z\n\
         {digest_line}\
         -----BEGIN STRING TO SIGN-----\n\
         {signed}\n\
         -----END STRING TO SIGN-----\n\
         mac: {mac}\n\
         Client-Id: MCH-0001-10791114622547\n\
         Request-Id: 6cc9f8b1-d83d-4c24-b853-a3223f43a744\n\
         Request-Timestamp: 2020-08-12T09:45:42Z\n\
         Signature: HMACSHA256={mac}\n"
    )
}

#[test]
fn sign_doku_post_prints_digest_string_and_an_independently_checked_signature() {
    let tmp = tempfile::tempdir().unwrap();
    let body = b"{\"order\":{\"invoice_number\":\"INV-1\"},\"refund\":{\"amount\":90000}}";
    let body_file = tmp.path().join("body.json");
    fs::write(&body_file, body).unwrap();

    let out = payspec()
        .args(sign_args(&["--body", body_file.to_str().unwrap()]))
        .env("DOKU_SECRET_KEY", DOKU_KEY)
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));

    let digest = STANDARD.encode(Sha256::digest(body));
    let signed = format!(
        "Client-Id:MCH-0001-10791114622547\n\
         Request-Id:6cc9f8b1-d83d-4c24-b853-a3223f43a744\n\
         Request-Timestamp:2020-08-12T09:45:42Z\n\
         Request-Target:/cancellation/credit-card/refund\n\
         Digest:{digest}"
    );
    assert_eq!(stdout(&out), doku_sign_output(Some(&digest), &signed));
    assert!(!stdout(&out).contains(DOKU_KEY) && !stderr(&out).contains(DOKU_KEY));
}

#[test]
fn sign_doku_get_has_no_digest_line() {
    let out = payspec()
        .args(sign_args(&["--method", "GET"]))
        .env("DOKU_SECRET_KEY", DOKU_KEY)
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let signed = "Client-Id:MCH-0001-10791114622547\n\
                  Request-Id:6cc9f8b1-d83d-4c24-b853-a3223f43a744\n\
                  Request-Timestamp:2020-08-12T09:45:42Z\n\
                  Request-Target:/cancellation/credit-card/refund";
    // The digest of the (empty) body is signed into nothing: no digest line
    // either, only the values the headers read.
    assert_eq!(stdout(&out), doku_sign_output(None, signed));
}

#[test]
fn sign_without_the_secret_names_the_variable_and_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    let body_file = tmp.path().join("body.json");
    fs::write(&body_file, "{}").unwrap();
    let out = payspec()
        .args(sign_args(&["--body", body_file.to_str().unwrap()]))
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("DOKU_SECRET_KEY"), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
}

#[test]
fn sign_post_without_a_body_and_a_missing_body_file_exit_2() {
    let out = payspec()
        .args(sign_args(&[]))
        .env("DOKU_SECRET_KEY", DOKU_KEY)
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--body FILE is required for POST"));

    let out = payspec()
        .args(sign_args(&["--body", "/nonexistent/body.json"]))
        .env("DOKU_SECRET_KEY", DOKU_KEY)
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("cannot read /nonexistent/body.json"));
}

#[test]
fn sign_any_provider_runs_its_recipe_and_redacts_credentials() {
    let tmp = tempfile::tempdir().unwrap();
    let body_file = tmp.path().join("body.json");
    let body = br#"{"partnerId":"p"}"#;
    fs::write(&body_file, body).unwrap();
    let out = payspec()
        .args([
            "sign",
            "biller",
            "--target",
            "/api/v2/bill/cancel",
            "--body",
        ])
        .arg(&body_file)
        .env("BILLER_API_KEY", "partner-api-key")
        .env("BILLER_TOKEN_SECRET", "token-secret")
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out_text = stdout(&out);
    // The JWT over the body, checked here with hmac directly.
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"HS256","typ":"JWT"}"#),
        URL_SAFE_NO_PAD.encode(body)
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(b"token-secret").unwrap();
    mac.update(input.as_bytes());
    let token = format!(
        "{input}.{}",
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    );
    assert!(
        out_text.contains(&format!("TOKEN: {token}\n")),
        "{out_text}"
    );
    assert!(out_text.contains("KEY: <redacted>\n"), "{out_text}");
    assert!(out_text.ends_with("VERSION: 2.0\n"), "{out_text}");
    assert!(!out_text.contains("partner-api-key") && !out_text.contains("token-secret"));

    let out = payspec()
        .args(["sign", "midtrans", "--target", "/v2/o-1/cancel", "--body"])
        .arg(&body_file)
        .env("MIDTRANS_SERVER_KEY", MIDTRANS_KEY)
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "basic: <redacted>\nAuthorization: Basic <redacted>\n"
    );

    let out = payspec()
        .args(["sign", "nowhere", "--target", "/x", "--method", "GET"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("no provider `nowhere`"),
        "{}",
        stderr(&out)
    );
}

// ---------------------------------------------------------------- verify

fn midtrans_signature(order_id: &str, status: &str, gross: &str) -> String {
    let digest = Sha512::digest(format!("{order_id}{status}{gross}{MIDTRANS_KEY}"));
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn verify(body: &serde_json::Value) -> Output {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("notification.json");
    fs::write(&file, serde_json::to_vec(body).unwrap()).unwrap();
    payspec()
        .args(["verify", "midtrans-notification", "--body"])
        .arg(&file)
        .env("MIDTRANS_SERVER_KEY", MIDTRANS_KEY)
        .output()
        .unwrap()
}

fn notification() -> serde_json::Value {
    serde_json::json!({
        "transaction_status": "cancel",
        "order_id": "ORDER-101",
        "status_code": "200",
        "gross_amount": "30000.00",
        "signature_key": midtrans_signature("ORDER-101", "200", "30000.00"),
    })
}

#[test]
fn verify_accepts_a_valid_notification() {
    let out = verify(&notification());
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert_eq!(stdout(&out), "valid: signature_key matches the message\n");
}

#[test]
fn verify_rejects_a_tampered_amount() {
    let mut body = notification();
    body["gross_amount"] = "300000.00".into();
    let out = verify(&body);
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).starts_with("invalid: the `signature_key` field does not match the message"),
        "{}",
        stdout(&out)
    );
    assert!(!stdout(&out).contains(MIDTRANS_KEY));
}

#[test]
fn verify_names_a_missing_field() {
    let mut body = notification();
    body.as_object_mut().unwrap().remove("status_code");
    let out = verify(&body);
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).contains("no string field `status_code`"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn verify_takes_a_provider_and_a_notification_name() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("n.json");
    fs::write(&file, serde_json::to_vec(&notification()).unwrap()).unwrap();
    let run = |name: &str| {
        payspec()
            .args(["verify", "midtrans", name, "--body"])
            .arg(&file)
            .env("MIDTRANS_SERVER_KEY", MIDTRANS_KEY)
            .output()
            .unwrap()
    };
    let out = run("cancel_notification");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stdout(&out), "valid: signature_key matches the message\n");
    // A notification Midtrans' spec has too verifies by the same recipe.
    let out = run("refund_notification");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = run("chargeback_notification");
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("no notification `chargeback_notification`"));
}

#[test]
fn verify_without_the_key_or_with_a_non_json_body_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("n.json");
    fs::write(&file, serde_json::to_vec(&notification()).unwrap()).unwrap();
    let out = payspec()
        .args(["verify", "midtrans-notification", "--body"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("MIDTRANS_SERVER_KEY"));

    fs::write(&file, "order_id=1").unwrap();
    let out = payspec()
        .args(["verify", "midtrans-notification", "--body"])
        .arg(&file)
        .env("MIDTRANS_SERVER_KEY", MIDTRANS_KEY)
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("is not JSON"), "{}", stderr(&out));
}

// ---------------------------------------------------------------- lint

#[test]
fn lint_exits_1_on_errors_0_on_warnings_2_on_a_missing_directory() {
    let out = payspec()
        .args(["lint", "--format", "github", "--spec"])
        .arg(fixture("unknown_key"))
        .output()
        .unwrap();
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).starts_with("::error file="),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("title=E002::"));

    let out = payspec()
        .args(["lint", "--spec"])
        .arg(fixture("review_warnings"))
        .output()
        .unwrap();
    assert_eq!(code(&out), 0);
    // Four review warnings, and the fixture's endpoint has no conformance
    // cases: `payspec lint` (not `generate`) says so.
    assert!(stdout(&out).ends_with("0 error(s), 5 warning(s)\n"));
    assert!(
        stdout(&out).contains("W006") && stdout(&out).contains("has no conformance cases"),
        "{}",
        stdout(&out)
    );

    let out = payspec()
        .args(["lint", "--spec", "/nonexistent/spec"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("spec directory `/nonexistent/spec` does not exist"));

    let out = payspec()
        .args(["lint", "--format", "sarif"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("unknown lint format `sarif`"));
}

#[test]
fn lint_of_the_real_specs_is_clean() {
    let out = payspec()
        .args(["lint", "--format", "json", "--spec"])
        .arg(real_spec())
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["errors"], 0);
    assert_eq!(report["diagnostics"], serde_json::json!([]));
}

// ---------------------------------------------------------------- diff

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn tighten_refund_max_len(spec: &Path) {
    let file = spec.join("doku/cards/refund.yaml");
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains("          max_len: 128"));
    fs::write(
        &file,
        text.replacen("          max_len: 128", "          max_len: 64", 1),
    )
    .unwrap();
}

#[test]
fn diff_of_two_directories_follows_fail_on() {
    let tmp = tempfile::tempdir().unwrap();
    let head = tmp.path().join("head");
    copy_dir(&real_spec(), &head);
    tighten_refund_max_len(&head);

    let out = payspec()
        .arg("diff")
        .arg(real_spec())
        .arg(&head)
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with(
            "BREAKING doku card_refund payment.original_request_id: max length tightened 128 → 64"
        ),
        "{}",
        stdout(&out)
    );

    let out = payspec()
        .arg("diff")
        .arg(real_spec())
        .arg(&head)
        .args(["--format", "json", "--fail-on", "none"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0);
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["changes"][0]["kind"], "max_len_tightened");

    let out = payspec()
        .arg("diff")
        .arg(real_spec())
        .arg(real_spec())
        .output()
        .unwrap();
    assert_eq!(code(&out), 0);
}

#[test]
fn diff_with_a_broken_side_prints_diagnostics_and_exits_2() {
    let out = payspec()
        .arg("diff")
        .arg(real_spec())
        .arg(fixture("unknown_key"))
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("HEAD ("), "{}", stderr(&out));
    assert!(stderr(&out).contains("error[E002]"), "{}", stderr(&out));
}

fn git(repo: &Path, args: &[&str]) {
    let status = Command::new("git")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .args(["-c", "user.name=t", "-c", "user.email=t@t"])
        .arg("-C")
        .arg(repo)
        .args(args)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

/// The `kind` of every change in a `--format json` report.
fn change_kinds(out: &std::process::Output) -> Vec<String> {
    let report: serde_json::Value = serde_json::from_str(&stdout(out)).unwrap();
    report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn diff_against_head_with_uncommitted_specs_compares_the_working_tree_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path();
    git(repo, &["init", "-q"]);
    copy_dir(&real_spec(), &repo.join("spec"));
    // The token deletion endpoint is added later, as a new file.
    let token = repo.join("spec/doku/cards/delete_tokenization.yaml");
    let token_text = fs::read_to_string(&token).unwrap();
    fs::remove_file(&token).unwrap();
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "base"]);

    // Clean: HEAD is the commit, and nothing is noted.
    let out = payspec()
        .current_dir(repo)
        .args(["diff", "HEAD", "HEAD", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(change_kinds(&out).is_empty());
    assert!(!stderr(&out).contains("note:"), "{}", stderr(&out));

    // Uncommitted: a tightened max_len, and a new (untracked) endpoint file.
    tighten_refund_max_len(&repo.join("spec"));
    fs::write(&token, token_text).unwrap();
    let out = payspec()
        .current_dir(repo)
        .args(["diff", "HEAD", "HEAD", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let kinds = change_kinds(&out);
    assert!(kinds.contains(&"max_len_tightened".to_owned()), "{kinds:?}");
    assert!(kinds.contains(&"endpoint_added".to_owned()), "{kinds:?}");
    assert!(
        stderr(&out).contains(
            "note: spec has uncommitted changes, so HEAD is the working tree (untracked \
             files included); to compare the last commit, name it another way (`HEAD~0`)"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn diff_of_two_git_revisions_reads_them_without_touching_the_working_tree() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path();
    git(repo, &["init", "-q"]);
    copy_dir(&real_spec(), &repo.join("spec"));
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "base"]);
    tighten_refund_max_len(&repo.join("spec"));
    git(repo, &["commit", "-q", "-a", "-m", "head"]);
    // An uncommitted edit that must not show up in either revision.
    let refund = repo.join("spec/doku/cards/refund.yaml");
    let dirty = fs::read_to_string(&refund)
        .unwrap()
        .replace("method: POST", "method: GET");
    fs::write(&refund, &dirty).unwrap();

    // `HEAD~0` names the last commit without the working tree.
    let out = payspec()
        .current_dir(repo)
        .args(["diff", "HEAD~1", "HEAD~0", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert_eq!(change_kinds(&out), ["max_len_tightened"]);
    assert!(!stderr(&out).contains("note:"), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&refund).unwrap(), dirty);

    // A spec directory below the current one, named by --spec-subdir.
    fs::rename(repo.join("spec"), repo.join("specs")).unwrap();
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "move"]);
    let out = payspec()
        .current_dir(repo)
        .args(["diff", "HEAD~1", "HEAD", "--spec-subdir", "specs"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "HEAD~1 has no specs/: {}", stderr(&out));
    assert!(
        stderr(&out).contains("no files under `specs`"),
        "{}",
        stderr(&out)
    );

    let out = payspec()
        .current_dir(repo)
        .args(["diff", "no-such-rev", "HEAD"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out)
            .contains("BASE `no-such-rev` is neither a directory nor a readable git revision"),
        "{}",
        stderr(&out)
    );
}

// ---------------------------------------------------------------- exports

#[test]
fn openapi_and_docs_match_what_generate_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let generated = tmp.path().join("generated");
    let out = payspec()
        .args(["generate", "--spec"])
        .arg(real_spec())
        .arg("--out")
        .arg(&generated)
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));

    let out = payspec()
        .args(["openapi", "--spec"])
        .arg(real_spec())
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        fs::read_to_string(generated.join("openapi.yaml")).unwrap()
    );
    assert!(stdout(&out).starts_with("openapi: \"3.1.0\"\n"));

    let file = tmp.path().join("api.yaml");
    let out = payspec()
        .args(["openapi", "--spec"])
        .arg(real_spec())
        .arg("--out")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        fs::read(&file).unwrap(),
        fs::read(generated.join("openapi.yaml")).unwrap()
    );

    let docs = tmp.path().join("docs");
    let out = payspec()
        .args(["docs", "--spec"])
        .arg(real_spec())
        .arg("--out")
        .arg(&docs)
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let page = fs::read_to_string(docs.join("doku/cards/card_refund.md")).unwrap();
    assert_eq!(
        page,
        fs::read_to_string(generated.join("docs/doku/cards/card_refund.md")).unwrap()
    );
    // A header quote without a full stop does not run into the added sentence.
    assert!(page.contains("protect duplicate request. Computed by the client: a fresh UUID v4"));
}
