import { test as base, expect } from '@playwright/test'

// Global setup (which runs before the workers start) passes the server's
// address, or the reason to skip, through the environment.
export const test = base.extend<{ failOnPageErrors: void }>({
  // Playwright requires an object pattern as a fixture's first parameter.
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => {
    await use(process.env.BAZAAR_E2E_URL)
  },
  // Every test also fails on an uncaught error in the page.
  failOnPageErrors: [
    async ({ page }, use) => {
      const errors: string[] = []
      page.on('pageerror', (error) => errors.push(error.message))
      await use()
      expect(errors, 'uncaught errors in the page').toEqual([])
    },
    { auto: true },
  ],
})

/**
 * Skips the calling spec file when global setup found no Chromium (outside CI).
 * Call it at the top of every spec file: a file-level skip launches no browser.
 */
export function skipIfNoBrowser() {
  const reason = process.env.BAZAAR_E2E_SKIP
  test.skip(Boolean(reason), reason)
}

export { expect }
