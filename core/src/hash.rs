//! The one fast hasher of the project (the FxHash mix: rotate, xor, multiply) and the id maps
//! built with it. The maps are built from the program's own strings (a ruleset's ids, the Python
//! binding's shared strings) and only looked up with input keys, so a chosen key can make a
//! lookup miss but cannot degrade a map: no SipHash is needed.

use std::hash::{BuildHasherDefault, Hasher};

/// The FxHash mix over 8-byte words.
#[derive(Default, Clone, Copy, Debug)]
pub struct FxHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }

    #[inline]
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Builds [`FxHasher`]s, for `HashMap::with_hasher` and friends.
pub type FxBuildHasher = BuildHasherDefault<FxHasher>;

/// A map from ids (or other keys) to values, hashed with [`FxHasher`].
pub type FxMap<K, V> = std::collections::HashMap<K, V, FxBuildHasher>;

/// A map from ids to indices.
pub(crate) type IdMap<V> = FxMap<String, V>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, Hash};

    fn hash<T: Hash>(x: T) -> u64 {
        FxBuildHasher::default().hash_one(x)
    }

    #[test]
    fn different_keys_hash_differently() {
        // Strings that differ only in the bytes after the last whole word, or in length.
        assert_ne!(hash("inclusie.doenvermogen"), hash("inclusie.doenvermogeN"));
        assert_ne!(hash("abcdefgh"), hash("abcdefgh\0"));
        assert_ne!(hash((1usize, 2usize)), hash((2usize, 1usize)));
        assert_eq!(hash("x"), hash("x"));
    }
}
