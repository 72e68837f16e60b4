import { ReviewPage } from '../../features/review/components/review-page'

/** `/review/:token`: a provider checks its record from the link in a review e-mail (no account). */
export function Component() {
  return <ReviewPage />
}
