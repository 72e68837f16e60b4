// The directory API's response shapes, shared with the server as types only (erased at build time).
export type {
  AreaRef,
  MatchedArea,
  MatchReasons,
  ProviderSummary,
  SearchPlace as ResolvedPlace,
  SearchResponse,
} from '../../../../../server/directory/directory-schemas'
