//! Full-width punctuation, as a Chinese input method types it: which marks the
//! grammar reads as ASCII (`，` `、` `：` `（` `）`, and `“…”` around a string),
//! what each stands for, and the text with each rewritten (what `fmt` prints).
//!
//! The grammar accepts the marks (see `comma`, `colon`, `lparen`, `rparen` and
//! `string` in `grammar/salesflow.pest`); the lowering collects where each stood
//! into `File::fullwidth`; the checker warns at each; `fmt` formats the rewritten
//! text, so its output is ASCII and formatting it again changes nothing.

use crate::source::Span;

/// The ASCII mark a full-width one is read as.
pub fn ascii_form(c: char) -> Option<char> {
    Some(match c {
        '，' | '、' => ',',
        '：' => ':',
        '（' => '(',
        '）' => ')',
        '“' | '”' => '"',
        _ => return None,
    })
}

/// `text` with the full-width mark at each span (as collected by the parser)
/// written in its ASCII form.
pub fn rewrite(text: &str, marks: &[Span]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for span in marks {
        let (Some(before), Some(mark)) =
            (text.get(from..span.start), text.get(span.start..span.end))
        else {
            continue;
        };
        out.push_str(before);
        let mut chars = mark.chars();
        match (chars.next().and_then(ascii_form), chars.next()) {
            (Some(ascii), None) => out.push(ascii),
            _ => out.push_str(mark),
        }
        from = span.end;
    }
    out.push_str(text.get(from..).unwrap_or(""));
    out
}

/// Whether a text holds a full-width mark the grammar reads (anywhere, strings
/// included): `，` `：` `（` `）` are EF BC xx, `、` E3 80 81, `“` `”` E2 80 9C/9D in
/// UTF-8. CJK ideographs start with E4–E9, so the SIMD search for the three lead
/// bytes skips plain Chinese text without stopping.
pub(super) fn may_hold(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr3_iter(0xE2, 0xE3, 0xEF, bytes).any(|i| {
        matches!(
            bytes.get(i..i + 3),
            Some(
                [0xEF, 0xBC, 0x8C | 0x9A | 0x88 | 0x89]
                    | [0xE3, 0x80, 0x81]
                    | [0xE2, 0x80, 0x9C | 0x9D]
            )
        )
    })
}

/// A hint for a full-width character the grammar does not read (`；`, `＝`, `。`
/// …): what to write instead.
pub fn hint(c: char) -> Option<String> {
    if c == '；' {
        return Some(crate::t!("syntax-help-fullwidth-semicolon"));
    }
    // The full-width forms of ASCII (U+FF01…U+FF5E) sit at a fixed distance.
    let ascii = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0)?,
        '。' => '.',
        '【' => '[',
        '】' => ']',
        '‘' | '’' => '\'',
        _ => return None,
    };
    Some(crate::t!(
        "syntax-help-fullwidth-unread",
        mark = c.to_string(),
        ascii = ascii.to_string()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewriting_keeps_everything_but_the_marks() {
        let text = "roles sales， presales、finance\nfield 预算：money\nx “法务”";
        let marks: Vec<Span> = text
            .char_indices()
            .filter(|(_, c)| ascii_form(*c).is_some())
            .map(|(i, c)| Span::new(i, i + c.len_utf8()))
            .collect();
        assert_eq!(
            rewrite(text, &marks),
            "roles sales, presales,finance\nfield 预算:money\nx \"法务\""
        );
        assert_eq!(rewrite(text, &[]), text);
    }

    #[test]
    fn the_quick_test_finds_exactly_the_marks_read() {
        for mark in ['，', '、', '：', '（', '）', '“', '”'] {
            assert!(may_hold(&format!("销售{mark}流程")), "{mark}");
            assert!(ascii_form(mark).is_some());
        }
        for text in ["销售流程。", "〔0〕—…", "abc", "", "ＰＯＣ", "；"] {
            assert!(!may_hold(text), "{text}");
        }
    }

    #[test]
    fn hints_name_the_ascii_character() {
        assert!(hint('；').unwrap().contains("no role"));
        assert!(hint('＝').unwrap().contains("(`=`)"));
        assert!(hint('＞').unwrap().contains("(`>`)"));
        assert!(hint('a').is_none());
    }
}
