//! `--format sarif`: a SARIF 2.1.0 log (built with `serde-sarif`), which GitHub
//! code scanning and SARIF viewers read. One run; the tool's `rules` list every
//! rule the command can report (each diagnostic code, or each outcome of a rule
//! test) with its name, one-line summary, default level and the page of
//! `docs/codes/` that explains it; a result per finding, with its rule, level,
//! message, place, related places and a fingerprint (`partialFingerprints`,
//! key `salesflow/v1`).
//!
//! Columns are in UTF-16 code units, SARIF's default `columnKind` (stated in the
//! run all the same): a Chinese character counts one, a character outside the
//! Basic Multilingual Plane two. Paths inside the working directory are
//! relative URIs against `%SRCROOT%` (the working directory, given in
//! `originalUriBaseIds`), so GitHub resolves them against the checkout; others
//! are absolute `file:` URIs. Non-ASCII path characters are percent-encoded.

use std::collections::BTreeMap;
use std::path::Path;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_sarif::sarif::{
    ArtifactLocation, Location, Message, MultiformatMessageString, PhysicalLocation, Region,
    ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel, Run,
    SCHEMA_URL, Sarif, Tool, ToolComponent,
};

use super::finding::{Finding, Place, fingerprints};
use super::{Rule, Severity};

/// What a URI path segment keeps as is: RFC 3986's unreserved characters.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The base id of paths inside the working directory.
const SRCROOT: &str = "%SRCROOT%";

/// The log of `findings`, listing `rules` (and any rule a finding has that is
/// not among them), paths relative to `base`.
pub fn render(findings: &[Finding], rules: &[Rule], base: &Path) -> String {
    let mut listed: Vec<Rule> = rules.to_vec();
    for f in findings {
        if !listed.contains(&f.rule) {
            listed.push(f.rule);
        }
    }
    let results: Vec<SarifResult> = findings
        .iter()
        .zip(fingerprints(findings))
        .map(|(f, fingerprint)| result(f, &listed, fingerprint))
        .collect();
    let driver = ToolComponent::builder()
        .name("salesflow")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .information_uri(env!("CARGO_PKG_REPOSITORY"))
        .rules(listed.iter().map(descriptor).collect::<Vec<_>>())
        .build();
    let root = ArtifactLocation::builder().uri(directory_uri(base)).build();
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .column_kind("utf16CodeUnits")
        .original_uri_base_ids(BTreeMap::from([(SRCROOT.to_string(), root)]))
        .results(results)
        .build();
    let log = Sarif::builder()
        .schema(SCHEMA_URL)
        .version("2.1.0")
        .runs(vec![run])
        .build();
    serde_json::to_string_pretty(&log).unwrap_or_default()
}

/// A rule as SARIF lists it.
fn descriptor(rule: &Rule) -> ReportingDescriptor {
    ReportingDescriptor::builder()
        .id(rule.id)
        .name(rule.name())
        .short_description(
            MultiformatMessageString::builder()
                .text(rule.summary)
                .build(),
        )
        .help_uri(rule.help_uri())
        .default_configuration(
            ReportingConfiguration::builder()
                .level(level(rule.severity).to_string())
                .build(),
        )
        .build()
}

fn result(f: &Finding, rules: &[Rule], fingerprint: String) -> SarifResult {
    let index = rules.iter().position(|r| *r == f.rule).unwrap_or_default();
    let related: Vec<Location> = f
        .related
        .iter()
        .zip(1..)
        .map(|(r, id)| {
            Location::builder()
                .id(id)
                .physical_location(physical(&r.place))
                .message(text(r.text.clone()))
                .build()
        })
        .collect();
    let locations: Vec<Location> = f
        .place
        .iter()
        .map(|p| Location::builder().physical_location(physical(p)).build())
        .collect();
    let builder = SarifResult::builder()
        .rule_id(f.rule.id)
        .rule_index(i64::try_from(index).unwrap_or_default())
        .level(level(f.severity))
        .message(text(f.text(false)))
        .locations(locations)
        .partial_fingerprints(BTreeMap::from([("salesflow/v1".to_string(), fingerprint)]));
    if related.is_empty() {
        return builder.build();
    }
    builder.related_locations(related).build()
}

fn level(severity: Severity) -> ResultLevel {
    match severity {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
    }
}

fn text(text: String) -> Message {
    Message::builder().text(text).build()
}

/// A place: its artifact and, when known, its region (UTF-16 columns).
fn physical(place: &Place) -> PhysicalLocation {
    let artifact = if Path::new(&place.path).is_absolute() {
        ArtifactLocation::builder()
            .uri(format!(
                "file:///{}",
                encode_path(place.path.trim_start_matches('/'))
            ))
            .build()
    } else {
        ArtifactLocation::builder()
            .uri(encode_path(&place.path))
            .uri_base_id(SRCROOT)
            .build()
    };
    let Some(start) = place.start else {
        return PhysicalLocation::builder()
            .artifact_location(artifact)
            .build();
    };
    let number = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    let mut region = Region {
        start_line: Some(number(start.line)),
        start_column: start.column.map(|c| number(c.utf16)),
        ..Region::default()
    };
    if let Some(end) = place.end {
        region.end_line = Some(number(end.line));
        region.end_column = end.column.map(|c| number(c.utf16));
    }
    PhysicalLocation::builder()
        .artifact_location(artifact)
        .region(region)
        .build()
}

/// A `/`-separated path as a URI path, each segment percent-encoded.
fn encode_path(path: &str) -> String {
    path.split('/')
        .map(|segment| utf8_percent_encode(segment, SEGMENT).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

/// The working directory as a `file:` URI ending in `/`, as SARIF wants a base.
fn directory_uri(base: &Path) -> String {
    let path = super::finding::relative(base, Path::new("/"));
    let path = path.trim_start_matches('/');
    if path.is_empty() {
        "file:///".into()
    } else {
        format!("file:///{}/", encode_path(path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(
            encode_path("rules/风险 词典.flow"),
            "rules/%E9%A3%8E%E9%99%A9%20%E8%AF%8D%E5%85%B8.flow"
        );
        assert_eq!(
            directory_uri(Path::new("/work/我的 仓库")),
            "file:///work/%E6%88%91%E7%9A%84%20%E4%BB%93%E5%BA%93/"
        );
        assert_eq!(directory_uri(Path::new("/")), "file:///");
    }

    #[test]
    fn places_outside_the_working_directory_are_absolute_file_uris() {
        let place = |path: &str| Place {
            path: path.into(),
            start: None,
            end: None,
        };
        let outside = physical(&place("/elsewhere/规则.flow"));
        let artifact = outside.artifact_location.expect("an artifact");
        assert_eq!(
            artifact.uri.as_deref(),
            Some("file:///elsewhere/%E8%A7%84%E5%88%99.flow")
        );
        assert_eq!(artifact.uri_base_id, None);
        let inside = physical(&place("rules/main.flow"))
            .artifact_location
            .expect("an artifact");
        assert_eq!(inside.uri.as_deref(), Some("rules/main.flow"));
        assert_eq!(inside.uri_base_id.as_deref(), Some(SRCROOT));
    }
}
