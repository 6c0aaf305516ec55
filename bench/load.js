// Loads one TypeScript bench file through jiti (the same loader vouch uses for vouch.config.ts).
import { createJiti } from 'jiti'

const jiti = createJiti(import.meta.url)
await jiti.import(process.argv[2])
