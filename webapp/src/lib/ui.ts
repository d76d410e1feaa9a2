import { create } from 'zustand'

// UI state only (menus, drawers, toasts). Server data lives in TanStack Query.
interface UiState {
  mobileNavOpen: boolean
  toggleMobileNav: () => void
  closeMobileNav: () => void
  /** The listing filters on narrow screens (behind the "Filters" button). */
  filtersOpen: boolean
  toggleFilters: () => void
  closeFilters: () => void
  /** The cart drawer (header button, and after adding to the cart). */
  cartOpen: boolean
  openCart: () => void
  closeCart: () => void
}

export const useUiStore = create<UiState>()((set) => ({
  mobileNavOpen: false,
  toggleMobileNav: () => set((state) => ({ mobileNavOpen: !state.mobileNavOpen })),
  closeMobileNav: () => set({ mobileNavOpen: false }),
  filtersOpen: false,
  toggleFilters: () => set((state) => ({ filtersOpen: !state.filtersOpen })),
  closeFilters: () => set({ filtersOpen: false }),
  cartOpen: false,
  openCart: () => set({ cartOpen: true, mobileNavOpen: false }),
  closeCart: () => set({ cartOpen: false }),
}))
