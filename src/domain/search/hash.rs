//! The hash that keys and checks the caches.

/// A 64-bit FNV-1a style hash fed eight bytes at a time: fast, and more
/// than enough to notice a changed file or a damaged cache.
pub struct Hash(u64);

impl Default for Hash {
    fn default() -> Hash {
        Hash::new()
    }
}

impl Hash {
    pub fn new() -> Hash {
        Hash(0xcbf2_9ce4_8422_2325)
    }

    pub fn u64(&mut self, v: u64) {
        self.0 = (self.0 ^ v)
            .wrapping_mul(0x0000_0100_0000_01b3)
            .rotate_left(23);
    }

    pub fn bytes(&mut self, b: &[u8]) {
        self.u64(b.len() as u64);
        let mut chunks = b.chunks_exact(8);
        for c in &mut chunks {
            self.u64(u64::from_le_bytes(c.try_into().unwrap_or_default()));
        }
        let mut last = [0u8; 8];
        last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.u64(u64::from_le_bytes(last));
    }

    pub fn finish(&self) -> u64 {
        self.0
    }
}

/// The checksum of a cache file's payload: [`Hash`] in four lanes that
/// take turns at eight bytes each, so that the processor runs them side by
/// side. Checking every byte of a 50 MB index before trusting it is then
/// a few milliseconds, not the largest cost of a search.
pub fn checksum(b: &[u8]) -> u64 {
    let mut lanes = [Hash(1), Hash(2), Hash(3), Hash(4)].map(|mut h| {
        h.u64(0xcbf2_9ce4_8422_2325);
        h
    });
    let mut blocks = b.chunks_exact(32);
    for block in &mut blocks {
        for (lane, word) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            lane.u64(u64::from_le_bytes(word.try_into().unwrap_or_default()));
        }
    }
    let mut h = Hash::new();
    for lane in &lanes {
        h.u64(lane.finish());
    }
    h.bytes(blocks.remainder());
    h.u64(b.len() as u64);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checksum_notices_any_flipped_bit_and_any_change_of_length() {
        let data: Vec<u8> = (0..200u32).map(|i| (i * 7 + 3) as u8).collect();
        let sum = checksum(&data);
        for i in 0..data.len() {
            for bit in 0..8 {
                let mut d = data.clone();
                d[i] ^= 1 << bit;
                assert_ne!(checksum(&d), sum, "byte {i} bit {bit}");
            }
        }
        for n in 0..data.len() {
            assert_ne!(checksum(&data[..n]), sum, "truncated at {n}");
        }
        // Words swapped between lanes, or within one.
        let mut d = data.clone();
        d.swap(0, 8);
        assert_ne!(checksum(&d), sum);
        let mut d = data.clone();
        d.swap(0, 32);
        assert_ne!(checksum(&d), sum);
    }
}
