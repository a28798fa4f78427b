//! Text matching shared by risks, tags and `mentions`: Unicode NFKC normalization
//! and ASCII case folding, so `ＰＯＣ`, `poc` and `POC` match each other.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// The form keywords and texts are compared in.
pub fn normalize(text: &str) -> String {
    normalized(text).into_owned()
}

/// [`normalize`], borrowing `text` when it is already in that form.
///
/// Fast path: a text made only of normalization boundaries (below) is its own
/// NFKC form, so only the ASCII case fold remains; without upper-case ASCII
/// letters there is nothing to do. Any other text is normalized piece by piece
/// from its first other character on.
pub fn normalized(text: &str) -> Cow<'_, str> {
    match first_non_boundary(text) {
        None if text.bytes().any(|b| b.is_ascii_uppercase()) => {
            Cow::Owned(text.to_ascii_lowercase())
        }
        None => Cow::Borrowed(text),
        Some(first) => {
            let mut out = by_segments(text, first);
            out.make_ascii_lowercase();
            Cow::Owned(out)
        }
    }
}

/// Where the first character that is not a normalization boundary starts. The
/// bytes of ASCII and of U+4000 … U+9FFF (a lead byte `E4` … `E9`: CJK unified
/// ideographs and extension A) are skipped without decoding: all of them are
/// boundaries ([`stable`]).
fn first_non_boundary(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            i += 1;
        } else if (0xE4..=0xE9).contains(&b) {
            i += 3;
        } else {
            let c = text.get(i..)?.chars().next()?;
            if !boundary(c) {
                return Some(i);
            }
            i += c.len_utf8();
        }
    }
    None
}

/// NFKC one segment at a time. A character with quick check `Yes` and combining
/// class 0 is a normalization boundary (UAX #15: nothing before it composes with
/// it or reorders around it), so the form of a text is the forms of its pieces cut
/// before each such character. Runs of them are copied as they are, and only the
/// pieces holding anything else (a full-width `，` and the character before it)
/// take the full pass: a Chinese note with its full-width punctuation costs a copy,
/// not a decomposition and recomposition of every character.
///
/// `first` is where the first character that is not a boundary starts; from
/// each piece on, [`first_non_boundary`] finds the next one (runs of ASCII and
/// CJK are stepped over undecoded, and copied in one piece).
fn by_segments(text: &str, first: usize) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // `text[seg..i]` is not written yet and holds only boundary characters;
    // `i` is where the next character that is not one starts.
    let (mut seg, mut i) = (0, first);
    while let Some(c) = text[i..].chars().next() {
        let end = i + c.len_utf8();
        // A full-width form of an ASCII character (`，` `：` `（` `Ａ`) is that
        // character, which composes with nothing before it; unless a combining
        // mark follows, it is written straight away.
        match full_width_ascii(c) {
            Some(ascii) if text[end..].chars().next().is_none_or(boundary) => {
                out.push_str(&text[seg..i]);
                out.push(ascii);
                seg = end;
            }
            // It joins the piece of the boundary character before it, which
            // runs to the next boundary character and is normalized whole.
            _ => {
                let start = text[seg..i]
                    .char_indices()
                    .next_back()
                    .map_or(seg, |(j, _)| seg + j);
                out.push_str(&text[seg..start]);
                let mut stop = end;
                while let Some(d) = text[stop..].chars().next().filter(|d| !boundary(*d)) {
                    stop += d.len_utf8();
                }
                out.extend(text[start..stop].nfkc());
                seg = stop;
            }
        }
        match first_non_boundary(&text[seg..]) {
            Some(next) => i = seg + next,
            None => break,
        }
    }
    out.push_str(&text[seg..]);
    out
}

/// The ASCII character a full-width form `！` … `～` (U+FF01 … U+FF5E) stands for:
/// its NFKC form.
fn full_width_ascii(c: char) -> Option<char> {
    ('\u{FF01}'..='\u{FF5E}')
        .contains(&c)
        .then(|| char::from_u32(u32::from(c) - 0xFEE0))
        .flatten()
}

/// Whether a character is a normalization boundary: its own NFKC form, never
/// composed with what precedes it (quick check `Yes`), combining class 0.
#[inline]
fn boundary(c: char) -> bool {
    stable(c) || looked_up_boundary(c)
}

/// [`boundary`] from the Unicode tables, for the characters [`stable`] does not
/// know.
#[inline(never)]
fn looked_up_boundary(c: char) -> bool {
    is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes
        && unicode_normalization::char::canonical_combining_class(c) == 0
}

/// Whether a character is its own NFKC form whatever surrounds it: ASCII, CJK
/// unified ideographs with extension A (U+3400 … U+9FFF), the CJK punctuation `、` … `〩` and the quotes and bullets
/// `‘` … `‣` (NFKC quick check `Yes`, combining class 0). A cheap test before the table look-ups of the
/// quick check, for the texts keywords are mostly written in.
#[inline]
fn stable(c: char) -> bool {
    c.is_ascii()
        || ('\u{3400}'..='\u{9FFF}').contains(&c)
        || ('\u{3001}'..='\u{3029}').contains(&c)
        || ('\u{2018}'..='\u{2023}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::{normalize, stable};
    use unicode_normalization::char::canonical_combining_class;
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

    /// The form without the fast path.
    fn slow(text: &str) -> String {
        let mut out: String = text.nfkc().collect();
        out.make_ascii_lowercase();
        out
    }

    #[test]
    fn full_width_and_case_fold_together() {
        assert_eq!(normalize("ＰＯＣ验证"), "poc验证");
        assert_eq!(normalize("Poc"), normalize("ｐｏｃ"));
        assert_eq!(normalize("ERP对接"), "erp对接");
    }

    #[test]
    fn stable_characters_pass_the_quick_check_as_starters() {
        for c in (0..=0x10_FFFF_u32)
            .filter_map(char::from_u32)
            .filter(|c| stable(*c))
        {
            assert_eq!(
                is_nfkc_quick(std::iter::once(c)),
                IsNormalized::Yes,
                "{c:?}"
            );
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
        }
    }

    proptest::proptest! {
        /// Mixed text, where pieces meet: CJK and ASCII runs (stepped over),
        /// full-width forms, combining marks, Hangul jamo that compose, half-width
        /// katakana with their voicing marks, compatibility characters.
        #[test]
        fn mixed_text_normalizes_as_a_whole(
            chars in proptest::collection::vec(proptest::sample::select(vec![
                '客', '户', '法', '务', 'A', 'a', 'e', ' ', '，', '。', 'Ａ', 'ｅ', '（',
                '\u{301}', '\u{316}', '\u{3099}', '가', '\u{1161}', '\u{11A8}', 'ﬁ',
                '㍿', '〔', '０', 'é', 'カ', 'ｶ', 'ﾞ', 'Å', '\u{10000}', '😀',
            ]), 0..40)
        ) {
            let text: String = chars.into_iter().collect();
            proptest::prop_assert_eq!(normalize(&text), slow(&text), "{:?}", text);
        }
    }

    #[test]
    fn fast_path_agrees_with_full_normalization() {
        // Every scalar value alone, after a letter, and before a combining mark.
        for c in (0..=0x10_FFFF_u32).filter_map(char::from_u32) {
            for text in [
                c.to_string(),
                format!("A{c}"),
                format!("{c}\u{0301}"),
                format!("{c}\u{3099}"),
            ] {
                assert_eq!(normalize(&text), slow(&text), "{text:?}");
            }
        }
        for text in [
            "客户说ＰＯＣ失败了，ｅ\u{301}再谈",
            "价格，Ｐｏｃ（ｔｅｓｔ）！ＡＢ\u{301}，\u{301}",
            "（ｅ\u{301}\u{316}）ﬁ：가\u{11A8}",
            "，，Ａ\u{301}\u{300}ｂ",
            "\u{301}开头",
            "结尾ｅ\u{301}",
            "가\u{1161}나",
            "降价〔0〕",
            "数据出境",
            "ＰＯＣ对比",
            "e\u{301}",
            "Å",
            "ﬁ",
            "㍿",
            "가",
        ] {
            assert_eq!(normalize(text), slow(text), "{text:?}");
        }
    }
}
