//! An answer scale as evaluation sees it, and the answer state of one item. Part of the
//! compiled model ([`crate::compiled`]); scales are addressed by index.

use crate::text::Text;
use crate::vocab::{
    NOT_APPLICABLE, NOT_APPLICABLE_SPELLINGS, UNANSWERED, UNKNOWN, UNKNOWN_SPELLINGS, same_token,
};

/// The answer to one item, as evaluation sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AnswerState {
    /// No answer was given.
    Unanswered,
    /// `unknown`.
    Unknown,
    /// `not_applicable` (also the state of an excluded item inside signal conditions).
    NotApplicable,
    /// The option with this index in the item's scale.
    Option(u8),
}

impl AnswerState {
    /// The bit that stands for this state in an answer set: the options in the low 32 bits
    /// (`limits::MAX_SCALE_OPTIONS`), the special states above them.
    pub fn bit(self) -> u64 {
        match self {
            AnswerState::Option(i) => 1u64 << (u32::from(i) % 32),
            AnswerState::Unknown => 1 << 32,
            AnswerState::NotApplicable => 1 << 33,
            AnswerState::Unanswered => 1 << 34,
        }
    }
}

/// One option of a compiled scale.
#[derive(Clone, Debug)]
pub(crate) struct ScaleOption {
    pub token: String,
    pub fraction: f64,
    pub aliases: Vec<String>,
    pub label: Text,
}

/// A compiled answer scale.
#[derive(Clone, Debug)]
pub(crate) struct Scale {
    pub id: String,
    pub options: Vec<ScaleOption>,
    /// Index of the option with the highest fraction (the first such).
    pub best: usize,
}

/// The answer state a spelling of a special token names, on any scale (`None` for the others).
pub(crate) fn special_token(input: &str, expression: bool) -> Option<AnswerState> {
    if UNKNOWN_SPELLINGS.iter().any(|a| same_token(input, a)) {
        return Some(AnswerState::Unknown);
    }
    if NOT_APPLICABLE_SPELLINGS
        .iter()
        .any(|a| same_token(input, a))
    {
        return Some(AnswerState::NotApplicable);
    }
    if expression && same_token(input, UNANSWERED) {
        return Some(AnswerState::Unanswered);
    }
    None
}

impl Scale {
    /// The answer state an input token names: an option (by token or alias), `unknown` or
    /// `not_applicable`. With `expression` set, `unanswered` is accepted too.
    pub fn parse_token(&self, input: &str, expression: bool) -> Option<AnswerState> {
        // Fast path: a canonical token or an alias as written.
        let exact = |o: &ScaleOption| o.token == input || o.aliases.iter().any(|a| a == input);
        if let Some(i) = self.options.iter().position(exact) {
            return u8::try_from(i).ok().map(AnswerState::Option);
        }
        match input {
            UNKNOWN => return Some(AnswerState::Unknown),
            NOT_APPLICABLE => return Some(AnswerState::NotApplicable),
            _ => {}
        }
        if let Some(i) = self.options.iter().position(|o| {
            same_token(input, &o.token) || o.aliases.iter().any(|a| same_token(input, a))
        }) {
            return u8::try_from(i).ok().map(AnswerState::Option);
        }
        special_token(input, expression)
    }

    /// The canonical token of an answer state.
    pub fn token(&self, state: AnswerState) -> &str {
        match state {
            AnswerState::Unanswered => UNANSWERED,
            AnswerState::Unknown => UNKNOWN,
            AnswerState::NotApplicable => NOT_APPLICABLE,
            AnswerState::Option(i) => self
                .options
                .get(usize::from(i))
                .map_or(UNKNOWN, |o| o.token.as_str()),
        }
    }

    /// The token of the best option ("" for a scale without options).
    pub fn best_token(&self) -> &str {
        self.options.get(self.best).map_or("", |o| o.token.as_str())
    }

    /// The fraction an answer earns; `None` for the special states.
    pub fn fraction(&self, state: AnswerState) -> Option<f64> {
        match state {
            AnswerState::Option(i) => self.options.get(usize::from(i)).map(|o| o.fraction),
            _ => None,
        }
    }

    /// All tokens a proposal may use for this scale (canonical ones).
    pub fn valid_tokens(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.options.iter().map(|o| o.token.as_str()).collect();
        v.push(UNKNOWN);
        v.push(NOT_APPLICABLE);
        v
    }
}
