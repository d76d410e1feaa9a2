import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { tanstackRouter } from '@tanstack/router-plugin/vite'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

// The Go backend the dev server proxies to (`go tool task run` listens on :8080).
const apiTarget = process.env.BAZAAR_API ?? 'http://127.0.0.1:8080'
const backendPaths = ['/api', '/healthz', '/readyz', '/metrics']

// The Go binary embeds webapp/dist with `//go:embed all:dist`, which fails on an
// empty folder. Vite empties dist/ on every build, so put the placeholder back.
function keepDistPlaceholder(): Plugin {
  let outDir = ''
  return {
    name: 'bazaar:keep-dist-placeholder',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir.startsWith('/')
        ? config.build.outDir
        : `${config.root}/${config.build.outDir}`
    },
    closeBundle() {
      writeFileSync(`${outDir}/.gitkeep`, '')
    },
  }
}

export default defineConfig({
  plugins: [
    // Must come before react(): it generates src/routeTree.gen.ts and splits
    // each route's component into its own lazily loaded chunk.
    tanstackRouter({ target: 'react', autoCodeSplitting: true }),
    react(),
    keepDistPlaceholder(),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: Object.fromEntries(backendPaths.map((path) => [path, { target: apiTarget }])),
  },
  preview: {
    port: 4173,
    proxy: Object.fromEntries(backendPaths.map((path) => [path, { target: apiTarget }])),
  },
  build: {
    outDir: 'dist',
    // Hashed file names under dist/assets/: the Go server may cache them forever.
    assetsDir: 'assets',
    emptyOutDir: true,
    target: 'es2022',
  },
})
