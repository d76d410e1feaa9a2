import { createFileRoute, useNavigate } from '@tanstack/react-router'
import { ImportPage } from '@/features/catalog-admin/components/ImportPage'
import { oneString } from '@/lib/searchParams'

// /admin/import?job=<id>: the job's progress survives a reload.
export const Route = createFileRoute('/admin/import')({
  validateSearch: (search: Record<string, unknown>): { job?: string } => ({
    job: oneString(search.job)?.trim() || undefined,
  }),
  component: ImportRoute,
})

function ImportRoute() {
  const { job } = Route.useSearch()
  const navigate = useNavigate({ from: Route.fullPath })
  return <ImportPage jobId={job} onJobStarted={(id) => void navigate({ search: { job: id } })} />
}
