import type { ChoroplethClass } from './choropleth'

const cache = new Map<string, HTMLCanvasElement>()

/**
 * A class's fill as an 8 × 8 canvas tile for the vector-tile renderer: the same colour and texture
 * as the SVG pattern ChoroplethPatterns defines for the GeoJSON map and the legend.
 */
export function canvasPattern(c: ChoroplethClass): HTMLCanvasElement {
  const cached = cache.get(c.id)
  if (cached) return cached
  const canvas = document.createElement('canvas')
  canvas.width = 8
  canvas.height = 8
  const ctx = canvas.getContext('2d')
  if (ctx) {
    ctx.fillStyle = c.colour
    ctx.fillRect(0, 0, 8, 8)
    ctx.strokeStyle = c.ink
    ctx.fillStyle = c.ink
    ctx.globalAlpha = 0.85
    ctx.lineWidth = 1.2
    ctx.beginPath()
    switch (c.texture) {
      case 'dots':
        ctx.arc(4, 4, 1.3, 0, 2 * Math.PI)
        ctx.fill()
        break
      case 'horizontal':
        ctx.moveTo(0, 4)
        ctx.lineTo(8, 4)
        break
      case 'vertical':
        ctx.moveTo(4, 0)
        ctx.lineTo(4, 8)
        break
      case 'diagonal':
        ctx.moveTo(-2, 2)
        ctx.lineTo(2, -2)
        ctx.moveTo(0, 8)
        ctx.lineTo(8, 0)
        ctx.moveTo(6, 10)
        ctx.lineTo(10, 6)
        break
      case 'cross':
        ctx.moveTo(0, 0)
        ctx.lineTo(8, 8)
        ctx.moveTo(8, 0)
        ctx.lineTo(0, 8)
        break
      default:
        break
    }
    if (c.texture !== 'dots' && c.texture !== 'none') ctx.stroke()
  }
  cache.set(c.id, canvas)
  return canvas
}
