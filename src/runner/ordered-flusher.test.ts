import { describe, expect, it } from 'vitest'
import { OrderedFlusher } from './ordered-flusher.js'

describe('OrderedFlusher', () => {
  it('releases in position order whatever the completion order, skipping holes marked undefined', async () => {
    const out: string[] = []
    const flusher = new OrderedFlusher<string>(async (s) => { out.push(s) }, 10)
    void flusher.add(2, 'c')
    void flusher.add(0, 'a')
    void flusher.add(3, undefined)
    void flusher.add(4, 'e')
    await flusher.idle()
    expect(out).toEqual(['a'])
    void flusher.add(1, 'b')
    await flusher.idle()
    expect(out).toEqual(['a', 'b', 'c', 'e'])
    expect(flusher.released).toBe(5)
  })

  it('holds dispatch back until the window has room', async () => {
    const flusher = new OrderedFlusher<number>(async () => {}, 2)
    await flusher.slot(0)
    await flusher.slot(1)
    let third = false
    const waiting = flusher.slot(2).then(() => { third = true })
    await new Promise((r) => setTimeout(r, 5))
    expect(third).toBe(false)
    await flusher.add(0, 0)
    await waiting
    expect(third).toBe(true)
  })

  it('surfaces a failed flush', async () => {
    const flusher = new OrderedFlusher<number>(async () => { throw new Error('disk full') }, 4)
    await expect(flusher.add(0, 1)).rejects.toThrow('disk full')
  })
})
