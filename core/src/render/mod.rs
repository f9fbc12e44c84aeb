//! Reports: an assessment rendered for people, as Markdown or as a standalone HTML page, in
//! Dutch or English. One walk over the sections ([`walk`]) and one markup per format
//! ([`markdown`], [`html`]); the fixed words and number formats are in [`words`]. User text and
//! rule text are escaped by the markup.
//!
//! The public entry point is [`crate::report`].

mod html;
mod markdown;
mod walk;
mod words;

use crate::assessment::Assessment;
use crate::compiled::CompiledRuleset;
use crate::text::Lang;

/// The Markdown report of an assessment.
pub(crate) fn markdown(rs: &CompiledRuleset, a: &Assessment<'_>, lang: Lang) -> String {
    walk::walk(rs, a, lang, markdown::Markdown::default())
}

/// The HTML report of an assessment: a standalone page.
pub(crate) fn html(rs: &CompiledRuleset, a: &Assessment<'_>, lang: Lang) -> String {
    walk::walk(rs, a, lang, html::Html::new(rs, lang))
}
