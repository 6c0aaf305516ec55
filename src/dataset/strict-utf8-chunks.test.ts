import { describe, expect, it } from 'vitest'
import { strictUtf8Chunks } from './strict-utf8-chunks.js'

async function run(chunks: (Buffer | string)[]): Promise<{ text: string; bad?: number }> {
  let bad: number | undefined
  let text = ''
  for await (const chunk of strictUtf8Chunks(
    (async function* () {
      yield* chunks
    })(),
    (line) => (bad = line),
  )) {
    // every yielded chunk must decode on its own: no character is ever split between two chunks
    text += typeof chunk === 'string' ? chunk : new TextDecoder('utf-8', { fatal: true }).decode(chunk)
  }
  return { text, ...(bad !== undefined ? { bad } : {}) }
}

describe('strictUtf8Chunks', () => {
  it('passes valid text through in whole lines, so a character split across chunks is never split on output', async () => {
    const bytes = Buffer.from('héllo\nwörld €𝄞\n', 'utf8')
    // cut inside every multi-byte character
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(await run([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual({ text: 'héllo\nwörld €𝄞\n' })
    }
    expect(await run([...bytes].map((b) => Buffer.from([b])))).toEqual({ text: 'héllo\nwörld €𝄞\n' })
  })

  it('delivers the lines before a bad byte, then names its line', async () => {
    const bad = Buffer.concat([Buffer.from('a\nb\nc'), Buffer.from([0xc3, 0x28]), Buffer.from('\nd\n')])
    expect(await run([bad])).toEqual({ text: 'a\nb\n', bad: 3 })
    // the same across chunks: the line count carries over
    expect(await run([Buffer.from('a\n'), Buffer.from('b\n'), bad.subarray(4)])).toEqual({ text: 'a\nb\n', bad: 3 })
  })

  it('flags overlong encodings, surrogates, stray continuation bytes and a character cut off at the end', async () => {
    for (const seq of [[0xc0, 0xaf], [0xed, 0xa0, 0x80], [0x80], [0xff], [0xf4, 0x90, 0x80, 0x80]]) {
      expect((await run([Buffer.from('ok\n'), Buffer.from(seq)])).bad).toBe(2)
    }
    // no part of the bad line is passed on, even the part that came in an earlier chunk
    expect(await run([Buffer.from('ok\nx'), Buffer.from([0xe2, 0x82])])).toEqual({ text: 'ok\n', bad: 2 })
    expect(await run([Buffer.from('ok\nb,'), Buffer.from('c'), Buffer.from([0xc3, 0x28, 0x0a]), Buffer.from('d\n')])).toEqual({ text: 'ok\n', bad: 2 })
    // a last line without a newline is still delivered when it is valid
    expect(await run([Buffer.from('ok\nlast')])).toEqual({ text: 'ok\nlast' })
  })

  it('stays linear on a long hostile stream (megabytes of lead bytes and continuations)', async () => {
    const hostile = Buffer.alloc(4 << 20, 0x80)
    expect((await run([Buffer.from('x\n'.repeat(10)), hostile])).bad).toBe(11)
    // one 4 MB line in odd-sized parts: held in parts and joined once
    const pairs = Buffer.from('é'.repeat(2 << 20), 'utf8')
    const chunks: Buffer[] = []
    for (let i = 0; i < pairs.length; i += 65_537) chunks.push(pairs.subarray(i, i + 65_537)) // odd size: cuts characters
    expect((await run(chunks)).text.length).toBe(2 << 20)
  })
})
