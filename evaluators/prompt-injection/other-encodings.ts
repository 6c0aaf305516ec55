/**
 * Encodings besides base64 and hex that `detectInjection` decodes and rescans: percent-encoding,
 * 8-bit binary groups, RFC 4648 base32, and text written backwards. Each regex is bounded and
 * matches one way, so it is linear on any input.
 */
/** Reversed key words (ignore, instructions, previous, prompt, system, reveal, repeat, disregard, forget): read the text backwards only when one is there. */
export const REVERSED_KEYWORDS = /erongi|snoitcurtsni|suoiverp|tpmorp|metsys|laever|taeper|dragersid|tegrof/i
/** Percent-encoding: a run with at least four `%XX` escapes (one way to match: `%` is not in the plain class). */
const PERCENT_RUN = /(?:[A-Za-z0-9._~!$&'*+,;=:@/?#-]|%[0-9A-Fa-f]{2}){16,8192}/g
/** 8-bit groups of binary digits, at least eight of them. */
const BINARY_RUN = /\b(?:[01]{8}[ ,]?){8,4096}/g
const BINARY_GATE = /[01]{8}[ ,]?[01]{8}/
/** RFC 4648 base32 (upper case), at least 16 characters. */
const BASE32_RUN = /\b[A-Z2-7]{16,8192}={0,6}/g
const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** Each: the run, its name, its decoder (undefined: not this encoding after all), and a cheap test that the text may hold one. */
export const OTHER_ENCODINGS: readonly [RegExp, string, (run: string) => string | undefined, (text: string) => boolean][] = [
  [PERCENT_RUN, 'percent', (run) => {
    let escapes = 0
    for (let i = run.indexOf('%'); i >= 0 && escapes < 4; i = run.indexOf('%', i + 1)) escapes++
    if (escapes < 4) return undefined
    try {
      return decodeURIComponent(run.replace(/\+/g, ' '))
    } catch {
      return undefined
    }
  }, (text) => text.includes('%')],
  [BINARY_RUN, 'binary', (run) => {
    const bits = run.replace(/[ ,]/g, '')
    const bytes = Buffer.alloc(bits.length >> 3)
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(bits.slice(i * 8, i * 8 + 8), 2)
    return bytes.toString('utf8')
  }, (text) => BINARY_GATE.test(text)],
  [BASE32_RUN, 'base32', (run) => {
    const body = run.replace(/=+$/, '')
    // a base32 text has digits 2-7 among its letters; an upper-case word or ID does not decode to text anyway
    if (!/[2-7]/.test(body) && body.length < 24) return undefined
    const bytes = Buffer.alloc(Math.floor((body.length * 5) / 8))
    let acc = 0
    let n = 0
    let o = 0
    for (const ch of body) {
      acc = ((acc << 5) | BASE32_ALPHABET.indexOf(ch)) & 0xfff
      n += 5
      if (n >= 8) {
        n -= 8
        bytes[o++] = (acc >> n) & 0xff
      }
    }
    return bytes.toString('utf8')
  }, () => true],
]
