/**
 * The matches of a global regex in `text`, like `text.matchAll(re)` without its per-call cost:
 * `matchAll` clones the regex (a RegExp construction, about a microsecond), which on short texts
 * was most of the detector's fixed cost. Walks `re.lastIndex` from 0; not reentrant for the same
 * regex (no recognizer nests a scan of one regex inside another scan of it).
 */
export function* matchesOf(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) re.lastIndex++
    yield m
  }
}
