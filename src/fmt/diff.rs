//! A unified diff of two texts, for `salesflow fmt --diff`.
//!
//! Takes the old and the new text and their names; produces `---`/`+++` headers and
//! `@@` hunks with three lines of context, as `diff -u` prints them (a missing
//! final newline is said), through the `similar` crate's line diff.

use similar::TextDiff;

/// Lines of context around each change.
const CONTEXT: usize = 3;

/// The diff of `old` to `new`; empty when they are equal.
pub fn unified_diff(old: &str, new: &str, old_name: &str, new_name: &str) -> String {
    if old == new {
        return String::new();
    }
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(CONTEXT)
        .missing_newline_hint(true)
        .header(old_name, new_name)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::unified_diff;

    #[test]
    fn a_one_line_file_gains_its_newline() {
        assert_eq!(
            unified_diff("a", "a\n", "x", "y"),
            "--- x\n+++ y\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n"
        );
    }

    #[test]
    fn an_empty_side_names_line_zero() {
        assert_eq!(
            unified_diff("b\n", "a\nb\n", "x", "y"),
            "--- x\n+++ y\n@@ -1 +1,2 @@\n+a\n b\n"
        );
        assert_eq!(
            unified_diff("a\n", "", "x", "y"),
            "--- x\n+++ y\n@@ -1 +0,0 @@\n-a\n"
        );
    }

    #[test]
    fn equal_texts_have_no_diff() {
        assert_eq!(unified_diff("a\n", "a\n", "x", "y"), "");
    }

    #[test]
    fn one_changed_line_with_context() {
        let old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        let new = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
        assert_eq!(
            unified_diff(old, new, "a/f", "b/f"),
            "--- a/f\n+++ b/f\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"
        );
    }

    #[test]
    fn far_apart_changes_make_two_hunks_and_a_missing_newline_is_said() {
        let old = "a\n1\n2\n3\n4\n5\n6\n7\n8\nz";
        let new = "A\n1\n2\n3\n4\n5\n6\n7\n8\nz\n";
        let diff = unified_diff(old, new, "o", "n");
        assert_eq!(
            diff,
            "--- o\n+++ n\n@@ -1,4 +1,4 @@\n-a\n+A\n 1\n 2\n 3\n@@ -7,4 +7,4 @@\n 6\n 7\n 8\n-z\n\\ No newline at end of file\n+z\n"
        );
    }
}
