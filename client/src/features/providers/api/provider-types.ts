// The provider record's shape, shared with the server as types only (erased at build time).
import type { OpeningHours as OpeningHoursInput } from '../../../../../server/providers/provider-schema'

export type { AreaRef, Pathway, ProviderDetail } from '../../../../../server/directory/directory-schemas'

export type OpeningHours = OpeningHoursInput
export type Weekday = OpeningHours['weekly'][number]['day']
