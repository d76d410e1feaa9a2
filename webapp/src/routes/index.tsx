import { createFileRoute } from '@tanstack/react-router'
import { categoriesQueryOptions } from '@/features/catalog/api/listCategories'
import { newArrivalsQuery, productsQueryOptions } from '@/features/catalog/api/listProducts'
import { HomePage } from '@/features/catalog/components/HomePage'

export const Route = createFileRoute('/')({
  // Load both sections before the first paint. A failing one must not take the
  // welcome down: its section shows the error (see SectionBoundary).
  loader: async ({ context: { queryClient } }) => {
    await Promise.allSettled([
      queryClient.ensureQueryData(productsQueryOptions(newArrivalsQuery)),
      queryClient.ensureQueryData(categoriesQueryOptions()),
    ])
  },
  component: HomePage,
})
