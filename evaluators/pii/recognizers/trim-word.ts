/** A capitalised word as a name: "Smith's" -> "Smith", "Jean-" -> "Jean" (a trailing `'s`, then trailing hyphens and apostrophes, dropped). */
export function trimWord(raw: string): string {
  let end = raw.length
  if (end >= 2 && (raw.charCodeAt(end - 2) === 39 || raw.charCodeAt(end - 2) === 0x2019) && raw.charCodeAt(end - 1) === 115) end -= 2
  while (end > 0) {
    const c = raw.charCodeAt(end - 1)
    if (c !== 39 && c !== 0x2019 && c !== 45) break
    end--
  }
  return end === raw.length ? raw : raw.slice(0, end)
}
