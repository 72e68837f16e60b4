import { HelplinePage } from '../../features/helpline/components/helpline-page'

/** `/helpline`: the signposting screen for helpline staff (signed in). */
export function Component() {
  return <HelplinePage />
}
