//! Which scripts are written without spaces between words, where a word can only
//! be found as a substring of a longer run.

/// Characters of scripts written without spaces between words (Han, kana, Thai,
/// Lao, Khmer, Myanmar) and Hangul, whose words take particles: text in them is
/// matched by substring.
pub(crate) fn unsegmented(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF          // Thai, Lao
        | 0x1000..=0x109F        // Myanmar
        | 0x1780..=0x17FF        // Khmer
        | 0x1100..=0x11FF        // Hangul Jamo
        | 0x3040..=0x30FF        // Hiragana, Katakana
        | 0x3130..=0x318F        // Hangul compatibility Jamo
        | 0x3400..=0x4DBF        // CJK extension A
        | 0x4E00..=0x9FFF        // CJK unified ideographs
        | 0xAC00..=0xD7AF        // Hangul syllables
        | 0xF900..=0xFAFF        // CJK compatibility ideographs
        | 0xFF66..=0xFF9F        // half-width Katakana
        | 0x20000..=0x3FFFF) // CJK extensions B and beyond
}
