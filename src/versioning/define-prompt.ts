import { z } from 'zod'
import { sha256 } from '../core/hash.js'
import { parseOptions } from '../core/parse-options.js'
import type { VersionRef } from '../core/types.js'

const promptSchema = z.object({
  id: z.string().min(1).regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'use letters, digits, ".", "_", "/" or "-"'),
  version: z.string().min(1),
  template: z.string(),
})

/** A versioned prompt template. Its `sha256` covers the template, so an edit without a version bump shows. */
export interface Prompt extends VersionRef {
  template: string
  /** Fill `{{name}}` placeholders; a placeholder without a value is an error, never an empty string. */
  render(variables?: Record<string, unknown>): string
}

const placeholder = /\{\{\s*([A-Za-z_][A-Za-z0-9_.]{0,63})\s*\}\}/g

export function definePrompt(options: { id: string; version: string; template: string }): Prompt {
  const { id, version, template } = parseOptions(promptSchema, options, 'definePrompt')
  const ref = { id, version, sha256: sha256(template) }
  return {
    ...ref,
    template,
    render(variables = {}) {
      return template.replace(placeholder, (_, name: string) => {
        const value = name.split('.').reduce<unknown>((v, k) => (v == null ? undefined : (v as Record<string, unknown>)[k]), variables)
        if (value === undefined) throw new RangeError(`prompt ${id}@${version}: no value for {{${name}}}`)
        return typeof value === 'string' ? value : JSON.stringify(value)
      })
    },
    toJSON: () => ref,
  } as Prompt
}

/** The `{ id, version, sha256 }` of anything that carries one (a Prompt, a Rubric ref). */
export function toVersionRef(ref: VersionRef): VersionRef {
  return { id: ref.id, version: ref.version, sha256: ref.sha256 }
}
