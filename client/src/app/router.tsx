import { useState } from 'react'
import { createBrowserRouter, type RouteObject } from 'react-router'
// The DOM RouterProvider can flush an update synchronously: controls kept in the address use that.
import { RouterProvider } from 'react-router/dom'
import { AppLayout } from '../components/layout/app-layout'
import { navItems } from './nav-items'
import { NotFoundRoute } from './routes/not-found'
import { RouteError } from './routes/route-error'

/**
 * Every page of the app. Each route module exports `Component` and is loaded on first visit.
 * To add a page: add a route here and, if it belongs in the header, an entry in nav-items.ts.
 */
/**
 * The pages under `/admin`, rendered inside the admin layout (sign-in, role check, sub-navigation).
 * Add a section: a route here and an entry in features/admin/lib/admin-nav.ts.
 */
export const adminRoutes: RouteObject[] = [
  { index: true, lazy: () => import('./routes/admin-home') },
  { path: 'records', lazy: () => import('./routes/admin-records') },
  { path: 'records/new', lazy: () => import('./routes/admin-record') },
  { path: 'records/:id', lazy: () => import('./routes/admin-record') },
  { path: 'moderation', lazy: () => import('./routes/admin-moderation') },
  { path: 'imports', lazy: () => import('./routes/admin-imports') },
  { path: 'users', lazy: () => import('./routes/admin-users') },
  { path: 'audit', lazy: () => import('./routes/admin-audit') },
  { path: 'baselines', lazy: () => import('./routes/admin-baselines') },
  { path: 'grant-recipients', lazy: () => import('./routes/admin-grant-recipients') },
  { path: 'freshness', lazy: () => import('./routes/admin-freshness') },
  { path: 'candidates', lazy: () => import('./routes/admin-candidates') },
]

export const pageRoutes: RouteObject[] = [
  { index: true, lazy: () => import('./routes/home') },
  { path: 'find', lazy: () => import('./routes/find') },
  { path: 'providers/:slug', lazy: () => import('./routes/provider') },
  { path: 'map', lazy: () => import('./routes/map') },
  { path: 'coverage', lazy: () => import('./routes/coverage') },
  { path: 'helpline', lazy: () => import('./routes/helpline') },
  { path: 'admin', lazy: () => import('./routes/admin'), children: adminRoutes },
  { path: 'review/:token', lazy: () => import('./routes/review') },
  { path: '*', Component: NotFoundRoute },
]

export const routes: RouteObject[] = [
  {
    element: <AppLayout nav={navItems} />,
    errorElement: <RouteError />,
    hydrateFallbackElement: <LoadingPage />,
    children: pageRoutes,
  },
]

function LoadingPage() {
  return <p className="page" role="status" />
}

export function AppRouter() {
  const [router] = useState(() => createBrowserRouter(routes))
  return <RouterProvider router={router} />
}
