/** Reading a PDF back as a person would: its text layer and its pages as images (poppler-utils), a QR code on a page (jsQR). For tests. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** The text layer as `pdftotext` (poppler-utils) reads it, in reading order: a wrapped cell or column stays one block. */
export function pdftotext(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf, encoding: 'utf8' });
}

/** Each page rasterised by `pdftoppm` as a PNG, at the resolution given. */
export function pdftoppm(pdf: Buffer, dpi: number): Buffer[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'forms-'));
  try {
    writeFileSync(path.join(dir, 'form.pdf'), pdf);
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), path.join(dir, 'form.pdf'), path.join(dir, 'page')]);
    return readdirSync(dir)
      .filter((file) => file.endsWith('.png'))
      .sort()
      .map((file) => readFileSync(path.join(dir, file)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What the QR code on a page image says, read by jsQR; null when there is none to read. */
export function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height)?.data ?? null;
}

/** pdftotext lays a form out in columns; one space between words makes a phrase findable wherever it sits. */
export const words = (text: string) => text.replace(/\s+/g, ' ');
