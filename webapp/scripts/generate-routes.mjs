// Regenerates src/routeTree.gen.ts from src/routes/ without starting Vite, so
// `tsc` can type-check a tree that matches the route files. It uses the same
// @tanstack/router-generator version as @tanstack/router-plugin and the same
// options (tsr.config.json), so its output is identical to the plugin's.
import { fileURLToPath } from 'node:url'
import { Generator, getConfig } from '@tanstack/router-generator'

const root = fileURLToPath(new URL('..', import.meta.url))
const config = getConfig({ disableLogging: true }, root)
await new Generator({ config, root }).run()
