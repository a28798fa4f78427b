//! A unified diff of two texts, for `salesflow fmt --diff`.
//!
//! Takes the old and the new text and their names; produces `---`/`+++` headers and
//! `@@` hunks with three lines of context, as `diff -u` prints them. Lines are
//! matched by a longest common subsequence between the first and the last line that
//! differ; past a size where that table would be too large, the differing middle is
//! shown as removed and added whole (still a correct diff, only a longer one).

/// Lines of context around each change.
const CONTEXT: usize = 3;
/// The largest LCS table (in cells) built before falling back to remove-and-add.
const MAX_CELLS: usize = 4_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    /// A line of both texts.
    Same,
    /// A line of the old text only.
    Removed,
    /// A line of the new text only.
    Added,
}

/// The diff of `old` to `new`; empty when they are equal.
pub fn unified_diff(old: &str, new: &str, old_name: &str, new_name: &str) -> String {
    use std::fmt::Write as _;
    if old == new {
        return String::new();
    }
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let ops = edit_script(&old_lines, &new_lines);
    // The old and new line numbers before each op (and after the last).
    let mut at = Vec::with_capacity(ops.len() + 1);
    let mut pos = (0, 0);
    for op in &ops {
        at.push(pos);
        match op {
            Op::Same => pos = (pos.0 + 1, pos.1 + 1),
            Op::Removed => pos.0 += 1,
            Op::Added => pos.1 += 1,
        }
    }
    at.push(pos);
    let mut out = format!("--- {old_name}\n+++ {new_name}\n");
    for (from, to) in hunks(&ops) {
        let ((old_start, new_start), (old_end, new_end)) = (at[from], at[to]);
        let _ = writeln!(
            out,
            "@@ -{} +{} @@",
            range(old_start, old_end - old_start),
            range(new_start, new_end - new_start)
        );
        for (op, &(old_at, new_at)) in ops[from..to].iter().zip(&at[from..to]) {
            let (mark, line) = match op {
                Op::Same => (' ', old_lines[old_at]),
                Op::Removed => ('-', old_lines[old_at]),
                Op::Added => ('+', new_lines[new_at]),
            };
            out.push(mark);
            out.push_str(line);
            if !line.ends_with('\n') {
                out.push_str("\n\\ No newline at end of file\n");
            }
        }
    }
    out
}

/// The ranges of ops shown, as `(from, to)`: each change with its context, changes
/// whose contexts touch or overlap in one hunk.
fn hunks(ops: &[Op]) -> Vec<(usize, usize)> {
    let mut hunks: Vec<(usize, usize)> = Vec::new();
    for change in (0..ops.len()).filter(|&k| ops[k] != Op::Same) {
        let from = change.saturating_sub(CONTEXT);
        let to = (change + 1 + CONTEXT).min(ops.len());
        match hunks.last_mut() {
            Some(last) if from <= last.1 => last.1 = to,
            _ => hunks.push((from, to)),
        }
    }
    hunks
}

/// `start,count` of a hunk, one-based, as `diff -u` writes it: a count of one is
/// left out, and an empty range names the line before it.
fn range(start: usize, count: usize) -> String {
    match count {
        0 => format!("{start},0"),
        1 => format!("{}", start + 1),
        _ => format!("{},{count}", start + 1),
    }
}

fn edit_script(old: &[&str], new: &[&str]) -> Vec<Op> {
    let prefix = old.iter().zip(new).take_while(|(x, y)| x == y).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let old_mid = &old[prefix..old.len() - suffix];
    let new_mid = &new[prefix..new.len() - suffix];
    let mut ops = vec![Op::Same; prefix];
    if (old_mid.len() + 1) * (new_mid.len() + 1) > MAX_CELLS {
        ops.extend(std::iter::repeat_n(Op::Removed, old_mid.len()));
        ops.extend(std::iter::repeat_n(Op::Added, new_mid.len()));
    } else {
        ops.extend(lcs_script(old_mid, new_mid));
    }
    ops.extend(std::iter::repeat_n(Op::Same, suffix));
    ops
}

/// The edit script of a longest common subsequence; removals before additions.
fn lcs_script(old: &[&str], new: &[&str]) -> Vec<Op> {
    let width = new.len() + 1;
    // lcs[o * width + n]: the LCS length of old[o..] and new[n..].
    let mut lcs = vec![0u32; (old.len() + 1) * width];
    for o in (0..old.len()).rev() {
        for n in (0..new.len()).rev() {
            lcs[o * width + n] = if old[o] == new[n] {
                lcs[(o + 1) * width + n + 1] + 1
            } else {
                lcs[(o + 1) * width + n].max(lcs[o * width + n + 1])
            };
        }
    }
    let mut ops = Vec::with_capacity(old.len() + new.len());
    let (mut o, mut n) = (0, 0);
    while o < old.len() || n < new.len() {
        if o < old.len() && n < new.len() && old[o] == new[n] {
            ops.push(Op::Same);
            o += 1;
            n += 1;
        } else if n == new.len()
            || (o < old.len() && lcs[(o + 1) * width + n] >= lcs[o * width + n + 1])
        {
            ops.push(Op::Removed);
            o += 1;
        } else {
            ops.push(Op::Added);
            n += 1;
        }
    }
    ops
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
