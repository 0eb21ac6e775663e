import { create } from 'qrcode';
import type { CanvasRect, Column } from 'pdfmake/interfaces';

/** The four-module quiet zone the QR standard requires around the symbol. */
const QUIET_ZONE = 4;

/**
 * A QR code drawn as vectors (one rectangle per run of dark modules), so it
 * stays sharp at any print resolution. Level M survives a crease or a stamp.
 */
export function qrCode(text: string, size: number): Column {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const count = modules.size;
  const module = size / (count + 2 * QUIET_ZONE);
  const rects: CanvasRect[] = [{ type: 'rect', x: 0, y: 0, w: size, h: size, color: '#ffffff' }];
  for (let row = 0; row < count; row++) {
    let start = -1;
    for (let column = 0; column <= count; column++) {
      const dark = column < count && modules.get(row, column) === 1;
      if (dark && start < 0) start = column;
      if (!dark && start >= 0) {
        rects.push({
          type: 'rect',
          x: (QUIET_ZONE + start) * module,
          y: (QUIET_ZONE + row) * module,
          // A hair wider and taller, so neighbouring rectangles leave no white seam when rasterised.
          w: (column - start) * module + 0.05,
          h: module + 0.05,
          color: '#000000',
        });
        start = -1;
      }
    }
  }
  return { canvas: rects, width: size };
}
