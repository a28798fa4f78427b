//! The rules digest recorded with every tick names the rules, not the folder
//! they were checked out in: the same files in two folders digest alike (CI's
//! clean clone and a developer's work tree agree), and a changed text does not,
//! whether a rule file's or a holiday file's (new holiday data changes due times).

use std::path::{Path, PathBuf};

use salesflow::check::{DiskLoader, check_path};

fn copy_examples(dir: &Path) -> PathBuf {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("holidays")).unwrap();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    for name in [
        "zhilian.flow",
        "risks.flow",
        "holidays/2025.json",
        "holidays/2026.json",
    ] {
        std::fs::copy(examples.join(name), dir.join(name)).unwrap();
    }
    // A salesflow.yaml makes each folder its own project.
    std::fs::write(dir.join("salesflow.yaml"), "rules: zhilian.flow\n").unwrap();
    dir.join("zhilian.flow")
}

fn digest(root: &Path) -> String {
    let checked = check_path(root, &DiskLoader).unwrap();
    assert!(!checked.has_errors());
    checked.flow.expect("a flow").digest.clone()
}

#[test]
fn the_same_rules_in_two_folders_have_one_digest() {
    let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rules-digest");
    let one = copy_examples(&base.join("one"));
    let other = copy_examples(&base.join("另一个/checkout"));
    let first = digest(&one);
    assert_eq!(first, digest(&other));

    let risks = other.with_file_name("risks.flow");
    let text = std::fs::read_to_string(&risks).unwrap();
    std::fs::write(&risks, format!("{text}\n# 改过\n")).unwrap();
    let changed = digest(&other);
    assert_ne!(first, changed, "an included file's text counts");

    let holidays = other.with_file_name("holidays/2026.json");
    let text = std::fs::read_to_string(&holidays).unwrap();
    std::fs::write(&holidays, format!("{text}\n")).unwrap();
    assert_ne!(changed, digest(&other), "a holiday file's bytes count");
}
