/**
 * The exit codes: 0 pass, 1 a gate failed / evidence tampered / findings under `--fail-on`,
 * 2 bad usage, config or data (the user can fix it), 3 an internal error (a bug in vouch or a crash
 * in user code it could not attribute).
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, internal: 3 } as const
