// Loads one TypeScript bench file through jiti (the same loader vouch uses for vouch.config.ts).
import { resolve } from 'node:path'
import { createJiti } from 'jiti'

const jiti = createJiti(import.meta.url)
await jiti.import(resolve(process.argv[2]))
