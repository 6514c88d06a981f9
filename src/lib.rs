//! kicweekly: the weekly newsletter 주간 창업, from Markdown to PDF.
//!
//! One way through typed stages:
//!
//! ```text
//! issue.md →source→ Issue →text→ shaped, broken lines →layout→ Document →pdf→ PDF
//! ```
//!
//! Only `project` and `fonts` touch the file system; `check` runs every
//! stage but `pdf`.

pub mod diag;
pub mod model;
pub mod project;
pub mod source;
pub mod template;
