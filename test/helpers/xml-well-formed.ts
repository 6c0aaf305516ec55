/**
 * A strict well-formedness check for the XML we generate (inline SVG): every tag closed and
 * nested, attribute values quoted, names valid, no raw `<` or `&` in text, only the five XML
 * entities or numeric references. Returns the problems found (empty when well-formed).
 */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = []
  const stack: string[] = []
  const name = /^[A-Za-z_][A-Za-z0-9_.:-]*$/
  const entity = /&(?:amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9A-Fa-f]{1,6});/y
  let i = 0
  const text = (from: number, to: number) => {
    for (let j = from; j < to; j++) {
      if (xml[j] === '&') {
        entity.lastIndex = j
        if (!entity.test(xml)) problems.push(`bad entity at ${j}: ${xml.slice(j, j + 12)}`)
      }
      if (xml[j] === '>') continue
    }
  }
  while (i < xml.length) {
    const lt = xml.indexOf('<', i)
    if (lt === -1) {
      text(i, xml.length)
      break
    }
    text(i, lt)
    const gt = xml.indexOf('>', lt)
    if (gt === -1) {
      problems.push(`unclosed tag at ${lt}`)
      break
    }
    const tag = xml.slice(lt + 1, gt)
    if (tag.includes('<')) problems.push(`raw < inside a tag at ${lt}`)
    if (tag.startsWith('/')) {
      const n = tag.slice(1).trim()
      const open = stack.pop()
      if (open !== n) problems.push(`</${n}> closes <${open ?? 'nothing'}> at ${lt}`)
    } else {
      const selfClosing = tag.endsWith('/')
      const body = selfClosing ? tag.slice(0, -1) : tag
      const m = /^([^\s]+)([\s\S]*)$/.exec(body)
      if (!m || !name.test(m[1]!)) problems.push(`bad tag name at ${lt}: ${body.slice(0, 20)}`)
      else {
        let rest = m[2]!.trim()
        const seen = new Set<string>()
        while (rest.length) {
          const a = /^([A-Za-z_:][A-Za-z0-9_.:-]*)="([^"<]*)"\s*/.exec(rest)
          if (!a) {
            problems.push(`bad attribute in <${m[1]}> at ${lt}: ${rest.slice(0, 30)}`)
            break
          }
          if (seen.has(a[1]!)) problems.push(`duplicate attribute ${a[1]} at ${lt}`)
          seen.add(a[1]!)
          const v = a[2]!
          for (let j = v.indexOf('&'); j !== -1; j = v.indexOf('&', j + 1)) {
            if (!/^&(?:amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9A-Fa-f]{1,6});/.test(v.slice(j))) problems.push(`bad entity in attribute ${a[1]} at ${lt}`)
          }
          rest = rest.slice(a[0].length)
        }
        if (!selfClosing) stack.push(m[1]!)
      }
    }
    i = gt + 1
  }
  if (stack.length) problems.push(`unclosed elements: ${stack.join(' > ')}`)
  return problems
}

/** Every `<svg …>…</svg>` element of an HTML page (inline SVG does not nest in our pages). */
export function svgElements(html: string): string[] {
  return [...html.matchAll(/<svg\b[\s\S]*?<\/svg>/g)].map((m) => m[0])
}
