//! Sources as BibTeX entries.

use chrono::Datelike;

use crate::Source;

/// A BibTeX entry citing `source`, for BibLaTeX (`@online`, with `date`) and classic
/// BibTeX alike (which reads `@online` as `@misc`, and `year`).
///
/// The key is the source's id; the publisher is the author, braced so that it is
/// read as one organisation, not a person's names; the title is braced so that
/// styles keep its capitals. TeX's special characters in the text are escaped (`&`
/// becomes `\&`, a brace `\textbraceleft{}`, so that braces stay balanced), and
/// in the URL, braces, backslashes and spaces are percent-encoded. The entry is
/// UTF-8: use Biber, or a Unicode BibTeX, for sources with non-ASCII titles.
///
/// ```
/// let data = pactum::Dataset::open()?;
/// let entry = pactum::export::bibtex(&data.source("nikkei-2024-06-23-eu-japan-korea")?);
/// assert!(entry.starts_with("@online{nikkei-2024-06-23-eu-japan-korea,\n"));
/// assert!(entry.contains("  author = {{Nikkei Asia}},\n"));
/// assert!(entry.contains("  date = {2024-06-23},\n  year = {2024},\n"));
/// # Ok::<(), pactum::Error>(())
/// ```
pub fn bibtex(source: &Source) -> String {
    let mut fields = vec![
        ("author", format!("{{{}}}", escape_tex(&source.publisher))),
        ("title", format!("{{{}}}", escape_tex(&source.title))),
    ];
    if let Some(date) = source.published {
        fields.push(("date", date.to_string()));
        fields.push(("year", date.first_day().year().to_string()));
    }
    if let Some(url) = &source.url {
        fields.push(("url", escape_url(url)));
    }
    if let Some(note) = &source.note {
        fields.push(("note", escape_tex(note)));
    }
    let body: Vec<String> = fields.iter().map(|(name, value)| format!("  {name} = {{{value}}}")).collect();
    format!("@online{{{},\n{}\n}}\n", cite_key(&source.id), body.join(",\n"))
}

/// Text as it must appear in a BibTeX field. BibTeX counts braces even after a
/// backslash, so braces become commands rather than `\{`, keeping fields balanced.
fn escape_tex(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\textbraceleft{}"),
            '}' => out.push_str("\\textbraceright{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '%' | '&' | '#' | '_' | '$' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// A URL for a verbatim `url` field: it must not close the field early or break it,
/// so the few characters that could are percent-encoded, which leaves the address
/// unchanged.
fn escape_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '{' | '}' | '\\' => out.push_str(&format!("%{:02X}", u32::from(c))),
            c if c.is_whitespace() || c.is_control() => {
                let mut buf = [0; 4];
                for byte in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{byte:02X}"));
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// A citation key BibTeX accepts: source ids already are, but a key must never
/// contain a comma, brace, space or the like, whatever a larger dataset's ids hold.
fn cite_key(id: &str) -> String {
    let key: String =
        id.chars().map(|c| if c.is_ascii_alphanumeric() || "-_:./+".contains(c) { c } else { '-' }).collect();
    if key.is_empty() { "source".to_owned() } else { key }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tex_specials_are_escaped_and_braces_stay_balanced() {
        assert_eq!(
            escape_tex(r"R&D, 5% of GDP, #1, a_b, $9, \x"),
            r"R\&D, 5\% of GDP, \#1, a\_b, \$9, \textbackslash{}x"
        );
        assert_eq!(escape_tex("}{ ~^"), r"\textbraceright{}\textbraceleft{} \textasciitilde{}\textasciicircum{}");
        let escaped = escape_tex("{{{ unbalanced }");
        assert_eq!(escaped.matches('{').count(), escaped.matches('}').count());
        assert_eq!(escape_tex("Élysée — 防衛"), "Élysée — 防衛");
    }

    #[test]
    fn urls_lose_only_the_characters_that_would_break_the_field() {
        assert_eq!(escape_url("https://x.org/a%20b?q=1&r=_#top"), "https://x.org/a%20b?q=1&r=_#top");
        assert_eq!(escape_url("https://x.org/{a}\\b c"), "https://x.org/%7Ba%7D%5Cb%20c");
    }

    #[test]
    fn cite_keys_are_ids_with_anything_unsafe_replaced() {
        assert_eq!(cite_key("nikkei-2024-06-23-eu-japan-korea"), "nikkei-2024-06-23-eu-japan-korea");
        assert_eq!(cite_key("a b,c{d}"), "a-b-c-d-");
        assert_eq!(cite_key(""), "source");
    }
}
