/** The exit codes of DESIGN.md: 0 pass, 1 a gate failed / evidence tampered, 2 bad usage, config or data. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const
