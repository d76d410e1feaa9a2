import { Link } from '@tanstack/react-router'
import { Suspense } from 'react'
import { SectionBoundary } from '@/components/SectionBoundary'
import { useCategories } from '../api/listCategories'
import { newArrivalsQuery, useProducts } from '../api/listProducts'
import { ProductGrid } from './ProductGrid'
import { GridSkeleton } from './Skeletons'

export function HomePage() {
  return (
    <div className="page home" data-testid="home">
      <section className="hero">
        <h1>Welcome to Bazaar</h1>
        <p>Clothes, shoes, things for your home, electronics and books, picked with care.</p>
      </section>

      <section className="home-section" aria-labelledby="new-arrivals">
        <h2 id="new-arrivals">New arrivals</h2>
        <SectionBoundary what="the new arrivals">
          <Suspense fallback={<GridSkeleton />}>
            <NewArrivals />
          </Suspense>
        </SectionBoundary>
      </section>

      <section className="home-section" aria-labelledby="shop-by-category">
        <h2 id="shop-by-category">Shop by category</h2>
        <SectionBoundary what="the categories">
          <Suspense fallback={<p role="status">Loading categories…</p>}>
            <CategoryTiles />
          </Suspense>
        </SectionBoundary>
      </section>
    </div>
  )
}

function NewArrivals() {
  const { data } = useProducts(newArrivalsQuery)
  if (data.items.length === 0) return <p>New products are on their way.</p>
  return <ProductGrid products={data.items} label="New arrivals" />
}

function CategoryTiles() {
  const { data } = useCategories()
  return (
    <ul className="category-tiles">
      {data.items.map((root) => (
        <li key={root.id} className="category-tile">
          <Link to="/c/$slug" params={{ slug: root.slug }} className="category-tile__link">
            {root.name}
          </Link>
          {root.children.length > 0 && (
            <ul className="category-tile__children" aria-label={`${root.name} categories`}>
              {root.children.map((child) => (
                <li key={child.id}>
                  <Link to="/c/$slug" params={{ slug: child.slug }}>
                    {child.name}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  )
}
