import { describe, expect, it } from 'vitest'
import { seededRandom } from '../../test/fixtures/secrets/expand-fixture.js'
import { anchorIndex } from './anchor-index.js'
import { group, regexDetector } from './regex-detector.js'

const rand = seededRandom(4242)
const PIECES = ['api', 'API_KEY', 'Token', 'secret', 'ghp_', 'GHP_', 'sk', 'SK', 'R_', 'x', ' ', '=', ':', '\n', 'é', 'İ', 'ſ', 'K', '🙂', 'ap', 'tok', 'secre', '"']
const randomText = (n: number) => Array.from({ length: n }, () => PIECES[Math.floor(rand() * PIECES.length)]).join('')

describe('anchorIndex', () => {
  const sets = [
    { words: ['api', 'token', 'secret', 'key'], ignoreCase: true },
    { words: ['ghp_', 'SK', 'R_'], ignoreCase: false },
  ]
  const index = anchorIndex(sets)

  it('reports every position where a word of a set starts (a superset: the detector regex decides)', () => {
    for (let round = 0; round < 200; round++) {
      const text = randomText(80)
      const positions = index(text)
      sets.forEach(({ words, ignoreCase }, s) => {
        const found = new Set(positions[s])
        for (let i = 0; i < text.length; i++) {
          for (const w of words) {
            const piece = text.slice(i, i + w.length)
            // a non-`u` /i regex folds ASCII letters only (no `ſ` → `s`, no Kelvin sign → `k`)
            const hit = ignoreCase ? new RegExp(`^${w}`, 'i').test(piece) : piece === w
            if (hit) expect(found.has(i), `${JSON.stringify(text)} @${i} ${w}`).toBe(true)
          }
        }
      })
    }
  })

  it('gives a regex detector the same hits as its global walk', () => {
    const pattern = /(?:api[_-]?key|token|secret)["']?\s{0,3}[:=]\s{0,3}([A-Za-z0-9_]{4,40})/dgi
    const confirm = (m: RegExpExecArray) => {
      const v = group(m, 1)
      return v && v.value.length % 3 !== 0 ? { start: v.start, end: v.end, score: 0.7 } : undefined
    }
    const anchored = regexDetector('a', 'A', pattern, confirm, (text) => anchorIndex([{ words: ['api', 'token', 'secret'], ignoreCase: true }])(text)[0]!)
    const walked = regexDetector('a', 'A', pattern, confirm)
    for (let round = 0; round < 300; round++) {
      const text = randomText(60).replace(/ /g, () => (rand() < 0.3 ? `=${Math.floor(rand() * 1e9).toString(36)} ` : ' '))
      expect([...anchored.scan(text)], text).toEqual([...walked.scan(text)])
    }
  })

  it('rejects anchors it cannot index', () => {
    expect(() => anchorIndex([{ words: ['a'], ignoreCase: true }])).toThrow(RangeError)
    expect(() => anchorIndex([{ words: ['éa'], ignoreCase: true }])).toThrow(RangeError)
  })
})
