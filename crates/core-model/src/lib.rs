//! The data model of storyline.
//!
//! Every annotation points into [`Article::text`] with **byte offsets** (`start..end`,
//! end exclusive, always on UTF-8 character boundaries). The types here hold data and
//! offer constructors and accessors only; parsing lives in `storyline-parser`, analysis
//! in `storyline-analyzer`.

mod article;
mod check;
mod date;
mod entity;
mod quote;
mod span;
mod story;
mod timex;

pub use article::{Article, DateOrigin, Dateline, Paragraph, ParagraphRole, Sentence, Token, Warning};
pub use date::{DateStamp, TimeOfDay};
pub use entity::{Entity, EntityType, Mention, MentionKind};
pub use quote::{Cue, DateSource, Quote, QuoteAct, QuoteDate, QuoteKind, SpeakerMention};
pub use span::Span;
pub use story::{Statement, StatementSource, Story, StoryEntity, TimelineEntry, TimelineKind};
pub use timex::{Timex, TimexType};
