// Decodes an LZMA stream with a 13-byte header (properties, dictionary size, unpacked size): the
// format `pack::lzma` writes. It follows the reference decoder of the LZMA specification; the whole
// output is the window, as the unpacked size is known.
const lzma = (input) => {
  const properties = input[0];
  const lc = properties % 9, lp = ((properties / 9) | 0) % 5, pb = (properties / 45) | 0;
  let size = 0;
  for (let i = 12; i >= 5; i--) size = size * 256 + input[i];
  const out = new Uint8Array(size);
  // The range decoder: byte 13 is always 0, the code starts at 14.
  let at = 14, range = 0xffffffff, code = 0;
  for (let i = 0; i < 4; i++) code = ((code << 8) | input[at++]) >>> 0;
  const normalize = () => {
    if (range < 0x1000000) { range = (range * 256) >>> 0; code = ((code << 8) | input[at++]) >>> 0; }
  };
  const bit = (probabilities, i) => {
    const bound = (range >>> 11) * probabilities[i];
    let value = 0;
    if (code < bound) { range = bound; probabilities[i] += (2048 - probabilities[i]) >> 5; }
    else { range -= bound; code -= bound; probabilities[i] -= probabilities[i] >> 5; value = 1; }
    normalize();
    return value;
  };
  const direct = (count) => {
    let value = 0;
    for (let i = 0; i < count; i++) {
      range >>>= 1;
      const one = code >= range;
      if (one) code -= range;
      value = value * 2 + one;
      normalize();
    }
    return value;
  };
  const tree = (probabilities, base, bits) => {
    let m = 1;
    for (let i = 0; i < bits; i++) m = (m << 1) | bit(probabilities, base + m);
    return m - (1 << bits);
  };
  const reverseTree = (probabilities, base, bits) => {
    let m = 1, value = 0;
    for (let i = 0; i < bits; i++) {
      const b = bit(probabilities, base + m);
      m = (m << 1) | b;
      value |= b << i;
    }
    return value;
  };
  const table = (count) => new Uint16Array(count).fill(1024);
  const lengthCoder = () => ({ choice: table(2), low: table(128), mid: table(128), high: table(256) });
  const length = (coder, posState) => {
    if (!bit(coder.choice, 0)) return tree(coder.low, posState << 3, 3);
    if (!bit(coder.choice, 1)) return 8 + tree(coder.mid, posState << 3, 3);
    return 16 + tree(coder.high, 0, 8);
  };
  const literals = table(0x300 << (lc + lp));
  const isMatch = table(192), isRep = table(12), isRepG0 = table(12);
  const isRepG1 = table(12), isRepG2 = table(12), isRep0Long = table(192);
  const slots = table(256), special = table(115), align = table(16);
  const lengths = lengthCoder(), repLengths = lengthCoder();
  const pbMask = (1 << pb) - 1, lpMask = (1 << lp) - 1;
  let state = 0, rep0 = 0, rep1 = 0, rep2 = 0, rep3 = 0, n = 0;
  while (n < size) {
    const posState = n & pbMask;
    if (!bit(isMatch, (state << 4) + posState)) {
      const previous = n > 0 ? out[n - 1] : 0;
      const base = 0x300 * (((n & lpMask) << lc) + (previous >> (8 - lc)));
      let symbol = 1;
      if (state >= 7) {
        let matchByte = out[n - rep0 - 1];
        while (symbol < 0x100) {
          const matchBit = (matchByte >> 7) & 1;
          matchByte <<= 1;
          const b = bit(literals, base + ((1 + matchBit) << 8) + symbol);
          symbol = (symbol << 1) | b;
          if (matchBit !== b) break;
        }
      }
      while (symbol < 0x100) symbol = (symbol << 1) | bit(literals, base + symbol);
      out[n++] = symbol - 0x100;
      state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
      continue;
    }
    let len;
    if (bit(isRep, state)) {
      if (!bit(isRepG0, state)) {
        if (!bit(isRep0Long, (state << 4) + posState)) {
          state = state < 7 ? 9 : 11;
          out[n] = out[n - rep0 - 1];
          n++;
          continue;
        }
      } else {
        let distance;
        if (!bit(isRepG1, state)) distance = rep1;
        else {
          if (!bit(isRepG2, state)) distance = rep2;
          else { distance = rep3; rep3 = rep2; }
          rep2 = rep1;
        }
        rep1 = rep0;
        rep0 = distance;
      }
      len = length(repLengths, posState);
      state = state < 7 ? 8 : 11;
    } else {
      rep3 = rep2; rep2 = rep1; rep1 = rep0;
      len = length(lengths, posState);
      state = state < 7 ? 7 : 10;
      const slot = tree(slots, (len < 4 ? len : 3) << 6, 6);
      if (slot < 4) rep0 = slot;
      else {
        const bits = (slot >> 1) - 1;
        rep0 = (2 | (slot & 1)) * 2 ** bits;
        if (slot < 14) rep0 += reverseTree(special, rep0 - slot, bits);
        else rep0 += direct(bits - 4) * 16 + reverseTree(align, 0, 4);
      }
      if (rep0 >= n) throw new Error('corrupt LZMA data');
    }
    for (let from = n - rep0 - 1, end = Math.min(n + len + 2, size); n < end;) out[n++] = out[from++];
  }
  return out;
};
