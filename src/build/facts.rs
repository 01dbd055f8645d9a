//! Fact ids that survive releases.
//!
//! Every fact has a key made of its table and its natural key
//! (`milestone/eu-japan-sdp/signed/-`). The bundled data's keys are given
//! their numbers once, in `schema/fact_ids.tsv`, and keep them in every later
//! release; a number is never given to another key, even after its fact is gone.
//! Facts from a user's own directories get numbers derived from their keys, from
//! 2^40 up, the same in every build for as long as the key stays the same.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

/// The first number a key derived from its hash can have.
const DERIVED: i64 = 1 << 40;

/// The numbers given to the bundled data's fact keys.
#[derive(Default)]
pub(crate) struct Ledger {
    numbers: HashMap<String, i64>,
    /// The highest number ever given, so that new keys never reuse a retired one.
    last: i64,
    /// Keys given numbers in this build, to be added to the ledger when blessing.
    pub added: Vec<(i64, String)>,
    /// Whether new bundled keys may be given numbers (blessing) or are an error.
    pub extend: bool,
}

impl Ledger {
    /// Reads `number<TAB>key` lines.
    pub fn parse(text: &str) -> Ledger {
        let mut ledger = Ledger::default();
        for line in text.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
            if let Some((number, key)) = line.split_once('\t')
                && let Ok(number) = number.parse::<i64>()
            {
                ledger.last = ledger.last.max(number);
                ledger.numbers.insert(key.to_owned(), number);
            }
        }
        ledger
    }

    /// The ledger as text, with the keys added in this build.
    pub fn text(&self, previous: &str) -> String {
        let mut text = previous.to_owned();
        if text.is_empty() {
            text.push_str("# pactum's fact ids: each key's number, given once and kept. Written by the bless example; never edit a number.\n");
        }
        for (number, key) in &self.added {
            text.push_str(&format!("{number}\t{key}\n"));
        }
        text
    }

    /// The number of a bundled fact's key, or `None` if the ledger does not know it
    /// and may not grow.
    pub fn bundled(&mut self, key: &str) -> Option<i64> {
        if let Some(&n) = self.numbers.get(key) {
            return Some(n);
        }
        if !self.extend {
            return None;
        }
        self.last += 1;
        self.numbers.insert(key.to_owned(), self.last);
        self.added.push((self.last, key.to_owned()));
        Some(self.last)
    }
}

/// The number of a user's fact: its key's hash, from 2^40 up (below 2^53, so that
/// it survives a trip through JSON numbers).
pub(crate) fn derived(key: &str) -> i64 {
    let hash = Sha256::digest(key.as_bytes());
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&hash[..8]);
    DERIVED + (u64::from_be_bytes(bytes) % (1 << 52)) as i64
}
