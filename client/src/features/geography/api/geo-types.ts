// The geography API's response shapes, shared with the server as types only (erased at build time).
export type {
  AreaDetail,
  AreaLevel,
  AreaList,
  AreaSummary,
  AreaType,
  PostcodeOutsideReason,
  PostcodeResult,
} from '../../../../../server/geo/geo-schemas'
