import { execFileSync } from 'node:child_process';
import { inflateSync } from 'node:zlib';

/**
 * The text lines of a PDF the way pdfmake (pdfkit) writes them: content
 * streams deflated, each word a `[<glyph ids>] TJ` placed with `Tm` in a font
 * chosen with `Tf`, each font with a ToUnicode CMap. Words on the same
 * baseline of a page join into one line (cells of a table row run together),
 * so a test can assert what was printed with no PDF tool installed.
 */
export function pdfTextLines(pdf: Buffer): string[] {
  const latin1 = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream: string | null }>();
  const header = /(\d+) 0 obj/g;
  for (let match = header.exec(latin1); match; match = header.exec(latin1)) {
    const start = match.index;
    const end = latin1.indexOf('endobj', start);
    if (end < 0) break;
    const body = latin1.slice(start, end);
    const streamAt = /stream\r?\n/.exec(body);
    let stream: string | null = null;
    if (streamAt) {
      const raw = pdf.subarray(start + streamAt.index + streamAt[0].length, start + body.lastIndexOf('endstream'));
      try {
        stream = (body.includes('/FlateDecode') ? inflateSync(raw) : raw).toString('latin1');
      } catch {
        stream = null;
      }
    }
    objects.set(Number(match[1]), { dict: streamAt ? body.slice(0, streamAt.index) : body, stream });
    header.lastIndex = end;
  }

  // Font resource name (F1) → font object → its ToUnicode CMap.
  const cmaps = new Map<string, Map<number, string>>();
  for (const { dict } of objects.values()) {
    for (const resource of dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(objects.get(Number(resource[2]))?.dict ?? '');
      const cmap = toUnicode ? objects.get(Number(toUnicode[1]))?.stream : null;
      if (cmap) cmaps.set(resource[1], parseToUnicode(cmap));
    }
  }

  const lines: string[] = [];
  let page = 0;
  for (const { stream } of objects.values()) {
    if (!stream || !stream.includes(' TJ')) continue;
    page++;
    const byBaseline = new Map<string, string>();
    let font: Map<number, string> | undefined;
    let y = '';
    const operators = /1 0 0 1 [-\d.]+ ([-\d.]+) Tm|\/(F\d+) [\d.]+ Tf|\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\]\s*TJ/g;
    for (const operator of stream.matchAll(operators)) {
      if (operator[1] !== undefined) y = operator[1];
      else if (operator[2] !== undefined) font = cmaps.get(operator[2]);
      else {
        const hex = [...operator[3].matchAll(/<([0-9a-fA-F]*)>/g)].map((part) => part[1]).join('');
        const text = (hex.match(/.{4}/g) ?? []).map((code) => font?.get(parseInt(code, 16)) ?? '\uFFFD').join('');
        const key = `${page}:${y}`;
        byBaseline.set(key, (byBaseline.get(key) ?? '') + text);
      }
    }
    lines.push(...[...byBaseline.values()].map((line) => line.trim()));
  }
  return lines;
}

function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const unicode = (hex: string) => String.fromCodePoint(...(hex.match(/.{4}/g) ?? []).map((unit) => parseInt(unit, 16)));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const entry of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const first = parseInt(entry[1], 16);
      const last = parseInt(entry[2], 16);
      if (entry[3].startsWith('[')) {
        [...entry[3].matchAll(/<([0-9a-fA-F]+)>/g)].forEach((target, index) => map.set(first + index, unicode(target[1])));
      } else {
        const base = parseInt(entry[3].slice(1, -1), 16);
        for (let code = first; code <= last; code++) map.set(code, String.fromCodePoint(base + code - first));
      }
    }
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const entry of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(entry[1], 16), unicode(entry[2]));
  }
  return map;
}

/** The text as `pdftotext` (poppler-utils) reads it, or null when it is not installed. */
export function pdftotext(pdf: Buffer): string | null {
  try {
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: pdf, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}
