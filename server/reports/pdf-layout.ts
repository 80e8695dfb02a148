/**
 * Building blocks of the PDFs (pdfkit): an A4 document with Inter embedded and tagged
 * for accessibility (PDF/UA structure: headings, paragraphs, figures with alt text,
 * tables with header cells), and the pieces every report uses.
 */
import { create as createFont } from 'fontkit';
import PDFDocument from 'pdfkit';
import type { TLanguage } from '../../survey-definitions/index.ts';
import { fontFile, renderPng } from '../charts/render.ts';
import type { TChart, TChartResult, TChartTable } from '../charts/types.ts';
import { ttfFromWoffFile } from './woff.ts';

export type TDoc = PDFKit.PDFDocument;

/**
 * The parsed font, once per thread. pdfkit accepts a fontkit font object as well as the
 * file's bytes; given bytes, it parses the font again for every document, and fontkit
 * decodes its tables (glyph outlines, metrics, kerning) lazily and caches them on the
 * object, so a fresh object per PDF pays that decoding again (about a third of a team
 * PDF's CPU time). pdfkit makes a new subset per document, so sharing the object is safe.
 */
const fonts = new Map<number, unknown>();
function interFont(weight: 400 | 700): unknown {
  let font = fonts.get(weight);
  if (!font) fonts.set(weight, (font = createFont(ttfFromWoffFile(fontFile(weight)))));
  return font;
}

const MARGIN = 56;
const INK = '#000000';
const MUTED = '#333333';

export function newDocument(title: string, lang: TLanguage): TDoc {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    tagged: true,
    pdfVersion: '1.7',
    subset: 'PDF/UA',
    displayTitle: true,
    lang: lang === 'en' ? 'en-GB' : 'nl-NL',
    info: { Title: title, Creator: 'wijkmeter', Producer: 'wijkmeter (pdfkit)' },
    autoFirstPage: true,
  } as unknown as PDFKit.PDFDocumentOptions);
  // Embedded (subset) from the npm package, as TrueType: see woff.ts.
  doc.registerFont('Inter', interFont(400) as unknown as Buffer);
  doc.registerFont('Inter-Bold', interFont(700) as unknown as Buffer);
  doc.font('Inter').fillColor(INK);
  const root = doc.struct('Document');
  doc.addStructure(root);
  roots.set(doc, root);
  return doc;
}

/** Every tagged element hangs under one Document element, ended when the PDF is. */
const roots = new WeakMap<TDoc, PDFKit.PDFStructureElement>();
function root(doc: TDoc): PDFKit.PDFStructureElement {
  return roots.get(doc)!;
}

export function contentWidth(doc: TDoc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/** Starts a new page unless `height` points still fit on this one. */
export function room(doc: TDoc, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

export function heading(doc: TDoc, text: string, level: 1 | 2 | 3): void {
  const size = level === 1 ? 22 : level === 2 ? 16 : 12.5;
  room(doc, size * 4);
  doc.moveDown(level === 1 ? 0 : 0.6);
  doc.font('Inter-Bold').fontSize(size).fillColor(INK);
  doc.text(text, { structParent: root(doc), structType: `H${level}` } as PDFKit.Mixins.TextOptions);
  doc.moveDown(0.3);
  doc.font('Inter');
}

export function paragraph(doc: TDoc, text: string, options: { size?: number; muted?: boolean } = {}): void {
  doc
    .font('Inter')
    .fontSize(options.size ?? 10.5)
    .fillColor(options.muted ? MUTED : INK);
  doc.text(text, { lineGap: 2, structParent: root(doc), structType: 'P' } as PDFKit.Mixins.TextOptions);
  doc.moveDown(0.5);
  doc.fillColor(INK);
}

/** A data table with header cells; long tables continue on the next page. */
export function table(doc: TDoc, t: TChartTable): void {
  room(doc, 60);
  doc
    .font('Inter-Bold')
    .fontSize(9.5)
    .text(t.caption, { structParent: root(doc), structType: 'Caption' } as PDFKit.Mixins.TextOptions);
  doc.moveDown(0.2);
  const width = contentWidth(doc);
  const first = Math.min(width * 0.45, Math.max(width * 0.25, width - (t.columns.length - 1) * 62));
  const rest = (width - first) / Math.max(1, t.columns.length - 1);
  doc.font('Inter').fontSize(8.5);
  doc.table({
    structParent: root(doc),
    columnStyles: t.columns.map((_, i) => (i === 0 ? first : rest)),
    defaultStyle: { padding: [2, 4], border: 0.5, borderColor: '#999999' },
    data: [
      t.columns.map((c) => ({ text: c, type: 'TH' as const, font: { src: 'Inter-Bold' }, backgroundColor: '#eeeeee' })),
      ...t.rows.map((r) =>
        r.map((c, i) => (i === 0 ? { text: c, type: 'TH' as const } : { text: c, align: { x: 'right' as const } })),
      ),
    ],
  } as unknown as PDFKit.Mixins.TableOptionsWithData);
  doc.x = doc.page.margins.left;
  if (t.note) {
    doc.moveDown(0.3);
    paragraph(doc, t.note, { size: 8.5, muted: true });
  }
  doc.moveDown(0.5);
}

/** A chart (2× PNG, with its alt text) and its table; a notice for a suppressed one. */
export function chart(doc: TDoc, c: TChartResult): void {
  if (c.status === 'suppressed') {
    heading(doc, c.title, 3);
    paragraph(doc, c.notice);
    return;
  }
  const width = contentWidth(doc);
  const maxHeight = (doc.page.height - doc.page.margins.top - doc.page.margins.bottom) * 0.72;
  const scale = Math.min(width / c.width, maxHeight / c.height);
  const height = c.height * scale;
  room(doc, height + 20);
  const png = renderPng(c as TChart, 2, 'rgb');
  const x = doc.page.margins.left + (width - c.width * scale) / 2;
  const y = doc.y;
  root(doc).add(
    doc.struct('Figure', { alt: c.alt }, () => {
      doc.image(png, x, y, { width: c.width * scale, height });
    }),
  );
  doc.y = y + height + 8;
  doc.x = doc.page.margins.left;
  table(doc, c.table);
}

/** "pagina X van Y" on every page, as an artifact (not read out as content). */
export function footers(doc: TDoc, left: string, lang: TLanguage): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    // Text below the bottom margin would add a page: lift the margin while writing.
    doc.page.margins.bottom = 0;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.font('Inter').fontSize(8).fillColor(MUTED);
    const y = doc.page.height - 34;
    const page = lang === 'en' ? `page ${i + 1} of ${range.count}` : `pagina ${i + 1} van ${range.count}`;
    doc.text(left, doc.page.margins.left, y, { lineBreak: false });
    doc.text(page, doc.page.margins.left, y, { width: contentWidth(doc), align: 'right', lineBreak: false });
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
}

export function toBuffer(doc: TDoc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    root(doc).end();
    doc.end();
  });
}
