import { randomBytes } from 'node:crypto'
import pg from 'pg'

/**
 * The PostgreSQL every machine of this project runs (127.0.0.1:5432, trust auth, database `test`).
 * `VOUCH_TEST_PG_URL` overrides it. Each test uses its own tables, dropped afterwards.
 */
export const PG_URL = process.env.VOUCH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

export function uniqueTable(prefix = 'vouch_t'): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`
}

export async function withClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/** Drops a store's tables and trigger function. */
export async function dropStore(table: string): Promise<void> {
  await withClient(async (c) => {
    await c.query(`DROP TABLE IF EXISTS "${table}", "${table}_chains", "${table}_meta", "${table}_checkpoints", "${table}_erasures" CASCADE`)
    await c.query(`DROP FUNCTION IF EXISTS "${table}_append_only"() CASCADE`)
    await c.query(`DROP FUNCTION IF EXISTS "${table}_checkpoints_append_only"() CASCADE`)
  })
}

/** Runs SQL with the append-only guard lifted for this transaction (what an attacker with DB rights can do). */
export async function tamper(sql: string, params: unknown[] = []): Promise<void> {
  await withClient(async (c) => {
    await c.query('BEGIN')
    await c.query("SET LOCAL vouch.erasure = 'on'")
    await c.query(sql, params)
    await c.query('COMMIT')
  })
}
