import { useMutationState } from '@tanstack/react-query'
import { useMemo } from 'react'
import { cartMutationKey } from './cache'
import { lineErrorMessage } from './messages'

interface LineMutation {
  action: unknown
  lineId: string | undefined
  status: string
  error: unknown
  submittedAt: number
}

function lineIdOf(variables: unknown): string | undefined {
  if (typeof variables !== 'object' || variables === null || !('id' in variables)) return undefined
  return typeof variables.id === 'string' ? variables.id : undefined
}

/**
 * Line ID -> why the latest change of that line failed. Read from the
 * mutation cache, so the message survives the line's rollback (a removed line
 * comes back as a new component) and shows in the drawer and on the page alike.
 * A later change of the same line clears it.
 */
export function useLineErrors(): Map<string, string> {
  const mutations = useMutationState<LineMutation>({
    filters: { mutationKey: cartMutationKey },
    select: (mutation) => ({
      action: mutation.options.mutationKey?.[2],
      lineId: lineIdOf(mutation.state.variables),
      status: mutation.state.status,
      error: mutation.state.error,
      submittedAt: mutation.state.submittedAt,
    }),
  })
  return useMemo(() => {
    const latest = new Map<string, LineMutation>()
    for (const m of mutations) {
      if (!m.lineId || (m.action !== 'update' && m.action !== 'remove')) continue
      const previous = latest.get(m.lineId)
      if (!previous || m.submittedAt >= previous.submittedAt) latest.set(m.lineId, m)
    }
    const errors = new Map<string, string>()
    for (const [id, m] of latest) {
      if (m.status === 'error') errors.set(id, lineErrorMessage(m.error, m.action === 'remove' ? 'remove' : 'update'))
    }
    return errors
  }, [mutations])
}
