export type {
  ExclusionReason,
  SignpostExcluded,
  SignpostFallbackKind,
  SignpostFollowUp,
  SignpostGroup,
  SignpostPathway,
  SignpostProvider,
  SignpostReason,
  SignpostResponse,
  WeeklyHours,
} from '../../../../../server/signpost/signpost-schemas'
