/**
 * Live-looking values built at test time (never written in the catalogue as literals), from a
 * seeded generator so a failure can be replayed: `VOUCH_ATTACK_SEED=<n> npx vitest run test/attacks`.
 */
export interface Payloads {
  /** A Luhn-valid 16-digit card number in 4-digit groups. */
  card(): string
  /** A US SSN in a valid range, `AAA-GG-SSSS`. */
  ssn(): string
  email(): string
  /** A NANP phone number `+1 AAA 555 01XX` (fictional exchange, valid format). */
  phone(): string
  /** A German IBAN with a correct check number, in 4-character groups. */
  iban(): string
}

export function payloads(seed: number): Payloads {
  let state = seed >>> 0 || 1
  const next = () => {
    // xorshift32: deterministic, no dependency
    state ^= state << 13
    state >>>= 0
    state ^= state >>> 17
    state ^= state << 5
    state >>>= 0
    return state
  }
  const digit = () => next() % 10
  const digits = (n: number) => Array.from({ length: n }, digit).join('')
  const pick = <T>(xs: readonly T[]): T => xs[next() % xs.length] as T
  const group = (s: string, n: number) => s.match(new RegExp(`.{1,${n}}`, 'g'))!.join(' ')
  return {
    card() {
      const body = pick(['4', '51', '52', '53', '55']) + digits(20)
      const partial = body.slice(0, 15)
      return group(partial + luhnDigit(partial), 4)
    },
    ssn() {
      const area = 100 + (next() % 565) // 100..664: avoids 000, 666 and 9xx
      return `${area}-${String(10 + (next() % 89)).padStart(2, '0')}-${String(1000 + (next() % 8999)).padStart(4, '0')}`
    },
    email() {
      const first = pick(['john', 'maria', 'li', 'ahmed', 'olga', 'kofi', 'sven', 'ana'])
      const last = pick(['doe', 'silva', 'wang', 'khan', 'ivanova', 'mensah', 'berg', 'lopez'])
      return `${first}.${last}${next() % 100}@${pick(['example.com', 'mail.example.org', 'corp.example.net'])}`
    },
    phone() {
      return `+1 ${pick(['212', '415', '312', '617', '206'])} 555 01${digits(2)}`
    },
    iban() {
      const bban = digits(18)
      return group(`DE${ibanCheck('DE', bban)}${bban}`, 4)
    },
  }
}

function luhnDigit(partial: string): string {
  let sum = 0
  for (let i = 0; i < partial.length; i++) {
    let d = Number(partial[partial.length - 1 - i])
    if (i % 2 === 0) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return String((10 - (sum % 10)) % 10)
}

function ibanCheck(country: string, bban: string): string {
  const numeric = `${bban}${country}00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55))
  let rem = 0
  for (const ch of numeric) rem = (rem * 10 + Number(ch)) % 97
  return String(98 - rem).padStart(2, '0')
}
