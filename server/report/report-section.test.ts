import { describe, expect, it } from 'vitest'
import { escapeHtml, html, SafeHtml, svgBarChart } from './report-section'

describe('report HTML helpers', () => {
  it('escapes every interpolation that is not already SafeHtml', () => {
    const name = '<script>alert("x")</script> & Co\'s'
    const out = html`<p>${name}</p>${html`<b>${'a<b'}</b>`}`
    expect(out).toBeInstanceOf(SafeHtml)
    expect(out.value).toBe(
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co&#39;s</p><b>a&lt;b</b>',
    )
  })

  it('joins arrays and leaves out null, undefined and false', () => {
    expect(html`${['a', html`<i>b</i>`, null, undefined, false, 3]}`.value).toBe('a<i>b</i>3')
    expect(escapeHtml('"\'')).toBe('&quot;&#39;')
  })

  it('draws one labelled bar per row, longest for the largest value, with its value as text', () => {
    const svg = svgBarChart(
      [
        { label: 'Lottery <fund>', value: 100 },
        { label: 'Council', value: 25 },
        { label: 'None', value: 0 },
      ],
      { title: 'Funding by funder', format: (v) => `£${v}` },
    ).value
    expect(svg).toContain('<title>Funding by funder</title>')
    expect(svg).toContain('Lottery &lt;fund&gt;')
    const widths = [...svg.matchAll(/class="bar"/g)].length
    expect(widths).toBe(3)
    const barWidths = [...svg.matchAll(/<rect [^>]*width="(\d+)"/g)].map((m) => Number(m[1]))
    expect(barWidths[0]).toBeGreaterThan(barWidths[1] ?? 0)
    expect(barWidths[2]).toBe(0)
    expect(svg).toContain('£25')
  })
})
