// The package entry (`dist/index.js`). The public surface is the explicit barrel in src/index.ts.
export * from './src/index.js'
