import { useNavigate, useRouterState } from '@tanstack/react-router'
import { useId, useRef, useState, type KeyboardEvent } from 'react'
import { useDebouncedValue } from '@/lib/useDebouncedValue'
import { suggestMinLength, useSuggestions } from '../api/suggest'
import type { Suggestions } from '../types'

/** Wait this long after the last keystroke before asking for suggestions. */
export const SUGGEST_DEBOUNCE_MS = 200

type Option =
  | { kind: 'product'; slug: string; name: string; image?: { url: string } }
  | { kind: 'category'; slug: string; name: string }

function toOptions(data: Suggestions | undefined): Option[] {
  if (!data) return []
  return [
    ...data.products.map((p): Option => ({ kind: 'product', slug: p.slug, name: p.name, image: p.image })),
    ...data.categories.map((c): Option => ({ kind: 'category', slug: c.slug, name: c.name })),
  ]
}

/**
 * The header's search box: suggestions as you type (ARIA combobox with a
 * listbox of products and categories). Arrow keys move through them, Enter
 * opens the highlighted one or, with none highlighted, the search results
 * for the text; Escape closes the list (and clears the box when it is closed).
 */
export function SearchBox() {
  const id = useId()
  const listboxId = `${id}-listbox`
  const optionId = (i: number) => `${id}-option-${i}`
  const navigate = useNavigate()
  const inputRef = useRef<HTMLInputElement>(null)

  // On /search the box shows the term being searched for.
  const routeQ = useRouterState({
    select: (s) => (s.location.pathname === '/search' ? (s.location.search as { q?: string }).q : undefined),
  })
  const [text, setText] = useState(routeQ ?? '')
  const [syncedQ, setSyncedQ] = useState(routeQ)
  if (routeQ !== syncedQ) {
    setSyncedQ(routeQ)
    if (routeQ !== undefined) setText(routeQ)
  }

  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)
  const typed = text.trim()
  const term = useDebouncedValue(typed, SUGGEST_DEBOUNCE_MS)
  const { data } = useSuggestions(term)
  const options = toOptions(data)
  const expanded = open && typed.length >= suggestMinLength && term.length >= suggestMinLength && options.length > 0

  // A new list of suggestions: nothing highlighted.
  const [shownData, setShownData] = useState(data)
  if (data !== shownData) {
    setShownData(data)
    setActive(-1)
  }

  function close() {
    setOpen(false)
    setActive(-1)
  }

  function go(option: Option) {
    close()
    setText('')
    inputRef.current?.blur()
    if (option.kind === 'product') void navigate({ to: '/p/$slug', params: { slug: option.slug } })
    else void navigate({ to: '/c/$slug', params: { slug: option.slug } })
  }

  function search() {
    if (!typed) return
    close()
    inputRef.current?.blur()
    void navigate({ to: '/search', search: { q: typed } })
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const n = options.length
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault()
        if (!expanded) {
          setOpen(true)
          if (n > 0 && typed.length >= suggestMinLength) setActive(0)
        } else {
          setActive((i) => (i + 1) % n)
        }
        break
      case 'ArrowUp':
        event.preventDefault()
        if (!expanded) {
          setOpen(true)
          if (n > 0 && typed.length >= suggestMinLength) setActive(n - 1)
        } else {
          setActive((i) => (i <= 0 ? n - 1 : i - 1))
        }
        break
      case 'Enter': {
        event.preventDefault()
        const option = expanded && active >= 0 ? options[active] : undefined
        if (option) go(option)
        else search()
        break
      }
      case 'Escape':
        if (expanded) {
          event.preventDefault()
          close()
        } else if (text) {
          event.preventDefault()
          setText('')
        }
        break
      case 'Tab':
        close()
        break
    }
  }

  const products = options.filter((o) => o.kind === 'product')
  const categories = options.filter((o) => o.kind === 'category')

  const renderOption = (option: Option, index: number) => (
    <li
      key={`${option.kind}-${option.slug}`}
      id={optionId(index)}
      role="option"
      aria-selected={index === active}
      className="suggest__option"
      // Keep the focus in the box: the click below does the work.
      onMouseDown={(event) => event.preventDefault()}
      onMouseMove={() => setActive(index)}
      onClick={() => go(option)}
    >
      {option.kind === 'product' && (
        <span className="suggest__thumb">{option.image && <img src={option.image.url} alt="" width={32} height={32} />}</span>
      )}
      <span>{option.name}</span>
    </li>
  )

  return (
    <form
      role="search"
      className="suggest"
      onSubmit={(event) => {
        event.preventDefault()
        search()
      }}
    >
      <label htmlFor={`${id}-input`} className="visually-hidden">
        Search products
      </label>
      <input
        ref={inputRef}
        id={`${id}-input`}
        type="search"
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listboxId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        autoComplete="off"
        enterKeyHint="search"
        placeholder="Search products"
        className="suggest__input"
        value={text}
        onChange={(event) => {
          setText(event.target.value)
          setOpen(true)
          setActive(-1)
        }}
        onFocus={() => setOpen(true)}
        onBlur={close}
        onKeyDown={onKeyDown}
      />
      <button type="submit" className="suggest__submit">
        <span className="visually-hidden">Search</span>
        <span aria-hidden="true">⌕</span>
      </button>
      <div id={listboxId} role="listbox" aria-label="Suggestions" className="suggest__list" hidden={!expanded}>
        {expanded && products.length > 0 && (
          <ul role="group" aria-labelledby={`${id}-products`}>
            <li role="presentation" id={`${id}-products`} className="suggest__heading">
              Products
            </li>
            {products.map((option, i) => renderOption(option, i))}
          </ul>
        )}
        {expanded && categories.length > 0 && (
          <ul role="group" aria-labelledby={`${id}-categories`}>
            <li role="presentation" id={`${id}-categories`} className="suggest__heading">
              Categories
            </li>
            {categories.map((option, i) => renderOption(option, products.length + i))}
          </ul>
        )}
      </div>
      <p className="visually-hidden" aria-live="polite">
        {expanded ? `${options.length} suggestion${options.length === 1 ? '' : 's'}` : ''}
      </p>
    </form>
  )
}
