//! What each element of an edition is, and the role its text is set in;
//! a [`Look`] says how it looks: a class of the page's stylesheet
//! (`index.html`) or inline styles (`paste.html`). One walk over the issue
//! writes both, so they hold the same words in the same order.

use crate::fonts::Role;
use crate::model::ColumnAlign;

use super::pictures::WebPicture;

/// The elements of an edition, by what they are in the design.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum El {
    /// The whole edition, around everything below.
    Page,
    Cover,
    Publisher,
    Masthead,
    IssueLine,
    Number,
    Date,
    Contents,
    ContentsTitle,
    ContentsPart,
    ContentsList,
    ContentsItem,
    /// An entry's link to its article.
    ContentsLink,
    ContentsNumber,
    /// An entry's category and title, beside its number.
    ContentsEntry,
    /// The `01` before a part's name, in the rule colour.
    PartLabel,
    Main,
    Part,
    PartBanner,
    Article,
    /// The title and source line, over the article's rule.
    ArticleHead,
    ArticleTitle,
    ArticleNumber,
    Category,
    Source,
    Paragraph,
    Subhead(u8),
    Attribution,
    List,
    ListItem,
    ListParagraph,
    Marker,
    Figure,
    Picture,
    Caption,
    CaptionLabel,
    TableWrap,
    Table,
    HeaderCell(ColumnAlign),
    Cell(ColumnAlign),
    Note,
    NoteParagraph,
    Sources,
    SourcesLabel,
    SourcesList,
    SourcesItem,
    Back,
    BackTitle,
    BackText,
    BackLink,
    BackNote,
    Contacts,
    ContactLine,
    Organization,
    OrganizationEn,
    Copyright,
    Strong(Role),
    Emphasis(Role),
    Link,
}

impl El {
    /// The font role of the element's own text (inlines may change it).
    pub fn role(self) -> Role {
        use El::*;
        match self {
            Masthead | Number | ContentsTitle | ContentsPart | ContentsNumber | PartLabel
            | PartBanner | ArticleTitle | ArticleNumber | Category | Subhead(_) | CaptionLabel
            | HeaderCell(_) | BackTitle | BackLink | Organization => Role::SansBold,
            Page | Main | Part | Article | Paragraph | List | ListItem | ListParagraph | Marker
            | ContentsList | ContentsItem | ContentsEntry | Note | NoteParagraph => Role::Serif,
            Strong(r) | Emphasis(r) => r,
            _ => Role::Sans,
        }
    }
}

/// How an edition's elements look.
pub trait Look {
    /// The attributes that style `el`: empty, or starting with a space.
    fn attrs(&self, el: El) -> String;

    /// An `<img>`'s attributes but its style: source, size, description.
    fn picture(&self, p: &WebPicture, alt: &str) -> String;

    /// Whether a link to `url` stays a link (else its text stays, styled
    /// as a link is in print).
    fn keeps_link(&self, url: &str) -> bool {
        let _ = url;
        true
    }
}

/// The role bold text takes inside text of `base`: the bold face of the
/// same family, as the PDF sets it.
pub fn strong(base: Role) -> Role {
    match base {
        Role::Serif | Role::SerifBold => Role::SerifBold,
        Role::Sans | Role::SansBold => Role::SansBold,
    }
}

/// The role emphasis takes: the sans (Gothic) face of the same weight.
pub fn emphasis(base: Role) -> Role {
    match base {
        Role::Serif => Role::Sans,
        Role::SerifBold => Role::SansBold,
        r => r,
    }
}
