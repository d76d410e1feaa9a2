import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react'

/**
 * For forms that keep their own state (rows, nested lists) instead of
 * `useForm`: after each failed submit (`failed()`), focus moves to the form's
 * first invalid control, or its alert, so keyboard and screen-reader users
 * land on the problem, in the commit that shows it (a layout effect).
 */
export function useFocusOnFailure<T extends HTMLElement = HTMLFormElement>(): {
  ref: RefObject<T>
  failed: () => void
} {
  const ref = useRef<T>(null)
  const [failures, setFailures] = useState(0)
  useLayoutEffect(() => {
    if (failures === 0) return
    const root = ref.current
    const target =
      root?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? root?.querySelector<HTMLElement>('[role="alert"]')
    target?.focus()
  }, [failures])
  const failed = useCallback(() => setFailures((n) => n + 1), [])
  return { ref, failed }
}
