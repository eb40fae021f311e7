//! Decodes the LZMA stream that xtask packs the app's wasm into, in the single file and in
//! `embed.js`: a 13-byte header (properties, dictionary size, unpacked size), then the range-coded
//! data. It follows the reference decoder of the LZMA specification; the whole output is the
//! window, as the unpacked size is known.
//!
//! Compiled to wasm32 it is a module of a few kilobytes with no imports, which the page runs before
//! the app's own wasm exists: it unpacks that in about 25 ms in Chromium here, where the same
//! decoder in JavaScript took about 60.
#![cfg_attr(all(target_arch = "wasm32", not(test)), no_std)]

/// Why a stream could not be decoded.
#[derive(Debug, PartialEq, Eq)]
pub enum Corrupt {
    /// Shorter than the 13-byte header and the range coder's first 5 bytes, or more literal
    /// context bits than [`MAX_LC_LP`].
    Header,
    /// A match reaches back before the start of the output, or the data ends early.
    Data,
}

/// `lc + lp` at most: xtask writes (4, 0), and the default is (3, 0). A fixed bound keeps the
/// literal probabilities in a fixed-size table, with no allocator.
pub const MAX_LC_LP: u32 = 4;
const HEADER: usize = 13;
const LITERAL_CODER: usize = 0x300;

/// The unpacked size the header gives, if there is a header.
pub fn unpacked_size(packed: &[u8]) -> Option<u64> {
    let size: [u8; 8] = packed.get(5..HEADER)?.try_into().ok()?;
    Some(u64::from_le_bytes(size))
}

/// Unpacks `packed` into `out`, which must be exactly as long as [`unpacked_size`] says.
pub fn unpack(packed: &[u8], out: &mut [u8]) -> Result<(), Corrupt> {
    let properties = u32::from(*packed.first().ok_or(Corrupt::Header)?);
    let (lc, lp, pb) = (properties % 9, properties / 9 % 5, properties / 45);
    if properties >= 9 * 5 * 5 || lc + lp > MAX_LC_LP || packed.len() < HEADER + 5 {
        return Err(Corrupt::Header);
    }
    Decoder::new(packed, lc, lp, pb).run(out)
}

/// The range decoder over the stream after the header.
struct Range<'a> {
    input: &'a [u8],
    at: usize,
    range: u32,
    code: u32,
}

impl Range<'_> {
    /// The next input byte; past the end, zero, and the stream is then known to be short.
    fn byte(&mut self) -> u32 {
        let byte = self.input.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        u32::from(byte)
    }

    fn normalize(&mut self) {
        if self.range < 1 << 24 {
            self.range <<= 8;
            self.code = (self.code << 8) | self.byte();
        }
    }

    /// One bit with an adaptive probability (of a zero, in 2048ths).
    fn bit(&mut self, probability: &mut u16) -> u32 {
        let bound = (self.range >> 11) * u32::from(*probability);
        let bit = if self.code < bound {
            self.range = bound;
            *probability += (2048 - *probability) >> 5;
            0
        } else {
            self.range -= bound;
            self.code -= bound;
            *probability -= *probability >> 5;
            1
        };
        self.normalize();
        bit
    }

    /// `count` bits with a fixed probability of one half.
    fn direct(&mut self, count: u32) -> u32 {
        let mut value = 0;
        for _ in 0..count {
            self.range >>= 1;
            let one = u32::from(self.code >= self.range);
            self.code -= self.range * one;
            value = (value << 1) | one;
            self.normalize();
        }
        value
    }

    /// A `bits`-bit number, most significant bit first, from a tree of probabilities.
    fn tree(&mut self, probabilities: &mut [u16], bits: u32) -> u32 {
        let mut m = 1;
        for _ in 0..bits {
            m = (m << 1) | self.bit(&mut probabilities[m as usize]);
        }
        m - (1 << bits)
    }

    /// A `bits`-bit number, least significant bit first.
    fn reverse_tree(&mut self, probabilities: &mut [u16], bits: u32) -> u32 {
        let (mut m, mut value) = (1, 0);
        for i in 0..bits {
            let bit = self.bit(&mut probabilities[m as usize]);
            m = (m << 1) | bit;
            value |= bit << i;
        }
        value
    }
}

const UNSEEN: u16 = 1024;

/// The probabilities of a match or repeat length.
struct LengthCoder {
    choice: [u16; 2],
    low: [[u16; 8]; 16],
    mid: [[u16; 8]; 16],
    high: [u16; 256],
}

impl LengthCoder {
    const fn new() -> Self {
        Self {
            choice: [UNSEEN; 2],
            low: [[UNSEEN; 8]; 16],
            mid: [[UNSEEN; 8]; 16],
            high: [UNSEEN; 256],
        }
    }

    /// A length less the minimum match of two.
    fn decode(&mut self, range: &mut Range, pos_state: usize) -> u32 {
        if range.bit(&mut self.choice[0]) == 0 {
            range.tree(&mut self.low[pos_state], 3)
        } else if range.bit(&mut self.choice[1]) == 0 {
            8 + range.tree(&mut self.mid[pos_state], 3)
        } else {
            16 + range.tree(&mut self.high, 8)
        }
    }
}

struct Decoder<'a> {
    range: Range<'a>,
    lc: u32,
    lp_mask: usize,
    pb_mask: usize,
    literals: [u16; LITERAL_CODER << MAX_LC_LP],
    is_match: [u16; 192],
    is_rep: [u16; 12],
    is_rep_g0: [u16; 12],
    is_rep_g1: [u16; 12],
    is_rep_g2: [u16; 12],
    is_rep0_long: [u16; 192],
    slots: [[u16; 64]; 4],
    special: [u16; 115],
    align: [u16; 16],
    lengths: LengthCoder,
    rep_lengths: LengthCoder,
}

impl<'a> Decoder<'a> {
    fn new(packed: &'a [u8], lc: u32, lp: u32, pb: u32) -> Self {
        // Byte 13 is always zero; the code starts at 14.
        let mut range = Range {
            input: packed,
            at: HEADER + 1,
            range: u32::MAX,
            code: 0,
        };
        for _ in 0..4 {
            range.code = (range.code << 8) | range.byte();
        }
        Self {
            range,
            lc,
            lp_mask: (1 << lp) - 1,
            pb_mask: (1 << pb) - 1,
            literals: [UNSEEN; LITERAL_CODER << MAX_LC_LP],
            is_match: [UNSEEN; 192],
            is_rep: [UNSEEN; 12],
            is_rep_g0: [UNSEEN; 12],
            is_rep_g1: [UNSEEN; 12],
            is_rep_g2: [UNSEEN; 12],
            is_rep0_long: [UNSEEN; 192],
            slots: [[UNSEEN; 64]; 4],
            special: [UNSEEN; 115],
            align: [UNSEEN; 16],
            lengths: LengthCoder::new(),
            rep_lengths: LengthCoder::new(),
        }
    }

    fn run(mut self, out: &mut [u8]) -> Result<(), Corrupt> {
        let range = &mut self.range;
        let (mut state, mut reps, mut n) = (0usize, [0usize; 4], 0usize);
        while n < out.len() {
            let pos_state = n & self.pb_mask;
            if range.bit(&mut self.is_match[(state << 4) + pos_state]) == 0 {
                let previous = if n > 0 { out[n - 1] } else { 0 };
                let base = LITERAL_CODER
                    * (((n & self.lp_mask) << self.lc) + (usize::from(previous) >> (8 - self.lc)));
                let probabilities = &mut self.literals[base..base + LITERAL_CODER];
                let mut symbol = 1usize;
                if state >= 7 {
                    // After a match, the byte at the match distance steers the first bits.
                    let mut match_byte = usize::from(out[n - reps[0] - 1]);
                    while symbol < 0x100 {
                        let match_bit = (match_byte >> 7) & 1;
                        match_byte <<= 1;
                        let bit = range.bit(&mut probabilities[((1 + match_bit) << 8) + symbol]);
                        symbol = (symbol << 1) | bit as usize;
                        if match_bit != bit as usize {
                            break;
                        }
                    }
                }
                while symbol < 0x100 {
                    symbol = (symbol << 1) | range.bit(&mut probabilities[symbol]) as usize;
                }
                out[n] = (symbol - 0x100) as u8;
                n += 1;
                state = match state {
                    0..=3 => 0,
                    4..=9 => state - 3,
                    _ => state - 6,
                };
                continue;
            }
            let length = if range.bit(&mut self.is_rep[state]) == 1 {
                if range.bit(&mut self.is_rep_g0[state]) == 0 {
                    if range.bit(&mut self.is_rep0_long[(state << 4) + pos_state]) == 0 {
                        // A single byte from the last distance.
                        state = if state < 7 { 9 } else { 11 };
                        out[n] = *out.get(n.wrapping_sub(reps[0] + 1)).ok_or(Corrupt::Data)?;
                        n += 1;
                        continue;
                    }
                } else {
                    let which = if range.bit(&mut self.is_rep_g1[state]) == 0 {
                        1
                    } else if range.bit(&mut self.is_rep_g2[state]) == 0 {
                        2
                    } else {
                        3
                    };
                    reps[..=which].rotate_right(1);
                }
                state = if state < 7 { 8 } else { 11 };
                self.rep_lengths.decode(range, pos_state)
            } else {
                reps.rotate_right(1);
                let length = self.lengths.decode(range, pos_state);
                state = if state < 7 { 7 } else { 10 };
                let slot = range.tree(&mut self.slots[length.min(3) as usize], 6);
                reps[0] = if slot < 4 {
                    slot as usize
                } else {
                    let bits = (slot >> 1) - 1;
                    let base = (2 | (slot & 1)) << bits;
                    let low = if slot < 14 {
                        let from = (base - slot) as usize;
                        range.reverse_tree(&mut self.special[from..], bits)
                    } else {
                        (range.direct(bits - 4) << 4) + range.reverse_tree(&mut self.align, 4)
                    };
                    base as usize + low as usize
                };
                length
            };
            if reps[0] >= n || range.at > range.input.len() {
                return Err(Corrupt::Data);
            }
            let end = (n + length as usize + 2).min(out.len());
            while n < end {
                out[n] = out[n - reps[0] - 1];
                n += 1;
            }
        }
        if range.at > range.input.len() {
            return Err(Corrupt::Data);
        }
        Ok(())
    }
}

/// The module's two entry points. The page copies the packed bytes to where [`input`] says, calls
/// [`unpack`], and reads the unpacked bytes (as many as the header says) from where it says.
#[cfg(target_arch = "wasm32")]
mod wasm {
    use core::arch::wasm32::{memory_grow, memory_size};

    extern "C" {
        /// Where the linker leaves free memory, after the stack and the static data.
        static __heap_base: u8;
    }

    const PAGE: usize = 65_536;

    fn heap() -> usize {
        // Only the symbol's address is taken, never its value.
        core::ptr::addr_of!(__heap_base) as usize
    }

    /// Grows the memory to hold `end` bytes; false if the browser refuses.
    fn reserve(end: usize) -> bool {
        let have = memory_size(0) * PAGE;
        end <= have || memory_grow(0, (end - have).div_ceil(PAGE)) != usize::MAX
    }

    /// Makes room for `packed_len` bytes at the start of the heap and returns where that is, or
    /// zero if there is no room.
    #[no_mangle]
    extern "C" fn input(packed_len: usize) -> usize {
        if reserve(heap() + packed_len) {
            heap()
        } else {
            0
        }
    }

    /// Unpacks the `packed_len` bytes copied to [`input`]'s address, into memory after them.
    /// Returns where the unpacked bytes start, or zero if the stream is corrupt.
    #[no_mangle]
    extern "C" fn unpack(packed_len: usize) -> usize {
        let at = heap() + packed_len;
        // SAFETY: `input` reserved these bytes, and the page copied the stream into them.
        let packed = unsafe { core::slice::from_raw_parts(heap() as *const u8, packed_len) };
        let Some(size) = super::unpacked_size(packed).and_then(|s| usize::try_from(s).ok()) else {
            return 0;
        };
        if !at.checked_add(size).is_some_and(reserve) {
            return 0;
        }
        // SAFETY: just reserved, and apart from the packed bytes.
        let out = unsafe { core::slice::from_raw_parts_mut(at as *mut u8, size) };
        match super::unpack(packed, out) {
            Ok(()) => at,
            Err(_) => 0,
        }
    }

    #[cfg(not(test))]
    #[panic_handler]
    fn panic(_: &core::panic::PanicInfo) -> ! {
        core::arch::wasm32::unreachable()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack(bytes: &[u8], lc: u32) -> Vec<u8> {
        let mut options = lzma_rust2::LzmaOptions::with_preset(9);
        options.lc = lc;
        options.nice_len = lzma_rust2::LzmaOptions::NICE_LEN_MAX;
        options.dict_size = 1 << 20;
        let mut writer =
            lzma_rust2::LzmaWriter::new_use_header(Vec::new(), &options, Some(bytes.len() as u64))
                .expect("an encoder");
        std::io::Write::write_all(&mut writer, bytes).expect("packs");
        writer.finish().expect("packs")
    }

    fn unpacked(packed: &[u8]) -> Result<Vec<u8>, Corrupt> {
        let size = unpacked_size(packed).ok_or(Corrupt::Header)?;
        let mut out = vec![0; usize::try_from(size).expect("fits")];
        unpack(packed, &mut out).map(|()| out)
    }

    /// Text, noise, long runs and repeats near and far: every kind of packet the encoder writes.
    fn samples() -> Vec<Vec<u8>> {
        let mut noise = 0x2545_f491_u32;
        let mut next = move || {
            noise ^= noise << 13;
            noise ^= noise >> 17;
            noise ^= noise << 5;
            noise
        };
        let text = include_str!("lib.rs").as_bytes().repeat(3);
        let random: Vec<u8> = (0..40_000).map(|_| next() as u8).collect();
        let mut mixed = Vec::new();
        for i in 0..3_000u32 {
            match next() % 4 {
                0 => mixed.extend_from_slice(&random[..(next() % 300) as usize]),
                1 => mixed.extend(std::iter::repeat_n((i % 7) as u8, (next() % 400) as usize)),
                2 => mixed.extend_from_slice(&text[(next() % 1000) as usize..][..200]),
                _ => mixed.extend((0..(next() % 50)).map(|_| next() as u8)),
            }
        }
        vec![Vec::new(), b"a".to_vec(), text, random, mixed]
    }

    #[test]
    fn unpacks_what_the_encoder_packed_with_our_settings_and_the_default() {
        for bytes in samples() {
            for lc in [4, 3, 0] {
                let packed = pack(&bytes, lc);
                assert_eq!(unpacked_size(&packed), Some(bytes.len() as u64));
                assert!(
                    unpacked(&packed) == Ok(bytes.clone()),
                    "{} bytes with lc {lc}",
                    bytes.len()
                );
            }
        }
    }

    #[test]
    fn a_broken_stream_is_an_error_not_a_panic() {
        let bytes = samples().swap_remove(4);
        let packed = pack(&bytes, 4);
        assert_eq!(unpacked(&packed[..8]), Err(Corrupt::Header));
        assert_eq!(unpacked(&packed[..packed.len() / 2]), Err(Corrupt::Data));
        let mut too_wide = packed.clone();
        too_wide[0] = 3 * 9 * 5 + 2 * 9 + 3; // lc 3, lp 2
        assert_eq!(unpacked(&too_wide), Err(Corrupt::Header));
        // Flipped bytes decode to other bytes or to an error, never a panic.
        for at in (HEADER + 5..packed.len()).step_by(97) {
            let mut flipped = packed.clone();
            flipped[at] ^= 0x5a;
            assert_ne!(unpacked(&flipped), Ok(bytes.clone()), "a flip at {at}");
        }
    }
}
