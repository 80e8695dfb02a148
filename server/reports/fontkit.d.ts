/** The one function of fontkit (a dependency of pdfkit) that pdf-layout.ts uses. */
declare module 'fontkit' {
  /** A parsed font; pdfkit's registerFont accepts it in place of the file's bytes. */
  export interface Font {
    layout(text: string): unknown;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
