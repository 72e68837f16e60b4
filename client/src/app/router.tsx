import { useState } from 'react'
import { createBrowserRouter, type RouteObject, RouterProvider } from 'react-router'
import { AppLayout } from '../components/layout/app-layout'
import { navItems } from './nav-items'
import { NotFoundRoute } from './routes/not-found'
import { RouteError } from './routes/route-error'

/**
 * Every page of the app. Each route module exports `Component` and is loaded on first visit.
 * To add a page: add a route here and, if it belongs in the header, an entry in nav-items.ts.
 */
export const pageRoutes: RouteObject[] = [
  { index: true, lazy: () => import('./routes/home') },
  { path: 'find', lazy: () => import('./routes/find') },
  { path: 'providers/:slug', lazy: () => import('./routes/provider') },
  { path: 'map', lazy: () => import('./routes/map') },
  { path: 'coverage', lazy: () => import('./routes/coverage') },
  { path: 'helpline', lazy: () => import('./routes/helpline') },
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
