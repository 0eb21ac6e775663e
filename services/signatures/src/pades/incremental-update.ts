import { PDFDocument, PDFRef } from 'pdf-lib';

function serialise(object: { sizeInBytes(): number; copyBytesInto(buffer: Uint8Array, offset: number): number }): Buffer {
  const bytes = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(bytes, 0);
  return Buffer.from(bytes);
}

function objectsOf(document: PDFDocument): Map<string, { ref: PDFRef; bytes: Buffer }> {
  return new Map(document.context.enumerateIndirectObjects().map(([ref, object]) => [ref.tag, { ref, bytes: serialise(object) }]));
}

function previousStartXref(pdf: Buffer): number {
  const at = pdf.lastIndexOf('startxref');
  const match = at < 0 ? null : /startxref\s+(\d+)/.exec(pdf.subarray(at, at + 40).toString('latin1'));
  if (!match) throw new Error('PDF without startxref');
  return Number(match[1]);
}

/**
 * Applies `change` to a PDF and appends only what it added or altered as an
 * incremental update (ISO 32000-1 §7.5.6): the bytes before stay exactly as
 * they were, so every signature already in the document still covers them.
 * pdf-lib itself only rewrites whole files.
 */
export async function appendIncrementalUpdate(pdf: Buffer, change: (document: PDFDocument) => Promise<void>): Promise<Buffer> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  if (document.isEncrypted) throw new Error('encrypted PDF');
  const before = objectsOf(document);
  const largest = document.context.largestObjectNumber;
  await change(document);
  await document.flush();

  const changed = [...objectsOf(document).values()].filter(({ ref, bytes }) => ref.objectNumber > largest || !before.get(ref.tag)?.bytes.equals(bytes));
  changed.sort((a, b) => a.ref.objectNumber - b.ref.objectNumber);

  const parts: Buffer[] = [pdf];
  let offset = pdf.length;
  const push = (part: Buffer | string) => {
    const buffer = typeof part === 'string' ? Buffer.from(part, 'latin1') : part;
    parts.push(buffer);
    offset += buffer.length;
  };
  if (pdf[pdf.length - 1] !== 0x0a) push('\n');
  const offsets = new Map<number, { offset: number; generation: number }>();
  for (const { ref, bytes } of changed) {
    offsets.set(ref.objectNumber, { offset, generation: ref.generationNumber });
    push(`${ref.objectNumber} ${ref.generationNumber} obj\n`);
    push(bytes);
    push('\nendobj\n');
  }

  const xrefAt = offset;
  const numbers = [...offsets.keys()];
  let table = 'xref\n';
  for (let start = 0; start < numbers.length; ) {
    let end = start;
    while (end + 1 < numbers.length && numbers[end + 1] === numbers[end]! + 1) end += 1;
    table += `${numbers[start]} ${end - start + 1}\n`;
    for (let index = start; index <= end; index += 1) {
      const entry = offsets.get(numbers[index]!)!;
      table += `${String(entry.offset).padStart(10, '0')} ${String(entry.generation).padStart(5, '0')} n\r\n`;
    }
    start = end + 1;
  }
  push(table);
  const trailer = document.context.trailerInfo;
  const entries = [
    `/Size ${document.context.largestObjectNumber + 1}`,
    `/Root ${String(trailer.Root)}`,
    trailer.Info ? `/Info ${trailer.Info.toString()}` : '',
    trailer.ID ? `/ID ${trailer.ID.toString()}` : '',
    `/Prev ${previousStartXref(pdf)}`,
  ].filter(Boolean);
  push(`trailer\n<< ${entries.join(' ')} >>\nstartxref\n${xrefAt}\n%%EOF\n`);
  return Buffer.concat(parts);
}
