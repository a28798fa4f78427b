//! Text matching shared by risks, tags and `mentions`: Unicode NFKC normalization
//! and ASCII case folding, so `ＰＯＣ`, `poc` and `POC` match each other.

use unicode_normalization::UnicodeNormalization;

/// The form keywords and texts are compared in.
pub fn normalize(text: &str) -> String {
    let mut out: String = text.nfkc().collect();
    out.make_ascii_lowercase();
    out
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn full_width_and_case_fold_together() {
        assert_eq!(normalize("ＰＯＣ验证"), "poc验证");
        assert_eq!(normalize("Poc"), normalize("ｐｏｃ"));
        assert_eq!(normalize("ERP对接"), "erp对接");
    }
}
