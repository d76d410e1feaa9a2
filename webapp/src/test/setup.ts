import '@testing-library/jest-dom/vitest'
import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'
import { useUiStore } from '@/lib/ui'

// jsdom does not implement scrolling; the router restores scroll positions.
window.scrollTo = () => {}

const initialUi = useUiStore.getState()

afterEach(() => {
  cleanup()
  useUiStore.setState(initialUi, true)
  // Expire every cookie a test set (jsdom keeps them per document).
  for (const part of document.cookie.split(';')) {
    const name = part.split('=')[0]?.trim()
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`
  }
})
