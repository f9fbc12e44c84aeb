//! The compiled parts of a ruleset that evaluation works with: fields, scales and answer
//! states, addressed by index.

use crate::model::ruleset::FieldType;
use crate::text::Text;

/// Whether an input spelling matches a token: ignoring surrounding spaces and the case of ASCII
/// letters (tokens, ids and aliases are written in lowercase; full Unicode case folding would
/// add its tables to the WebAssembly module for no practical gain).
pub(crate) fn same_token(input: &str, token: &str) -> bool {
    input.trim().eq_ignore_ascii_case(token)
}

/// An option of a `choice`/`choices` field.
#[derive(Clone, Debug)]
pub(crate) struct Choice {
    pub id: String,
    pub aliases: Vec<String>,
}

/// A compiled context field.
#[derive(Clone, Debug)]
pub(crate) struct Field {
    pub id: String,
    pub kind: FieldType,
    pub options: Vec<Choice>,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

impl Field {
    /// The index of the option an input spelling names. Exact spellings are found first
    /// (cheaply); then case and surrounding spaces are ignored.
    pub fn option(&self, input: &str) -> Option<usize> {
        let exact = |o: &Choice| o.id == input || o.aliases.iter().any(|a| a == input);
        self.options.iter().position(exact).or_else(|| {
            self.options.iter().position(|o| {
                same_token(input, &o.id) || o.aliases.iter().any(|a| same_token(input, a))
            })
        })
    }

    /// The ids of the options.
    pub fn option_ids(&self) -> impl Iterator<Item = &str> + Clone {
        self.options.iter().map(|o| o.id.as_str())
    }
}

/// Most options a scale may have.
pub const MAX_SCALE_OPTIONS: usize = 32;
/// Most options a `choice`/`choices` field may have.
pub const MAX_FIELD_OPTIONS: usize = 64;

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
    /// The bit that stands for this state in an answer set.
    pub fn bit(self) -> u64 {
        match self {
            AnswerState::Option(i) => 1u64 << (u32::from(i) % 32),
            AnswerState::Unknown => 1 << 32,
            AnswerState::NotApplicable => 1 << 33,
            AnswerState::Unanswered => 1 << 34,
        }
    }
}

/// The canonical special tokens.
pub const UNKNOWN: &str = "unknown";
/// The canonical token for "not applicable".
pub const NOT_APPLICABLE: &str = "not_applicable";
/// The pseudo-token for an item without an answer (only in expressions and results).
pub const UNANSWERED: &str = "unanswered";

const UNKNOWN_ALIASES: [&str; 5] = [UNKNOWN, "onbekend", "weet ik niet", "weet niet", "?"];
const NA_ALIASES: [&str; 6] = [
    NOT_APPLICABLE,
    "nvt",
    "n.v.t.",
    "niet van toepassing",
    "n/a",
    "not applicable",
];

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
        if UNKNOWN_ALIASES.iter().any(|a| same_token(input, a)) {
            return Some(AnswerState::Unknown);
        }
        if NA_ALIASES.iter().any(|a| same_token(input, a)) {
            return Some(AnswerState::NotApplicable);
        }
        if expression && same_token(input, UNANSWERED) {
            return Some(AnswerState::Unanswered);
        }
        None
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

/// A fast hasher for the id maps (FxHash: multiply and rotate). The maps are built from the
/// ruleset and only looked up with input keys, so a chosen key cannot degrade them.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.write(&[i]);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map from ids to indices.
pub(crate) type IdMap<V> =
    std::collections::HashMap<String, V, std::hash::BuildHasherDefault<FxHasher>>;
