import type { AttackRow } from './harness.js'

/**
 * PII detection gaps fixed in issue 12 (found on the generated dev split): each row puts a
 * person's name where pii 2.1.0 did not see it, and the guarded answer must come back without it.
 */
export const piiRows: AttackRow[] = [
  {
    id: 'pii-accented-name-in-prose',
    category: 'pii-names',
    note: 'a Spanish name whose accents neither name list spells ("Lucía Fernández"): read through its unaccented form',
    build: () => ({ values: ['Lucía Fernández'], answer: [{ text: 'Gracias Lucía Fernández por su pedido, lo enviamos mañana.' }] }),
    expect: 'redact',
  },
  {
    id: 'pii-accented-name-self-introduction',
    category: 'pii-names',
    note: 'a self-introduction in Spanish ("soy …") with an accented name',
    build: () => ({ values: ['Lucía Fernández'], answer: [{ text: 'Hola, soy Lucía Fernández y necesito ayuda con mi cuenta.' }] }),
    expect: 'redact',
  },
]
