//! Names of stages, health states and segments as people read them: the label
//! the rules give, with the name beside it (`需关注 (yellow)`), so a Chinese
//! office reads its own words and can still type the name.

use crate::model::Flow;

/// `label (name)`, or the name alone when the rules give it no other label.
pub(super) fn labelled(name: &str, label: Option<&str>) -> String {
    match label {
        Some(label) if label != name && !label.is_empty() => format!("{label} ({name})"),
        _ => name.to_string(),
    }
}

/// A stage, labelled.
pub(super) fn stage(flow: &Flow, name: &str) -> String {
    let label = flow
        .stages
        .iter()
        .find(|s| s.name == name)
        .map(|s| s.label.as_str());
    labelled(name, label)
}

/// A health state, labelled.
pub(super) fn health(flow: &Flow, name: &str) -> String {
    let label = flow
        .health
        .iter()
        .find(|s| s.name == name)
        .map(|s| s.label.as_str());
    labelled(name, label)
}

/// A segment, labelled.
pub(super) fn segment(flow: &Flow, name: &str) -> String {
    let label = flow
        .segments
        .iter()
        .find(|s| s.name == name)
        .map(|s| s.label.as_str());
    labelled(name, label)
}

#[cfg(test)]
mod tests {
    use super::labelled;

    #[test]
    fn the_label_goes_first_and_the_name_beside_it() {
        assert_eq!(labelled("yellow", Some("需关注")), "需关注 (yellow)");
        assert_eq!(labelled("yellow", Some("yellow")), "yellow");
        assert_eq!(labelled("lead", None), "lead");
    }
}
