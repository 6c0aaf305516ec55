import type { ClientBase } from 'pg'
import { InvalidArgumentError } from '../../core/errors/invalid-argument-error.js'

/**
 * The tables of a PostgreSQL evidence store, created and migrated by vouch.
 *
 * - `<table>`: one row per record, keyed by `(chain_id, seq)`. `line` is the record exactly as the
 *   JSONL log would hold it (canonical JSON), so the hash check is the file log's, byte for byte.
 *   `jsonb` would reorder keys and reformat numbers; the hash is over the text.
 * - `<table>_chains`: one row per chain (one per writer instance, or the single `global` chain):
 *   its mode, the host and pid that opened it, and the `last_seq` / `last_hash` committed in the
 *   same transaction as the records. A verifier compares the chain's tail with this row, so a cut
 *   tail is visible unless both tables are edited together (signed checkpoints cover that case).
 * - `<table>_checkpoints` (schema 2): signed checkpoints, one row per checkpoint of a chain: the
 *   same signed line as the file log's `<log>.checkpoints.jsonl` (label `<table>/<chain id>`).
 * - `<table>_erasures` (schema 2): one row per retention or erasure pass (time, reason,
 *   criterion, payloads erased), the store's counterpart of `<log>.erasures.jsonl`.
 * - `<table>_meta`: the schema version.
 *
 * The record table is append-only: a trigger refuses UPDATE, DELETE and TRUNCATE unless the
 * session sets `vouch.erasure = 'on'`, which only retention and erasure do (they replace a
 * payload with a tombstone; the chain stays verifiable).
 */

/** Current schema version; each entry of MIGRATIONS moves the store up by one. */
export const SCHEMA_VERSION = 2

const TABLE_NAME = /^[a-z_][a-z0-9_]{0,40}$/

/** Checks a table name (lowercase identifier, at most 41 characters) and returns it. */
export function checkTableName(table: string): string {
  if (typeof table !== 'string' || !TABLE_NAME.test(table)) {
    throw new InvalidArgumentError({
      argument: 'postgresEvidence',
      issues: [{ path: 'table', message: 'must be a lowercase SQL identifier of at most 41 characters ([a-z_][a-z0-9_]*)' }],
    })
  }
  return table
}

/** Quoted identifiers of a store's tables. */
export function tableNames(table: string) {
  checkTableName(table)
  return {
    records: `"${table}"`,
    chains: `"${table}_chains"`,
    meta: `"${table}_meta"`,
    checkpoints: `"${table}_checkpoints"`,
    erasures: `"${table}_erasures"`,
    guard: `"${table}_append_only"`,
  }
}

/** The label a chain's checkpoints sign: `<table>/<chain id>`. A checkpoint of another chain names another id. */
export function checkpointLabel(table: string, chainId: string): string {
  return `${table}/${chainId}`
}

function migrations(table: string): string[][] {
  const t = tableNames(table)
  return [
    [
      `CREATE TABLE ${t.records} (
        chain_id text NOT NULL,
        seq bigint NOT NULL CHECK (seq >= 0),
        instance_id text NOT NULL,
        ts timestamptz NOT NULL,
        hash char(64) NOT NULL,
        prev_hash char(64) NOT NULL,
        line text NOT NULL,
        PRIMARY KEY (chain_id, seq)
      )`,
      `CREATE INDEX "${table}_ts_idx" ON ${t.records} (ts)`,
      `CREATE TABLE ${t.chains} (
        chain_id text PRIMARY KEY,
        mode text NOT NULL CHECK (mode IN ('instance', 'global')),
        created_at timestamptz NOT NULL DEFAULT now(),
        host text,
        pid integer,
        last_seq bigint NOT NULL DEFAULT -1,
        last_hash char(64) NOT NULL,
        updated_at timestamptz
      )`,
      `CREATE FUNCTION ${t.guard}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF coalesce(current_setting('vouch.erasure', true), '') <> 'on' THEN
            RAISE EXCEPTION 'vouch evidence is append-only: % refused on %', TG_OP, TG_TABLE_NAME;
          END IF;
          IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
          RETURN NEW;
        END $$`,
      `CREATE TRIGGER "${table}_no_rewrite" BEFORE UPDATE OR DELETE ON ${t.records} FOR EACH ROW EXECUTE FUNCTION ${t.guard}()`,
      `CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON ${t.records} FOR EACH STATEMENT EXECUTE FUNCTION ${t.guard}()`,
    ],
    [
      `CREATE TABLE ${t.checkpoints} (
        id bigserial PRIMARY KEY,
        chain_id text NOT NULL,
        count bigint NOT NULL CHECK (count >= 0),
        last_hash char(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        line text NOT NULL
      )`,
      `CREATE INDEX "${table}_checkpoints_chain_idx" ON ${t.checkpoints} (chain_id, id)`,
      `CREATE TABLE ${t.erasures} (
        id bigserial PRIMARY KEY,
        time timestamptz NOT NULL,
        reason text NOT NULL,
        criterion text NOT NULL,
        erased bigint NOT NULL,
        records bigint NOT NULL
      )`,
      // Checkpoints are evidence too: nothing rewrites or removes them, erasure included.
      `CREATE FUNCTION "${table}_checkpoints_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'vouch checkpoints are append-only: % refused on %', TG_OP, TG_TABLE_NAME;
        END $$`,
      `CREATE TRIGGER "${table}_checkpoints_no_rewrite" BEFORE UPDATE OR DELETE ON ${t.checkpoints} FOR EACH ROW EXECUTE FUNCTION "${table}_checkpoints_append_only"()`,
      `CREATE TRIGGER "${table}_checkpoints_no_truncate" BEFORE TRUNCATE ON ${t.checkpoints} FOR EACH STATEMENT EXECUTE FUNCTION "${table}_checkpoints_append_only"()`,
    ],
  ]
}

/**
 * Creates or upgrades the store's tables. Serialised across processes by a transaction-scoped
 * advisory lock on the table name, so many instances starting at once migrate once.
 */
export async function migrate(client: ClientBase, table: string): Promise<void> {
  const t = tableNames(table)
  // Fast path (every writer after the first): the store is current, nothing to lock or write.
  const exists = await client.query<{ ok: boolean }>('SELECT to_regclass($1) IS NOT NULL AS ok', [t.meta])
  if (exists.rows[0]?.ok) {
    const found = await client.query<{ value: string }>(`SELECT value FROM ${t.meta} WHERE key = 'schema_version'`)
    if (found.rows[0] && Number(found.rows[0].value) === SCHEMA_VERSION) return
  }
  await client.query('BEGIN')
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`vouch:migrate:${table}`])
    await client.query(`CREATE TABLE IF NOT EXISTS ${t.meta} (key text PRIMARY KEY, value text NOT NULL)`)
    const found = await client.query<{ value: string }>(`SELECT value FROM ${t.meta} WHERE key = 'schema_version'`)
    const current = found.rows[0] ? Number(found.rows[0].value) : 0
    if (current > SCHEMA_VERSION) {
      throw new Error(`${table}: the store's schema version ${current} is newer than this vouch understands (${SCHEMA_VERSION}); upgrade vouch`)
    }
    const steps = migrations(table)
    for (let v = current; v < SCHEMA_VERSION; v++) for (const sql of steps[v]!) await client.query(sql)
    await client.query(
      `INSERT INTO ${t.meta} (key, value) VALUES ('schema_version', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
      [String(SCHEMA_VERSION)],
    )
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}
