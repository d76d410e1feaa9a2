import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { csrfEndpoint, fakeApi, json, makeUser, meEndpoint, problem } from '@/test/fakeApi'
import { renderApp } from '@/test/render'
import { fakeCatalogAdmin } from '../test/fakeCatalogAdmin'
import type { Job } from '../types'

const staff = makeUser({ id: 'u-staff', roles: ['staff'] })

const csv = 'product_slug,product_name,sku,price\nrain-jacket,Rain Jacket,RJ-M,89.90\nrain-jacket,Rain Jacket,RJ-L,abc\n'

const job = (overrides: Partial<Job>): Job => ({ id: 'job-1', state: 'queued', done: 0, total: 3, errors: [], ...overrides })

function setup(importReply = () => json(job({}), 202, { Location: '/api/admin/jobs/job-1' })) {
  const admin = fakeCatalogAdmin()
  admin.state.jobs['job-1'] = [
    job({ state: 'running', done: 1 }),
    job({ state: 'running', done: 2, errors: [{ line: 3, message: 'price: must be an amount such as 19.99' }] }),
    job({ state: 'done', done: 3, errors: [{ line: 3, message: 'price: must be an amount such as 19.99' }] }),
  ]
  const api = fakeApi(
    admin.routes({
      'GET /api/me': meEndpoint(() => staff),
      'GET /api/auth/csrf': csrfEndpoint(),
      'POST /api/admin/products/import': importReply,
    }),
  )
  return { admin, api }
}

function chooseFile(content = csv) {
  const input = screen.getByLabelText('CSV file') as HTMLInputElement
  const file = new File([content], 'products.csv', { type: 'text/csv' })
  fireEvent.change(input, { target: { files: [file] } })
  return file
}

describe('CSV import page', () => {
  it('uploads the file as text/csv, then shows the progress advancing across polls and the per-line errors', async () => {
    const { api } = setup()
    const { router } = renderApp('/admin/import')
    await screen.findByTestId('admin-import')
    const file = chooseFile()
    fireEvent.click(screen.getByRole('button', { name: 'Upload and import' }))

    await waitFor(() => expect(router.state.location.search).toEqual({ job: 'job-1' }))
    const [upload] = api.calls('POST', '/api/admin/products/import')
    expect(upload?.headers.get('Content-Type')).toBe('text/csv')
    expect(upload?.headers.get('X-CSRFToken')).toBe('csrf-test-token')
    // The file itself is the body.
    const init = api.fetchMock.mock.calls.find(([url]) => String(url) === '/api/admin/products/import')?.[1]
    expect(init?.body).toBe(file)

    const progress = await screen.findByRole('progressbar', { name: 'Rows imported' })
    expect(progress).toHaveAttribute('aria-valuemax', '3')
    // Every poll moves it on: 0 (queued, from the upload's answer), 1, 2, 3.
    const seen = new Set<string>()
    await waitFor(
      () => {
        seen.add(screen.getByRole('progressbar').getAttribute('aria-valuenow')!)
        expect(screen.getByTestId('job-state')).toHaveTextContent('Done: 3 of 3 rows processed, 1 row with problems.')
      },
      { timeout: 5000, interval: 50 },
    )
    expect([...seen].map(Number).sort()).toEqual(expect.arrayContaining([1, 2, 3]))
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '3')
    expect(screen.getByText('3 / 3')).toBeInTheDocument()

    const errors = within(screen.getByRole('table', { name: 'Rows with problems' }))
    const cells = errors.getAllByRole('cell').map((c) => c.textContent)
    expect(cells).toEqual(['3', 'price: must be an amount such as 19.99'])

    // Done: no more polling.
    const polls = api.calls('GET', '/api/admin/jobs/job-1').length
    expect(polls).toBeGreaterThanOrEqual(3)
    await new Promise((resolve) => setTimeout(resolve, 1200))
    expect(api.calls('GET', '/api/admin/jobs/job-1')).toHaveLength(polls)
  })

  it('asks for a file first, and shows the server’s 422 about the file at the input', async () => {
    const { api } = setup(() =>
      problem(422, { detail: 'the request has invalid fields', errors: { file: 'csv header: missing column "sku" (need product_slug, product_name, sku, price)' } }),
    )
    renderApp('/admin/import')
    await screen.findByTestId('admin-import')
    fireEvent.click(screen.getByRole('button', { name: 'Upload and import' }))
    const input = screen.getByLabelText('CSV file')
    await waitFor(() => expect(input).toHaveAttribute('aria-invalid', 'true'))
    expect(screen.getByText('Choose a CSV file to import.')).toBeInTheDocument()
    expect(api.calls('POST', '/api/admin/products/import')).toHaveLength(0)

    chooseFile('name\nfoo\n')
    fireEvent.click(screen.getByRole('button', { name: 'Upload and import' }))
    expect(await screen.findByText('The file was not accepted: csv header: missing column "sku" (need product_slug, product_name, sku, price).')).toBeInTheDocument()
    expect(input).toHaveFocus()
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument()
  })

  it('offers the export as a download link', async () => {
    setup()
    renderApp('/admin/import')
    const link = within(await screen.findByTestId('admin-import')).getByRole('link', { name: 'Export CSV' })
    expect(link).toHaveAttribute('href', '/api/admin/products/export')
    expect(link).toHaveAttribute('download')
  })
})
