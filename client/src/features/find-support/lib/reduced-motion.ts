/** People who ask for less motion get jumps instead of glides and cluster animations. */
export function reducedMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches
}
