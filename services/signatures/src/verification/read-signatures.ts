/** One signature as the PDF holds it: the byte range it claims and the CMS in /Contents. */
export interface EmbeddedSignature {
  byteRange: [number, number, number, number];
  cms: Buffer;
  /** The signature dictionary's /M, the time the signer claims. */
  claimedTime?: Date;
  /** /SubFilter of the signature dictionary. */
  subFilter?: string;
}

function pdfDate(text: string | undefined): Date | undefined {
  const match = text && /D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|[+-]\d{2}'?\d{2}'?)?/.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, zone] = match;
  const offset = !zone || zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.replace(/'/g, '').slice(3, 5)}`;
  return new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
}

/**
 * Finds every signature dictionary by its /ByteRange, as pdfsig does, without
 * trusting the document's structure: a signature is judged on the bytes it
 * names, wherever the objects around it claim to be.
 */
export function readSignatures(pdf: Buffer): EmbeddedSignature[] {
  const found: EmbeddedSignature[] = [];
  let from = 0;
  for (;;) {
    const at = pdf.indexOf('/ByteRange', from);
    if (at < 0) break;
    from = at + 10;
    const range = /^\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(pdf.subarray(at, at + 80).toString('latin1'));
    if (!range) continue;
    const byteRange = range.slice(1, 5).map(Number) as [number, number, number, number];
    const [, length, resume] = byteRange;
    if (pdf[length] !== 0x3c || pdf[resume - 1] !== 0x3e) continue;
    const hex = pdf.subarray(length + 1, resume - 1).toString('latin1').replace(/(00)+$/, '');
    // The rest of this signature dictionary: its keys sit within a few hundred bytes either side of /ByteRange … /Contents.
    const before = pdf.subarray(Math.max(0, at - 600), at).toString('latin1');
    const after = pdf.subarray(resume, Math.min(pdf.length, resume + 600)).toString('latin1');
    const key = (pattern: RegExp) => pattern.exec(after.split('endobj')[0] ?? '')?.[1] ?? pattern.exec(before.split('endobj').pop() ?? '')?.[1];
    found.push({
      byteRange,
      cms: Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex'),
      claimedTime: pdfDate(key(/\/M\s*\((D:[^)]*)\)/)),
      subFilter: key(/\/SubFilter\s*\/([A-Za-z0-9.]+)/),
    });
  }
  return found;
}
