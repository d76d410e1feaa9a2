// The frame of the sign-in, sign-up and password pages.
import type { ReactNode } from 'react'

export function AuthPage({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <section className="page form-page" data-testid={testId}>
      <h1>{title}</h1>
      {children}
    </section>
  )
}
