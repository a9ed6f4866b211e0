import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF as Chromium (Skia) writes it: Flate-compressed content streams that show
 * glyph ids (`<002E> Tj`, `[<…> 12 <…>] TJ`) in Type0 fonts whose ToUnicode CMaps give each glyph's
 * characters. Enough to check what a printed page says; not a general PDF reader (no object
 * streams, no encryption, no simple-font encodings). Each text object (BT … ET) ends a line.
 */
export function pdfText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const objects = new Map<string, string>();
  for (const match of source.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g))
    objects.set(match[1] ?? '', match[2] ?? '');

  const streamOf = (body: string): string | null => {
    const at = body.indexOf('stream');
    if (at < 0) return null;
    let start = at + 'stream'.length;
    if (body[start] === '\r') start++;
    if (body[start] === '\n') start++;
    const raw = Buffer.from(body.slice(start, body.lastIndexOf('endstream')), 'latin1');
    return /\/FlateDecode/.test(body.slice(0, at))
      ? inflateSync(raw).toString('latin1')
      : raw.toString('latin1');
  };

  const hexText = (hex: string) => String.fromCodePoint(Number.parseInt(hex, 16));
  /** Glyph id (4 hex digits, upper case) → characters, from a ToUnicode CMap. */
  const cmapOf = (cmap: string): Map<string, string> => {
    const glyphs = new Map<string, string>();
    for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
      for (const [, glyph = '', chars = ''] of (block[1] ?? '').matchAll(
        /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g,
      ))
        glyphs.set(glyph.toUpperCase(), chars.match(/.{4}/g)?.map(hexText).join('') ?? '');
    for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
      for (const [, from = '', to = '', first = ''] of (block[1] ?? '').matchAll(
        /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g,
      ))
        for (let glyph = Number.parseInt(from, 16); glyph <= Number.parseInt(to, 16); glyph++)
          glyphs.set(
            glyph.toString(16).toUpperCase().padStart(4, '0'),
            String.fromCodePoint(Number.parseInt(first, 16) + glyph - Number.parseInt(from, 16)),
          );
    return glyphs;
  };

  // Font resource names (/F4) → the ToUnicode map of the font object they name.
  const fonts = new Map<string, Map<string, string>>();
  for (const body of objects.values())
    for (const dict of body.matchAll(/\/Font\s*<<([\s\S]*?)>>/g))
      for (const [, name = '', id = ''] of (dict[1] ?? '').matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
        const toUnicode = objects.get(id)?.match(/\/ToUnicode\s+(\d+) 0 R/)?.[1];
        const cmap = toUnicode ? streamOf(objects.get(toUnicode) ?? '') : null;
        if (cmap) fonts.set(name, cmapOf(cmap));
      }

  const lines: string[] = [];
  for (const body of objects.values()) {
    const content = streamOf(body);
    if (!content || !/\bBT\b/.test(content)) continue;
    let font = new Map<string, string>();
    let line = '';
    for (const [token, fontName, shown] of content.matchAll(
      /\/(\w+)\s+[\d.]+\s+Tf|(\[[^\]]*\]\s*TJ|<[0-9A-Fa-f]*>\s*Tj)|\bET\b/g,
    )) {
      if (fontName) font = fonts.get(fontName) ?? new Map();
      else if (shown)
        for (const [, hex = ''] of shown.matchAll(/<([0-9A-Fa-f]*)>/g))
          line += (hex.match(/.{4}/g) ?? []).map((glyph) => font.get(glyph.toUpperCase()) ?? '').join('');
      else if (token === 'ET') {
        lines.push(line);
        line = '';
      }
    }
  }
  return lines.join('\n');
}
