//! Where a large file may be cut so that its parts can be parsed at the same time.
//!
//! A cut is made at a line that starts, in column one, with an item keyword: the
//! same kind of line where the parser resumes after a syntax error. Such a line is
//! almost always the start of an item; when it is not (it sits inside a `"""`
//! block, or an item runs on past it), the parser notices, because the part before
//! the cut does not end exactly at it, and parses on sequentially from there. A
//! cut is thus only ever a guess that saves time, never a change in the result.

/// Words that start an item; recovery and cuts happen at a line starting with one.
pub(super) const ITEM_KEYWORDS: &[&str] = &[
    "flow",
    "include",
    "timezone",
    "calendar",
    "roles",
    "events",
    "event",
    "field",
    "pipeline",
    "on",
    "health",
    "escalation",
    "risk",
    "tags",
    "segment",
    "update",
    "goal",
    "template",
];

/// The smallest part worth cutting off: each costs a cut search, the parse of one
/// item twice, and a join.
pub(super) const MIN_PART: usize = 64 * 1024;

/// How many parts a text of `len` bytes is parsed in, with `threads` threads:
/// about four per thread, so threads that finish early take more, and none when
/// there is one thread.
pub(super) fn part_count(len: usize, threads: usize) -> usize {
    if threads <= 1 {
        return 1;
    }
    (len / MIN_PART).min(threads * 4).clamp(1, 64)
}

/// Whether `line` (a line's text from column one) starts with an item keyword.
pub(super) fn starts_item(line: &str) -> bool {
    let word_end = line
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(line.len());
    ITEM_KEYWORDS.contains(&&line[..word_end])
}

/// The offsets where `parts` parts start: 0, then for each later part the first
/// line at or after its share of the text that starts an item and is not inside a
/// `"""` block (an odd number of `"""` before it). Fewer offsets when the text has
/// too few such lines.
pub(super) fn cut_points(text: &str, parts: usize) -> Vec<usize> {
    let mut cuts = vec![0];
    let mut blocks_before = 0usize;
    let mut counted_to = 0;
    for k in 1..parts {
        let target = text.len() * k / parts;
        let Some(mut at) = line_start_at_or_after(text, target.max(cuts[cuts.len() - 1] + 1))
        else {
            break;
        };
        let found = loop {
            if starts_item(&text[at..]) {
                blocks_before += text[counted_to..at].matches("\"\"\"").count();
                counted_to = at;
                if blocks_before % 2 == 0 {
                    break Some(at);
                }
            }
            match text[at..].find('\n') {
                Some(n) => at += n + 1,
                None => break None,
            }
        };
        match found {
            Some(at) => cuts.push(at),
            None => break,
        }
    }
    cuts
}

/// The start of the first line that begins at or after `from`.
fn line_start_at_or_after(text: &str, from: usize) -> Option<usize> {
    if from == 0 {
        return Some(0);
    }
    if from > text.len() {
        return None;
    }
    // A line begins at `from` when the byte before it ends a line.
    if text.as_bytes()[from - 1] == b'\n' {
        return Some(from);
    }
    text.as_bytes()[from..]
        .iter()
        .position(|b| *b == b'\n')
        .map(|n| from + n + 1)
        .filter(|at| *at < text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_fall_on_item_lines_outside_blocks() {
        let text = "flow \"x\"\nrisk a {\n}\ntemplate t \"\"\"\nrisk inside\n\"\"\"\nrisk b {\n}\n";
        // Aim at the line inside the block: the cut moves on to `risk b`.
        let inside = text.find("risk inside").unwrap();
        let cuts = cut_points(text, 2);
        assert_eq!(cuts[0], 0);
        assert!(cuts.len() <= 2);
        for &c in &cuts[1..] {
            assert!(starts_item(&text[c..]));
            assert_ne!(c, inside);
            assert_eq!(&text[c - 1..c], "\n");
        }
    }

    #[test]
    fn a_text_without_item_lines_has_one_part() {
        assert_eq!(cut_points("  indented only\n  more\n", 4), vec![0]);
        assert_eq!(cut_points("", 3), vec![0]);
    }

    #[test]
    fn small_texts_are_one_part() {
        assert_eq!(part_count(1000, 8), 1);
        assert_eq!(part_count(MIN_PART * 3, 2), 3);
        assert_eq!(part_count(MIN_PART * 100, 2), 8);
        assert_eq!(part_count(MIN_PART * 100, 1), 1);
    }
}
