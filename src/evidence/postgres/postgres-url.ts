import { InvalidArgumentError } from '../../core/errors/invalid-argument-error.js'
import { checkTableName } from './postgres-schema.js'

export interface PostgresLocation {
  /** The connection string without vouch's own `table` parameter. */
  connectionString: string
  table: string
  /** The URL with any password removed, for messages and reports. */
  display: string
}

/** True for `postgres://…` and `postgresql://…` evidence locations. */
export function isPostgresUrl(value: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(value)
}

/**
 * Parses `postgres://user@host:port/db?table=NAME` (the form `vouch verify|export|report` take).
 * `table` defaults to `vouch_evidence`; other query parameters (sslmode…) pass through to pg.
 */
export function parsePostgresUrl(value: string): PostgresLocation {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InvalidArgumentError({ argument: 'evidence location', issues: [{ path: 'url', message: 'is not a valid postgres:// URL' }] })
  }
  if (!isPostgresUrl(value)) {
    throw new InvalidArgumentError({ argument: 'evidence location', issues: [{ path: 'url', message: 'must start with postgres:// or postgresql://' }] })
  }
  const table = checkTableName(url.searchParams.get('table') ?? 'vouch_evidence')
  url.searchParams.delete('table')
  const connectionString = url.toString()
  const shown = new URL(connectionString)
  if (shown.password) shown.password = '***'
  shown.searchParams.set('table', table)
  return { connectionString, table, display: shown.toString() }
}
