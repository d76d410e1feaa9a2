import { fileURLToPath } from 'node:url'
import { tanstackRouter } from '@tanstack/router-plugin/vite'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  // No code splitting in tests: route components are imported directly.
  plugins: [tanstackRouter({ target: 'react', autoCodeSplitting: false }), react()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/test/setup.ts'],
    restoreMocks: true,
    unstubGlobals: true,
    // Typing with user-event is slow on a busy 2-core CI machine; 5 s was seen to time out.
    testTimeout: 20_000,
  },
})
