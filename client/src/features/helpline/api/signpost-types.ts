export type {
  ExclusionReason,
  SignpostExcluded,
  SignpostFallbackKind,
  SignpostGroup,
  SignpostPathway,
  SignpostProvider,
  SignpostReason,
  SignpostResponse,
  WeeklyHours,
} from '../../../../../server/signpost/signpost-schemas'
