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
/// Fast path: a text that is ASCII, or that the Unicode NFKC quick check
/// (UAX #15) answers `Yes` for, is its own NFKC form, so only the ASCII case
/// fold remains; without upper-case ASCII letters there is nothing to do. Any
/// other text (quick check `No` or `Maybe`) takes the full NFKC pass.
pub fn normalized(text: &str) -> Cow<'_, str> {
    if text.chars().all(stable) || is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        if text.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(text.to_ascii_lowercase())
        } else {
            Cow::Borrowed(text)
        }
    } else {
        let mut out: String = text.nfkc().collect();
        out.make_ascii_lowercase();
        Cow::Owned(out)
    }
}

/// Whether a character is its own NFKC form whatever surrounds it: ASCII, CJK
/// unified ideographs and the CJK punctuation `、` … `〩` (NFKC quick check
/// `Yes`, combining class 0). A cheap test before the table look-ups of the
/// quick check, for the texts keywords are mostly written in.
fn stable(c: char) -> bool {
    c.is_ascii() || ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3001}'..='\u{3029}').contains(&c)
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
