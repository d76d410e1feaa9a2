import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { FormAlert, SubmitButton } from '@/components/form'
import { ProgressBar } from '@/components/ProgressBar'
import { describeError, sentence } from '@/lib/forms'
import { useFocusOnFailure } from '@/lib/useFocusOnFailure'
import { exportProductsUrl } from '../api/adminExportProducts'
import { isFinished, useAdminJob } from '../api/adminGetJob'
import { useAdminImportProducts } from '../api/adminImportProducts'
import { productsChanged } from '../cache'
import { splitErrors } from '../errors'
import type { Job } from '../types'

const columns =
  'product_slug, product_name, status, category, description, attributes (name=value|…), image_url, image_alt, sku, options (name=value|…), price (19.99), compare_at_price, currency, on_hand'

/**
 * CSV import and export. After an upload, `onJobStarted` puts the job's id in
 * the URL (`jobId`), and its progress is polled until it is done or failed.
 */
export function ImportPage({ jobId, onJobStarted }: { jobId?: string; onJobStarted: (id: string) => void }) {
  return (
    <section className="page admin-import" data-testid="admin-import">
      <h1>Import and export</h1>
      <div className="import-grid">
        <UploadForm onJobStarted={onJobStarted} />
        <section className="card" aria-labelledby="export-heading">
          <h2 id="export-heading">Export</h2>
          <p>Every product and variant as a CSV file, in the format the import reads.</p>
          <p>
            <a className="button button--secondary" href={exportProductsUrl} download>
              Export CSV
            </a>
          </p>
        </section>
      </div>
      {jobId && <JobProgress key={jobId} jobId={jobId} />}
    </section>
  )
}

function UploadForm({ onJobStarted }: { onJobStarted: (id: string) => void }) {
  const upload = useAdminImportProducts()
  const [file, setFile] = useState<File | null>(null)
  const [fileError, setFileError] = useState<string>()
  const [formError, setFormError] = useState<string>()
  const { ref, failed } = useFocusOnFailure<HTMLFormElement>()
  const inputRef = useRef<HTMLInputElement>(null)
  const id = useId()
  const hintId = `${id}-hint`
  const errorId = `${id}-error`

  function submit(event: FormEvent) {
    event.preventDefault()
    setFormError(undefined)
    if (!file) {
      setFileError('Choose a CSV file to import.')
      return failed()
    }
    setFileError(undefined)
    upload.mutate(file, {
      onSuccess: (job) => {
        setFile(null)
        if (inputRef.current) inputRef.current.value = ''
        onJobStarted(job.id)
      },
      onError: (error) => {
        const split = splitErrors(error, (key) => key === 'file')
        setFileError(split.fieldErrors.file ? sentence(`The file was not accepted: ${split.fieldErrors.file}`) : undefined)
        setFormError(split.formError)
        failed()
      },
    })
  }

  return (
    <form ref={ref} className="form card" aria-label="Import products" noValidate onSubmit={submit}>
      <h2>Import</h2>
      <FormAlert message={formError} />
      <div className="field" data-invalid={fileError ? 'true' : undefined}>
        <label htmlFor={id}>CSV file</label>
        <p id={hintId} className="field-hint">
          One row per variant. Products match by slug, variants by SKU; rows with problems are skipped and listed.
          Columns: {columns}.
        </p>
        <input
          ref={inputRef}
          id={id}
          name="file"
          type="file"
          accept=".csv,text/csv"
          aria-invalid={fileError ? 'true' : undefined}
          aria-describedby={[hintId, fileError ? errorId : ''].filter(Boolean).join(' ')}
          disabled={upload.isPending}
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null)
            setFileError(undefined)
          }}
        />
        {fileError && (
          <p id={errorId} className="field-error">
            {fileError}
          </p>
        )}
      </div>
      <div className="form-actions">
        <SubmitButton pending={upload.isPending}>{upload.isPending ? 'Uploading…' : 'Upload and import'}</SubmitButton>
      </div>
    </form>
  )
}

const stateText = (job: Job) => {
  const problems = job.errors.length === 0 ? 'no problems' : `${job.errors.length} row${job.errors.length === 1 ? '' : 's'} with problems`
  switch (job.state) {
    case 'queued':
      return 'Queued: the import starts in a moment.'
    case 'running':
      return `Importing: ${job.done} of ${job.total} rows.`
    case 'done':
      return `Done: ${job.done} of ${job.total} rows processed, ${problems}.`
    case 'failed':
      return 'Failed: the import stopped.'
  }
}

function JobProgress({ jobId }: { jobId: string }) {
  const queryClient = useQueryClient()
  const { data: job, error } = useAdminJob(jobId)
  const finished = isFinished(job)

  // A finished import changed the catalog: product lists and the shop are stale.
  useEffect(() => {
    if (finished) productsChanged(queryClient)
  }, [finished, queryClient])

  return (
    <section className="card import-job" aria-labelledby="job-heading" data-testid="import-job">
      <h2 id="job-heading">Import progress</h2>
      {error && !job && (
        <p className="form-alert" role="alert">
          We could not load this import. {describeError(error)}
        </p>
      )}
      {!job && !error && <p role="status">Loading the import…</p>}
      {job && (
        <>
          <ProgressBar label="Rows imported" value={job.done} max={job.total} />
          <p className={`import-job__state import-job__state--${job.state}`} role="status" data-testid="job-state">
            {stateText(job)}
          </p>
          {error && (
            <p className="form-alert" role="alert">
              We could not check the progress. {describeError(error)}
            </p>
          )}
          {job.errors.length > 0 && (
            <div className="table-scroll">
              <table className="import-errors" data-testid="import-errors">
                <caption>Rows with problems</caption>
                <thead>
                  <tr>
                    <th scope="col">Line</th>
                    <th scope="col">Problem</th>
                  </tr>
                </thead>
                <tbody>
                  {job.errors.map((e, i) => (
                    <tr key={`${e.line}-${i}`}>
                      <td>{e.line}</td>
                      <td>{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  )
}
