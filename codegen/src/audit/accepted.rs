//! Findings a maintainer accepted: `audit_accepted:` in provider.yaml,
//! each with its kind, page, a text of its message and a reason.

use serde_yaml::Value;

use crate::audit::report::{Finding, Kind};
use crate::audit::view::SpecFile;
use crate::spec::model::AcceptedFinding;

/// Drops the findings an entry of `provider_file`'s `audit_accepted:`
/// matches, and adds one `accepted_unused` warning per entry that matched
/// none, so an acceptance cannot outlive what it accepted.
pub fn apply(provider_file: &SpecFile, findings: &mut Vec<Finding>) -> Result<(), String> {
    let entries = entries(provider_file)?;
    let mut used = vec![false; entries.len()];
    findings.retain(|finding| {
        let hit = entries.iter().position(|e| {
            e.kind == finding.kind.as_str()
                && e.page == finding.doc_file
                && finding.message.contains(&e.matches)
        });
        if let Some(i) = hit {
            used[i] = true;
        }
        hit.is_none()
    });
    for (i, (entry, used)) in entries.iter().zip(used).enumerate() {
        if !used {
            findings.push(Finding {
                doc_file: entry.page.clone(),
                doc_line: None,
                kind: Kind::AcceptedUnused,
                severity: Kind::AcceptedUnused.severity(),
                spec_file: Some(provider_file.path.clone()),
                spec_line: Some(provider_file.line(&format!("audit_accepted[{i}]"))),
                message: format!(
                    "`audit_accepted` accepts a `{}` finding containing \"{}\", and there is none: remove the entry",
                    entry.kind, entry.matches
                ),
            });
        }
    }
    Ok(())
}

fn entries(file: &SpecFile) -> Result<Vec<AcceptedFinding>, String> {
    match file.value.get("audit_accepted") {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(list) => serde_yaml::from_value(list.clone())
            .map_err(|e| format!("`{}`: audit_accepted: {e}", file.path.display())),
    }
}
