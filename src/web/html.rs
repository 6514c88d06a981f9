//! A small HTML writer: elements, escaped text with its Chinese runs in
//! `<span lang="zh">`, and the characters each font role sets, from which
//! the page's font subsets are made.

use std::borrow::Cow;
use std::collections::BTreeSet;

use crate::fonts::Role;

use super::lang::chinese_runs;

/// HTML being written, and the characters set in each [`Role`].
#[derive(Default)]
pub struct Html {
    out: String,
    chars: [BTreeSet<char>; 4],
}

impl Html {
    pub fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    /// `<tag attrs>`; `attrs` is empty or starts with a space.
    pub fn open(&mut self, tag: &str, attrs: &str) {
        self.out.push('<');
        self.out.push_str(tag);
        self.out.push_str(attrs);
        self.out.push('>');
    }

    pub fn close(&mut self, tag: &str) {
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
    }

    /// An element holding only `text`.
    pub fn element(&mut self, tag: &str, attrs: &str, text: &str, role: Role) {
        self.open(tag, attrs);
        self.text(text, role);
        self.close(tag);
    }

    /// Text set in `role`'s faces: escaped, Chinese runs marked.
    pub fn text(&mut self, text: &str, role: Role) {
        self.note_chars(text, role);
        let mut at = 0;
        for run in chinese_runs(text) {
            self.out.push_str(&escape(&text[at..run.start]));
            self.out.push_str("<span lang=\"zh\">");
            self.out.push_str(&escape(&text[run.clone()]));
            self.out.push_str("</span>");
            at = run.end;
        }
        self.out.push_str(&escape(&text[at..]));
    }

    /// Characters set in `role` that no text written here holds, such as
    /// those of a page's furniture drawn by CSS.
    pub fn note_chars(&mut self, text: &str, role: Role) {
        let set = &mut self.chars[role as usize];
        for c in text.chars() {
            match c {
                // A soft hyphen shows as a hyphen where a line breaks at it.
                '\u{AD}' => set.extend(['-', '\u{2010}']),
                c if c.is_control() || invisible(c) => {}
                c => {
                    set.insert(c);
                }
            }
        }
    }

    pub fn finish(self) -> (String, [BTreeSet<char>; 4]) {
        (self.out, self.chars)
    }
}

/// Characters that are never drawn (zero width spaces and joiners, the
/// word joiner, the byte order mark): no font needs a glyph for them.
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// `s` safe in text and in double-quoted attributes.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.contains(['&', '<', '>', '"']) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// ` name="value"`, escaped.
pub fn attr(name: &str, value: &str) -> String {
    format!(" {name}=\"{}\"", escape(value))
}

/// A link target safe to write: web and mail addresses, and references
/// within the edition; anything else (`javascript:`) is dropped.
pub fn safe_href(url: &str) -> Option<&str> {
    let lower = url.trim_start().to_ascii_lowercase();
    let scheme = lower.split_once(':').map(|(s, _)| s);
    let ok = match scheme {
        Some(s)
            if s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) =>
        {
            matches!(s, "http" | "https" | "mailto" | "tel")
        }
        _ => true,
    };
    ok.then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_chinese_is_marked() {
        let mut h = Html::default();
        h.text("a<b & 정부(人民政府)\"", Role::Serif);
        let (out, chars) = h.finish();
        assert_eq!(
            out,
            "a&lt;b &amp; 정부(<span lang=\"zh\">人民政府</span>)&quot;"
        );
        assert!(chars[Role::Serif as usize].contains(&'政'));
        assert!(chars[Role::Sans as usize].is_empty());
    }

    #[test]
    fn only_harmless_links_are_kept() {
        assert_eq!(safe_href("https://a.cn/x?y=1"), Some("https://a.cn/x?y=1"));
        assert_eq!(safe_href("mailto:a@b.c"), Some("mailto:a@b.c"));
        assert_eq!(safe_href("#a-1-2"), Some("#a-1-2"));
        assert_eq!(safe_href("JavaScript:alert(1)"), None);
        assert_eq!(safe_href("data:text/html,x"), None);
    }
}
