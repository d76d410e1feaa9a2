// A fake catalog API for tests: a small category tree and products, with the
// listing's filters, sort, cursor pages and facets done the way the Go server
// does them (facets count the whole filter).
//
//   fakeApi({ 'GET /api/me': meEndpoint(() => null), ...catalogEndpoints() })
import type {
  CategoryNode,
  Facets,
  ProductDetail,
  ProductPage,
  ProductSummary,
  Suggestions,
  Variant,
} from '@/features/catalog/types'
import { json, problem, type FakeRequest, type Reply } from './fakeApi'

export const categoryTree: CategoryNode[] = [
  {
    id: 'c-apparel',
    slug: 'apparel',
    name: 'Apparel',
    children: [
      { id: 'c-shirts', slug: 'shirts', name: 'Shirts', children: [] },
      { id: 'c-trousers', slug: 'trousers', name: 'Trousers', children: [] },
    ],
  },
  { id: 'c-shoes', slug: 'shoes', name: 'Shoes', children: [{ id: 'c-boots', slug: 'boots', name: 'Boots', children: [] }] },
  { id: 'c-books', slug: 'books', name: 'Books', children: [{ id: 'c-fiction', slug: 'fiction', name: 'Fiction', children: [] }] },
]

const categoryNames: Record<string, string> = {}
const parentOf: Record<string, string | undefined> = {}
;(function index(nodes: CategoryNode[], parent?: string) {
  for (const n of nodes) {
    categoryNames[n.slug] = n.name
    parentOf[n.slug] = parent
    index(n.children, n.slug)
  }
})(categoryTree)

export interface FakeProduct extends ProductSummary {
  category: string
  attributes: Record<string, string>
  /** Higher is newer. */
  created: number
}

export function makeProduct(overrides: Partial<FakeProduct> & { slug: string; name: string }): FakeProduct {
  return {
    id: `p-${overrides.slug}`,
    price: { amount: 2999, currency: 'EUR' },
    compare_at_price: null,
    image: { url: `/api/catalog/images/1-XX.svg`, alt: overrides.name },
    in_stock: true,
    category: 'shirts',
    attributes: {},
    created: 0,
    ...overrides,
  }
}

const brands = ['Kestrel', 'Northwind', 'Fjordline']
const nouns: Record<string, string> = { shirts: 'Shirt', trousers: 'Chinos', boots: 'Boot' }

/**
 * 30 products: 10 shirts, 10 trousers, 10 boots; brands rotate
 * Kestrel/Northwind/Fjordline; every fifth is out of stock; prices 10.99 + n.
 */
export const catalogProducts: FakeProduct[] = Array.from({ length: 30 }, (_, n) => {
  const category = ['shirts', 'trousers', 'boots'][Math.floor(n / 10)]!
  const brand = brands[n % 3]!
  const name = `${brand} ${nouns[category]} ${n + 1}`
  return makeProduct({
    slug: `${brand.toLowerCase()}-${nouns[category]!.toLowerCase()}-${n + 1}`,
    name,
    category,
    price: { amount: 1099 + n * 100, currency: 'EUR' },
    in_stock: n % 5 !== 4,
    attributes: { brand, material: n % 2 === 0 ? 'Cotton' : 'Linen' },
    created: n,
  })
})

function inCategory(product: FakeProduct, slug: string): boolean {
  for (let c: string | undefined = product.category; c; c = parentOf[c]) if (c === slug) return true
  return false
}

function matching(products: FakeProduct[], s: URLSearchParams): FakeProduct[] {
  const q = s.get('q')?.toLowerCase()
  const category = s.get('category')
  const min = s.get('min_price')
  const max = s.get('max_price')
  const attrs: Record<string, string[]> = {}
  for (const [key, value] of s) if (key.startsWith('attr.')) (attrs[key.slice(5)] ??= []).push(value)
  return products.filter(
    (p) =>
      (!q || p.name.toLowerCase().includes(q)) &&
      (!category || inCategory(p, category)) &&
      (min === null || p.price.amount >= Number(min)) &&
      (max === null || p.price.amount <= Number(max)) &&
      (s.get('in_stock') !== 'true' || p.in_stock) &&
      Object.entries(attrs).every(([name, values]) => values.includes(p.attributes[name] ?? '')),
  )
}

const sorters: Record<string, (a: FakeProduct, b: FakeProduct) => number> = {
  newest: (a, b) => b.created - a.created,
  relevance: (a, b) => b.created - a.created,
  price_asc: (a, b) => a.price.amount - b.price.amount,
  price_desc: (a, b) => b.price.amount - a.price.amount,
  name: (a, b) => a.name.localeCompare(b.name),
}

export function facetsOf(products: FakeProduct[]): Facets {
  const cats = new Map<string, number>()
  const attrs: Record<string, Map<string, number>> = {}
  for (const p of products) {
    cats.set(p.category, (cats.get(p.category) ?? 0) + 1)
    for (const [name, value] of Object.entries(p.attributes)) {
      const m = (attrs[name] ??= new Map())
      m.set(value, (m.get(value) ?? 0) + 1)
    }
  }
  const prices = products.map((p) => p.price.amount)
  return {
    categories: [...cats].map(([slug, count]) => ({ slug, name: categoryNames[slug] ?? slug, count })),
    attributes: Object.fromEntries(
      Object.entries(attrs).map(([name, m]) => [
        name,
        [...m].sort(([a], [b]) => a.localeCompare(b)).map(([value, count]) => ({ value, count })),
      ]),
    ),
    price: {
      min: prices.length ? Math.min(...prices) : null,
      max: prices.length ? Math.max(...prices) : null,
      currency: 'EUR',
    },
    approximate: false,
  }
}

function summary(p: FakeProduct): ProductSummary {
  const { id, slug, name, price, compare_at_price, image, in_stock, category } = p
  return { id, slug, name, price, compare_at_price, image, in_stock, category }
}

/** GET /api/products over `products`; the cursor is the index of the next product. */
export const listProductsEndpoint =
  (products: () => FakeProduct[]): Reply =>
  (req: FakeRequest) => {
    const s = req.search
    const sort = s.get('sort') ?? (s.get('q') ? 'relevance' : 'newest')
    if (sort === 'relevance' && !s.get('q')) {
      return problem(400, { detail: 'sort: relevance needs a search query q', errors: { sort: 'relevance needs a search query q' } })
    }
    if (s.get('category') && !categoryNames[s.get('category')!]) {
      return problem(400, { detail: 'category: no category has this slug', errors: { category: 'no category has this slug' } })
    }
    const all = matching(products(), s).sort(sorters[sort])
    const limit = Number(s.get('limit') ?? 20)
    const start = Number(s.get('cursor') ?? 0)
    const items = all.slice(start, start + limit)
    const page: ProductPage = {
      items: items.map(summary),
      next_cursor: start + limit < all.length ? String(start + limit) : null,
      facets: facetsOf(all),
    }
    return json(page)
  }

export function makeVariant(overrides: Partial<Variant> & { id: string }): Variant {
  return {
    sku: overrides.id.toUpperCase(),
    options: {},
    price: { amount: 2999, currency: 'EUR' },
    compare_at_price: null,
    stock_available: 10,
    ...overrides,
  }
}

/** A product page for a listed product: one variant without options. */
export function detailOf(p: FakeProduct, overrides: Partial<ProductDetail> = {}): ProductDetail {
  const trail = [parentOf[p.category], p.category].filter((s): s is string => Boolean(s))
  return {
    id: p.id,
    slug: p.slug,
    name: p.name,
    description: `${p.name}, made to last.`,
    attributes: p.attributes,
    images: p.image ? [p.image] : [],
    variants: [makeVariant({ id: `${p.id}-v1`, price: p.price, stock_available: p.in_stock ? 10 : 0 })],
    breadcrumb: trail.map((slug) => ({ slug, name: categoryNames[slug]! })),
    price: p.price,
    in_stock: p.in_stock,
    ...overrides,
  }
}

export const suggestEndpoint =
  (products: () => FakeProduct[]): Reply =>
  (req) => {
    const q = (req.search.get('q') ?? '').trim().toLowerCase()
    if (!q) return problem(400, { errors: { q: 'must be 1 to 100 characters' } })
    const body: Suggestions = {
      products: products()
        .filter((p) => p.name.toLowerCase().includes(q))
        .slice(0, 8)
        .map((p) => ({ slug: p.slug, name: p.name, ...(p.image ? { image: p.image } : {}) })),
      categories: Object.entries(categoryNames)
        .filter(([, name]) => name.toLowerCase().includes(q))
        .slice(0, 8)
        .map(([slug, name]) => ({ slug, name })),
    }
    return json(body)
  }

/**
 * The catalog's endpoints over `products` (default: catalogProducts), with a
 * product page for each product (or the given details).
 */
export function catalogEndpoints(
  opts: { products?: () => FakeProduct[]; details?: ProductDetail[] } = {},
): Record<string, Reply> {
  const products = opts.products ?? (() => catalogProducts)
  const details = opts.details ?? products().map((p) => detailOf(p))
  return {
    'GET /api/categories': () => json({ items: categoryTree }),
    'GET /api/products': listProductsEndpoint(products),
    'GET /api/search/suggest': suggestEndpoint(products),
    ...Object.fromEntries(details.map((d) => [`GET /api/products/${d.slug}`, () => json(d)])),
  }
}
