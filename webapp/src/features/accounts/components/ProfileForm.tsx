import type { FormEvent } from 'react'
import { Field, FormAlert, FormStatus, SubmitButton } from '@/components/form'
import { useForm } from '@/lib/forms'
import { useUpdateMe } from '../api/updateMe'
import type { User } from '../types'
import { validateProfile } from '../validation'

export function ProfileForm({ user }: { user: User }) {
  const form = useForm({ name: user.name })
  const update = useUpdateMe()

  function submit(event: FormEvent) {
    event.preventDefault()
    const checked = validateProfile(form.values)
    if (!checked.ok) return form.fail(checked.errors)
    form.clearErrors()
    update.mutate(checked.values, { onError: (error) => form.failWith(error) })
  }

  const saved = update.isSuccess && update.data.name === form.values.name.trim()

  return (
    <form id={form.formId} className="form" onSubmit={submit} noValidate aria-label="Profile">
      <FormAlert message={form.formError} />
      <dl className="field-static">
        <dt>Email</dt>
        <dd data-testid="profile-email">{user.email}</dd>
      </dl>
      <Field label="Name" autoComplete="name" required error={form.errors.name} {...form.bind('name')} />
      <div className="form-actions">
        <SubmitButton pending={update.isPending}>Save name</SubmitButton>
        <FormStatus message={saved ? 'Your name was saved.' : undefined} />
      </div>
    </form>
  )
}
