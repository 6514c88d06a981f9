//! The text engine: styled paragraph → shaped glyphs → justified lines.
//!
//! `shape` itemizes and shapes a paragraph once; `breaks` finds where
//! Korean text may break (UAX #14 tailored by KLREQ); `linebreak` chooses
//! the breaks over the whole paragraph (Knuth–Plass); `lines` ties them
//! together and places every glyph. `chars` is the one table of character
//! classes (spaces, Hangul, Han) they all use.

pub mod breaks;
pub mod chars;
pub mod linebreak;
pub mod lines;
pub mod seams;
pub mod shape;
