//! Bare web and e-mail addresses in text, found as GFM's autolink
//! extension finds them, so `https://…`, `www.…` and `info@…` are links
//! as they are on GitHub.
//!
//! One change for Korean text: an address ends at the first character
//! that is not ASCII, because a particle is written right after it
//! (`info@kicchina.org로`, `www.gov.cn에서`), where GFM would take `로`
//! into the link.

use std::ops::Range;

/// What kind of address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `http://…`, `https://…`: the text is the URL.
    Url,
    /// `www.…`: the URL is `http://` and the text.
    Www,
    /// `name@domain`: the URL is `mailto:` and the text.
    Email,
}

/// A bare address in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub range: Range<usize>,
    pub kind: Kind,
}

impl Found {
    /// The link's target for the address `text`.
    pub fn url(&self, text: &str) -> String {
        match self.kind {
            Kind::Url => text.to_string(),
            Kind::Www => format!("http://{text}"),
            Kind::Email => format!("mailto:{text}"),
        }
    }

    /// The address written as a Markdown link that prints the same text:
    /// `<https://…>`, `<info@…>`, `[www.…](http://www.…)`.
    pub fn markdown(&self, text: &str) -> String {
        match self.kind {
            Kind::Url | Kind::Email => format!("<{text}>"),
            Kind::Www => format!("[{text}](http://{text})"),
        }
    }
}

/// Every bare address in `text`, in order.
pub fn find(text: &str) -> Vec<Found> {
    let mut out: Vec<Found> = vec![];
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Every prefix is ASCII, and an ASCII byte starts a character.
        if !matches!(bytes[i], b'h' | b'H' | b'w' | b'W') {
            i += 1;
            continue;
        }
        let boundary = i == 0 || !is_word(bytes[i - 1]);
        let rest = &text[i..];
        let start = if !boundary {
            None
        } else if starts_with_ignore_case(rest, "https://") {
            Some((8, Kind::Url))
        } else if starts_with_ignore_case(rest, "http://") {
            Some((7, Kind::Url))
        } else if starts_with_ignore_case(rest, "www.") {
            Some((4, Kind::Www))
        } else {
            None
        };
        if let Some((prefix, kind)) = start
            && let Some(end) = url_end(text, i, prefix)
        {
            out.push(Found {
                range: i..end,
                kind,
            });
            i = end;
            continue;
        }
        i += 1;
    }
    let mut emails = emails(text);
    emails.retain(|e| {
        !out.iter()
            .any(|u| u.range.start < e.range.end && e.range.start < u.range.end)
    });
    out.extend(emails);
    out.sort_by_key(|f| f.range.start);
    out
}

/// Letters, digits and the characters that join a word to an address
/// before it (`x.www.…`, `a_http://…`).
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'/' | b'@' | b':')
}

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// The end of the address starting at `start`, whose scheme or `www.`
/// takes `prefix` bytes: a valid domain, then anything up to a blank,
/// `<`, `>` or a character that is not ASCII, less the punctuation that
/// ends a sentence and a `)` it does not open.
fn url_end(text: &str, start: usize, prefix: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let domain_start = start + prefix;
    let domain_len = bytes[domain_start..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        .count();
    let domain = text[domain_start..domain_start + domain_len].trim_end_matches('.');
    let needs_dot = bytes[start] != b'w' && bytes[start] != b'W';
    if domain.is_empty()
        || !domain.as_bytes()[0].is_ascii_alphanumeric()
        || (needs_dot && !domain.contains('.'))
    {
        return None;
    }
    let mut end = domain_start
        + bytes[domain_start..]
            .iter()
            .take_while(|b| b.is_ascii_graphic() && !matches!(b, b'<' | b'>'))
            .count();
    loop {
        let s = &text[start..end];
        let last = s.as_bytes()[s.len() - 1];
        let trim = match last {
            b'?' | b'!' | b'.' | b',' | b':' | b';' | b'*' | b'_' | b'~' | b'\'' | b'"' => true,
            b')' => s.matches(')').count() > s.matches('(').count(),
            b']' => s.matches(']').count() > s.matches('[').count(),
            _ => false,
        };
        if !trim || end - 1 <= domain_start {
            break;
        }
        end -= 1;
    }
    Some(end)
}

/// Bare e-mail addresses: `local@domain.tld`, the local part of letters,
/// digits and `.+_-`, the domain of labels of letters, digits and `-`
/// with at least one dot.
fn emails(text: &str) -> Vec<Found> {
    let bytes = text.as_bytes();
    let local = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'+' | b'_' | b'-');
    let mut out = vec![];
    for (at, _) in text.match_indices('@') {
        let start = at - bytes[..at].iter().rev().take_while(|b| local(b)).count();
        let after = at + 1;
        let mut end = after
            + bytes[after..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.'))
                .count();
        while end > after && matches!(bytes[end - 1], b'.' | b'-') {
            end -= 1;
        }
        let domain = &text[after..end];
        let before_ok = start == 0 || !matches!(bytes[start - 1], b'/' | b':' | b'@');
        if start < at
            && before_ok
            && domain.contains('.')
            && domain.split('.').all(|l| !l.is_empty())
            && !text[start..at].starts_with('.')
        {
            out.push(Found {
                range: start..end,
                kind: Kind::Email,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        find(text).iter().map(|f| &text[f.range.clone()]).collect()
    }

    #[test]
    fn addresses_end_before_particles_and_punctuation() {
        assert_eq!(
            found("공식메일 info@kicchina.org로 신청"),
            ["info@kicchina.org"]
        );
        assert_eq!(found("www.gov.cn에서 확인."), ["www.gov.cn"]);
        assert_eq!(
            found("원문(https://x.org/a?b=1&c=2).",),
            ["https://x.org/a?b=1&c=2"]
        );
        assert_eq!(
            found("https://en.wikipedia.org/wiki/A_(b) 참조"),
            ["https://en.wikipedia.org/wiki/A_(b)"]
        );
        assert_eq!(
            found("주소 https://example.org/a'b 는"),
            ["https://example.org/a'b"]
        );
        assert_eq!(found("끝: http://a.cn/x."), ["http://a.cn/x"]);
    }

    #[test]
    fn not_addresses() {
        assert!(found("http://localhost 와 https:// 만").is_empty());
        assert!(found("abcwww.x.com 과 @handle 과 a@b 와 x@.com").is_empty());
        assert!(found("2022~2023년, R&D, 7*24시간").is_empty());
    }

    #[test]
    fn the_kinds_give_the_url_and_markdown() {
        let text = "www.ndrc.gov.cn 과 a.b@c.org";
        let f = find(text);
        assert_eq!(f.len(), 2);
        let (w, e) = (&text[f[0].range.clone()], &text[f[1].range.clone()]);
        assert_eq!(f[0].url(w), "http://www.ndrc.gov.cn");
        assert_eq!(
            f[0].markdown(w),
            "[www.ndrc.gov.cn](http://www.ndrc.gov.cn)"
        );
        assert_eq!(f[1].url(e), "mailto:a.b@c.org");
        assert_eq!(f[1].markdown(e), "<a.b@c.org>");
    }
}
