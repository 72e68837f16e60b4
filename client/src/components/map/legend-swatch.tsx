import type { ReactNode } from 'react'

interface AreaSwatchProps {
  stroke: string
  strokeWidth: number
  fill?: string
  fillOpacity?: number
  dash?: string
}

/** A map key's sample of an area: a rectangle drawn with the area's line and fill. */
export function AreaSwatch({ stroke, strokeWidth, fill, fillOpacity, dash }: AreaSwatchProps) {
  return (
    <svg aria-hidden="true" width="28" height="20" viewBox="0 0 28 20">
      <rect
        x="2"
        y="2"
        width="24"
        height="16"
        fill={fill ?? 'none'}
        fillOpacity={fillOpacity}
        stroke={stroke}
        strokeWidth={strokeWidth}
        strokeDasharray={dash}
        strokeLinecap={dash ? 'round' : undefined}
      />
    </svg>
  )
}

/** A map key's sample of a point: a circle of radius `r`. */
export function DotSwatch({
  r,
  fill,
  stroke,
  strokeWidth,
}: {
  r: number
  fill: string
  stroke: string
  strokeWidth: number
}) {
  return (
    <svg aria-hidden="true" width="28" height="20" viewBox="0 0 28 20">
      <circle cx="14" cy="10" r={r} fill={fill} stroke={stroke} strokeWidth={strokeWidth} />
    </svg>
  )
}

/** The lines of a map key that apply now: each line is a sample and its words, shown when `shown`. */
export function LegendLines({
  lines,
}: {
  lines: Array<{ key: string; shown: boolean; swatch: ReactNode; text: string }>
}) {
  return (
    <ul>
      {lines
        .filter((line) => line.shown)
        .map((line) => (
          <li key={line.key}>
            {line.swatch}
            {line.text}
          </li>
        ))}
    </ul>
  )
}
