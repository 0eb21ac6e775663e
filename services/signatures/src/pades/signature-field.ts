import { readFileSync } from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import {
  beginText,
  endText,
  moveText,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRef,
  PDFStream,
  PDFString,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setFillingColor,
  setFontAndSize,
  setLineWidth,
  setStrokingColor,
  showText,
  stroke,
} from 'pdf-lib';
import { formatVietnamDateTime } from '@mc/working-calendar';

/** The same Tinos the forms are set in: every Vietnamese letter with its diacritics. */
const TINOS = readFileSync(path.join(path.dirname(require.resolve('@expo-google-fonts/tinos/package.json')), '400Regular', 'Tinos_400Regular.ttf'));

/** Room for the CMS: three certificates, the signature and a timestamp token with the TSA's chain fit in about 8 KB. */
export const SIGNATURE_CAPACITY = 24_000;

export interface VisibleSignature {
  /** "Ký bởi", "Đóng dấu", "Sao y bản chính" … the first line of the block. */
  caption: string;
  signerName: string;
  unitName: string;
  signedAt: Date;
  reason: string;
  location: string;
}

/** Marks a block whose F1 is the whole Tinos face, with every glyph's width and Unicode value: later blocks of the same file reuse it. */
const FULL_FACE_MARK = 'MotCuaFullFace';
const TINOS_GLYPHS = fontkit.create(TINOS);

interface BlockFace {
  ref: PDFRef;
  encode(text: string): PDFHexString;
}

/** The Tinos face of an earlier block of this file, if a signature of the platform put one there. */
function earlierFace(document: PDFDocument): PDFRef | undefined {
  const form = document.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  const fields = form?.lookupMaybe(PDFName.of('Fields'), PDFArray);
  for (let index = 0; index < (fields?.size() ?? 0); index += 1) {
    const widget = document.context.lookupMaybe(fields?.get(index), PDFDict);
    const normal = widget?.lookupMaybe(PDFName.of('AP'), PDFDict)?.lookupMaybe(PDFName.of('N'), PDFStream);
    const font = normal?.dict.lookupMaybe(PDFName.of('Resources'), PDFDict)?.lookupMaybe(PDFName.of('Font'), PDFDict)?.get(PDFName.of('F1'));
    if (normal?.dict.has(PDFName.of(FULL_FACE_MARK)) && font instanceof PDFRef) return font;
  }
  return undefined;
}

/**
 * The whole Tinos face, embedded once per file: pdf-lib's subsetting drops
 * glyphs of this font (the block came out with most letters missing), and a
 * second copy of the whole face (about 450 KB) at every counter-signature
 * would take a sealed result past what the store takes inline. The whole face
 * carries every glyph's width and Unicode value, so a later block encodes its
 * text as glyph ids (Identity-H, as pdf-lib writes it) against the same face.
 */
async function blockFace(document: PDFDocument): Promise<BlockFace> {
  const earlier = earlierFace(document);
  if (earlier) {
    return {
      ref: earlier,
      encode: (text) => PDFHexString.of(TINOS_GLYPHS.layout(text).glyphs.map((glyph) => glyph.id.toString(16).padStart(4, '0').toUpperCase()).join('')),
    };
  }
  document.registerFontkit(fontkit);
  const font = await document.embedFont(TINOS);
  return { ref: font.ref, encode: (text) => font.encodeText(text) };
}

const WIDTH = 220;
const HEIGHT = 62;
const MARGIN = 36;

function lines(signature: VisibleSignature): string[] {
  return [signature.caption, signature.signerName, signature.unitName, `Thời gian ký: ${formatVietnamDateTime(signature.signedAt)}`];
}

function existingSignatureFields(document: PDFDocument): number {
  const form = document.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  const fields = form?.lookupMaybe(PDFName.of('Fields'), PDFArray);
  return fields?.size() ?? 0;
}

/**
 * Adds an unsigned signature field to the last page: the dictionary with the
 * byte-range and contents placeholders that @signpdf fills, and a visible
 * block (signer, unit, time in Vietnam) in the bottom-right corner; each
 * further signature is placed one block higher, so none hides another.
 */
export async function addSignatureField(document: PDFDocument, signature: VisibleSignature): Promise<void> {
  const page = document.getPage(document.getPageCount() - 1);
  const ordinal = existingSignatureFields(document);
  const x = page.getWidth() - MARGIN - WIDTH;
  const y = MARGIN + ordinal * (HEIGHT + 8);

  pdflibAddPlaceholder({
    pdfDoc: document,
    pdfPage: page,
    reason: signature.reason,
    contactInfo: signature.unitName,
    name: signature.signerName,
    location: signature.location,
    signingTime: signature.signedAt,
    signatureLength: SIGNATURE_CAPACITY,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    widgetRect: [x, y, x + WIDTH, y + HEIGHT],
  });

  const face = await blockFace(document);
  const red = rgb(0.75, 0.05, 0.05);
  const text = lines(signature).flatMap((line, index) => [
    ...(index === 0 ? [moveText(6, HEIGHT - 13)] : [moveText(0, -14)]),
    setFontAndSize('F1', index === 1 ? 10 : 9),
    showText(face.encode(line)),
  ]);
  const appearance = document.context.formXObject(
    [
      pushGraphicsState(),
      setStrokingColor(red),
      setLineWidth(1),
      rectangle(0.5, 0.5, WIDTH - 1, HEIGHT - 1),
      stroke(),
      setFillingColor(red),
      beginText(),
      ...text,
      endText(),
      popGraphicsState(),
    ],
    { BBox: [0, 0, WIDTH, HEIGHT], Resources: { Font: { F1: face.ref } }, [FULL_FACE_MARK]: true },
  );

  // The placeholder library names every field "Signature1" and gives it an empty appearance; a counter-signature needs its own name and both need a face.
  const form = document.catalog.lookup(PDFName.of('AcroForm'), PDFDict);
  const fields = form.lookup(PDFName.of('Fields'), PDFArray);
  const widget = document.context.lookup(fields.get(fields.size() - 1) as PDFRef, PDFDict);
  const emptyAppearance = widget.lookup(PDFName.of('AP'), PDFDict).get(PDFName.of('N'));
  if (emptyAppearance instanceof PDFRef) document.context.delete(emptyAppearance);
  widget.set(PDFName.of('T'), PDFString.of(`Chu ky ${ordinal + 1}`));
  widget.set(PDFName.of('AP'), document.context.obj({ N: document.context.register(appearance) }));
}

/**
 * Sets one block of text in Tinos on a throwaway page: the first layout of the
 * face takes pdf-lib and fontkit over a second on a busy machine, which a
 * clerk's first signature of the day would otherwise wait for.
 */
export async function warmUpSignatureBlock(): Promise<void> {
  const document = await PDFDocument.create();
  document.registerFontkit(fontkit);
  const font = await document.embedFont(TINOS);
  document.addPage().drawText(lines({ caption: 'Ký bởi', signerName: 'Ắ', unitName: 'Ủy ban', signedAt: new Date(), reason: '', location: '' }).join(' '), { font, size: 9 });
  await document.save();
}
