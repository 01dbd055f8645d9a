//! How names are compared: the folding both the lookup keys in the image and
//! the text given to `Dataset::resolve` go through, so that "Türkiye",
//! "TURKIYE" and "turkiye" meet.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower case, without diacritics (compatibility decomposition, combining marks
/// dropped, as FTS5's `remove_diacritics` does), apostrophes dropped ("People's"
/// is "peoples") and every other run of punctuation or space made one space.
pub(crate) fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    let mut space = false;
    // Recomposed after the marks go, so that Hangul syllables stay syllables.
    for c in text.nfkd().filter(|c| !is_combining_mark(*c)).nfc() {
        if c.is_alphanumeric() {
            if space && !folded.is_empty() {
                folded.push(' ');
            }
            space = false;
            folded.extend(c.to_lowercase());
        } else if !matches!(c, '\'' | '\u{2019}' | '\u{02BC}') {
            space = true;
        }
    }
    folded
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folding_ignores_case_diacritics_and_punctuation() {
        assert_eq!(fold("Türkiye"), "turkiye");
        assert_eq!(fold("  Democratic People's Republic of Korea "), "democratic peoples republic of korea");
        assert_eq!(fold("EU–Japan"), "eu japan");
        assert_eq!(fold("Rzeczpospolita Polska"), "rzeczpospolita polska");
        assert_eq!(fold("Kosiniak-Kamysz"), "kosiniak kamysz");
        assert_eq!(fold("日本国"), "日本国");
        assert_eq!(fold("대한민국"), "대한민국");
        assert_eq!(fold("Ｑ１７"), "q17");
        assert_eq!(fold("?!"), "");
    }
}
