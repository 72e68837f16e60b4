import {
  type ChoroplethClass,
  countClasses,
  depthClasses,
  notInDirectoryClass,
  patternId,
} from '../lib/choropleth'

/** The texture marks of a class, on an 8 × 8 tile. */
export function Texture({ c }: { c: ChoroplethClass }) {
  const line = { stroke: c.ink, strokeWidth: 1.2, strokeOpacity: 0.85 }
  switch (c.texture) {
    case 'dots':
      return <circle cx="4" cy="4" r="1.3" fill={c.ink} fillOpacity="0.85" />
    case 'horizontal':
      return <line x1="0" y1="4" x2="8" y2="4" {...line} />
    case 'vertical':
      return <line x1="4" y1="0" x2="4" y2="8" {...line} />
    case 'diagonal':
      return <path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" {...line} />
    case 'cross':
      return <path d="M0,0 L8,8 M8,0 L0,8" {...line} />
    default:
      return null
  }
}

/** One hidden SVG holding a fill pattern per class; map paths and legend swatches refer to them by id. */
export function ChoroplethPatterns() {
  return (
    <svg aria-hidden="true" focusable="false" width="0" height="0" style={{ position: 'absolute' }}>
      <defs>
        {[...depthClasses, ...countClasses, notInDirectoryClass].map((c) => (
          <pattern key={c.id} id={patternId(c)} width="8" height="8" patternUnits="userSpaceOnUse">
            <rect width="8" height="8" fill={c.colour} />
            <Texture c={c} />
          </pattern>
        ))}
      </defs>
    </svg>
  )
}

/** A legend or table swatch: the class's pattern with an outline. */
export function Swatch({ c, size = 22 }: { c: ChoroplethClass; size?: number }) {
  return (
    <svg aria-hidden="true" focusable="false" width={size} height={size} className="cov-swatch">
      <rect
        x="1"
        y="1"
        width={size - 2}
        height={size - 2}
        fill={`url(#${patternId(c)})`}
        stroke="#0b0c0c"
        strokeWidth="1"
      />
    </svg>
  )
}
