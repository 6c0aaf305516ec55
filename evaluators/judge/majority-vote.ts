import type { JudgeVerdict } from './judge-verdict-schema.js'

export interface VoteOutcome {
  verdict: JudgeVerdict['verdict']
  /** Mean score of the calls that gave the winning verdict. */
  score: number
  /** Reason and quote of the first call that gave the winning verdict (unredacted: redact before storing). */
  reason: string
  quote: string
  /** Share of calls that gave the winning verdict, in (0, 1]. 1 with a single call. */
  agreement: number
  /** Every call's verdict and score, in call order. */
  votes: { verdict: JudgeVerdict['verdict']; score: number }[]
}

/** Stricter first: a tie between pass and fail is a fail. */
const STRICTNESS: JudgeVerdict['verdict'][] = ['fail', 'pass', 'not_applicable']

/** The majority verdict of k judge answers; ties resolve to the stricter verdict (fail > pass > not_applicable). */
export function majorityVote(answers: readonly JudgeVerdict[]): VoteOutcome {
  if (answers.length === 0) throw new RangeError('majorityVote: no answers')
  const counts = new Map<JudgeVerdict['verdict'], number>()
  for (const a of answers) counts.set(a.verdict, (counts.get(a.verdict) ?? 0) + 1)
  let winner = STRICTNESS[0]!
  let best = -1
  for (const verdict of STRICTNESS) {
    const n = counts.get(verdict) ?? 0
    if (n > best) {
      best = n
      winner = verdict
    }
  }
  const agreeing = answers.filter((a) => a.verdict === winner)
  const first = agreeing[0]!
  return {
    verdict: winner,
    score: agreeing.reduce((sum, a) => sum + a.score, 0) / agreeing.length,
    reason: first.reason,
    quote: first.quote,
    agreement: best / answers.length,
    votes: answers.map((a) => ({ verdict: a.verdict, score: a.score })),
  }
}
