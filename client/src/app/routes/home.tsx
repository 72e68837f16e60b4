import { HomePage } from '../../features/find-support/components/home-page'

/** `/`: the start of the find-support journey. */
export function Component() {
  return <HomePage />
}
