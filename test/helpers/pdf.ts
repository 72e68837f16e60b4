import fs from 'node:fs'
import path from 'node:path'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

/** pdfjs-dist's canvas factory in Node (@napi-rs/canvas): only the parts a test uses. */
interface NodeCanvasFactory {
  create(
    width: number,
    height: number,
  ): { canvas: { toBuffer(mime: 'image/png'): Buffer }; context: CanvasRenderingContext2D }
}

async function open(pdf: Buffer) {
  return getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise
}

/** The text of each page of a PDF, its runs joined and white space collapsed. */
export async function pdfPageTexts(pdf: Buffer): Promise<string[]> {
  const doc = await open(pdf)
  try {
    const pages: string[] = []
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent()
      const text = content.items.map((item) => ('str' in item ? `${item.str}${item.hasEOL ? ' ' : ''}` : ''))
      pages.push(text.join(' ').replace(/\s+/g, ' ').trim())
    }
    return pages
  } finally {
    await doc.destroy()
  }
}

/** Renders one page of a PDF to a PNG file (for a person to look at) and returns its path. */
export async function renderPdfPage(pdf: Buffer, pageNumber: number, file: string): Promise<string> {
  const doc = await open(pdf)
  try {
    const page = await doc.getPage(pageNumber)
    const viewport = page.getViewport({ scale: 1.5 })
    const factory = (doc as unknown as { canvasFactory: NodeCanvasFactory }).canvasFactory
    const { canvas, context } = factory.create(viewport.width, viewport.height)
    await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: context, viewport })
      .promise
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, canvas.toBuffer('image/png'))
    return file
  } finally {
    await doc.destroy()
  }
}
