import path from 'node:path';
import pdfmake = require('pdfmake');
import type { TDocumentDefinitions } from 'pdfmake/interfaces';

/**
 * Tinos (SIL Open Font License 1.1, the licence is shipped in the package as
 * LICENSE_FONT): a serif with the metrics of Times New Roman, the face NĐ
 * 30/2020 asks of administrative documents, and every Vietnamese letter with
 * its diacritics (forms.spec checks each one).
 */
const FONT_DIR = path.dirname(require.resolve('@expo-google-fonts/tinos/package.json'));
export const TINOS = {
  normal: path.join(FONT_DIR, '400Regular', 'Tinos_400Regular.ttf'),
  bold: path.join(FONT_DIR, '700Bold', 'Tinos_700Bold.ttf'),
  italics: path.join(FONT_DIR, '400Regular_Italic', 'Tinos_400Regular_Italic.ttf'),
  bolditalics: path.join(FONT_DIR, '700Bold_Italic', 'Tinos_700Bold_Italic.ttf'),
};
const FONT_FILES = new Set(Object.values(TINOS));

type Pdfmake = typeof pdfmake;
/**
 * An instance of our own: the module's default instance holds one font table and
 * access policy for the whole process, which the reporting exports set to Roboto
 * (both run in one process in the integration tests).
 */
const engine: Pdfmake = new (Object.getPrototypeOf(pdfmake).constructor as new () => Pdfmake)();
engine.setFonts({ Tinos: TINOS });
// A form reads nothing but its fonts: no image or file from the disk, nothing from the network.
engine.setUrlAccessPolicy(() => false);
engine.setLocalAccessPolicy((file) => FONT_FILES.has(path.resolve(file)));

export const FONT_FAMILY = 'Tinos';

export function renderPdf(definition: TDocumentDefinitions): Promise<Buffer> {
  return engine.createPdf(definition).getBuffer();
}
