import { lateDossiersTable, staffingTableOf, timelinessTable, trackingBookTable } from '../src/exports/report-tables';
import { isLandscape, renderPdf } from '../src/exports/render-pdf';
import { pdfTextLines, pdftotext } from './export-pdf-text';
import { sampleLateDossiers, sampleStaffing, sampleTimeliness, sampleTrackingBook } from './export-fixtures';

const now = new Date('2026-02-28T09:30:00.000Z');

function pageSizes(pdf: Buffer): number[][] {
  return [...pdf.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((match) => [Number(match[1]), Number(match[2])]);
}

describe('PDF export', () => {
  it('prints the timeliness report on A4 landscape with Vietnamese headers, numbers and page numbers', async () => {
    const table = timelinessTable(sampleTimeliness());
    const pdf = await renderPdf(table, { now });

    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(isLandscape(table)).toBe(true);
    expect(pageSizes(pdf)).toEqual([[841.89, 595.28]]);

    const lines = pdfTextLines(pdf);
    expect(lines[0]).toBe('BÁO CÁO TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    expect(lines).toContain('Số liệu tính đến 16:30 ngày 28/02/2026');
    expect(lines.at(-1)).toBe('Trang 1/1');
    const text = lines.join('\n');
    for (const printed of [
      'BÁO CÁO TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
      'Đơn vị: Phường Lương Văn Tri (mã 05983)',
      'Từ ngày 01/02/2026 đến ngày 28/02/2026',
      'Số liệu tính đến 16:30 ngày 28/02/2026',
      'Thủ tục hành chính',
      'Đúng hạn',
      'Đăng ký khai sinh',
      'Tổng cộng',
      '148.636',
      '93,52%',
      'Trang 1/1',
    ]) {
      expect(text).toContain(printed);
    }
  });

  it('reads the same with pdftotext when poppler-utils is installed', async () => {
    const text = pdftotext(await renderPdf(timelinessTable(sampleTimeliness()), { now }));
    if (text === null) return; // not installed: the test above reads the text itself
    expect(text).toContain('BÁO CÁO TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    expect(text).toContain('Kỳ trước');
    expect(text).toContain('Tổng cộng');
    expect(text).toContain('148.636');
    expect(text).toContain('93,52%');
    expect(text).toContain('Trang 1/1');
  });

  it('uses portrait for a narrow table and repeats the header row on every page', async () => {
    const staffing = staffingTableOf(sampleStaffing());
    expect(isLandscape(staffing)).toBe(false);
    expect(pageSizes(await renderPdf(staffing, { now }))).toEqual([[595.28, 841.89]]);

    const book = await renderPdf(trackingBookTable(sampleTrackingBook(120)), { now });
    const pages = pageSizes(book).length;
    expect(pages).toBeGreaterThan(1);
    const lines = pdfTextLines(book);
    expect(lines.filter((line) => line.includes('Mã hồ sơ'))).toHaveLength(pages);
    expect(lines).toContain(`Trang ${pages}/${pages}`);
  });

  it('prints multi-line cells (apologies) and the notes', async () => {
    const text = pdfTextLines(await renderPdf(lateDossiersTable(sampleLateDossiers()), { now })).join('\n');
    expect(text).toContain('Ghi chú:');
    expect(text).toContain('Chưa có');
    expect(text).toContain('Quá hạn 2 ngày');
  });

  it('keeps a 500-line tracking book, the most a PDF export holds, under the bus message size', async () => {
    const pdf = await renderPdf(trackingBookTable(sampleTrackingBook(500, 12_000)), { now });
    expect(Math.ceil(pdf.length / 3) * 4).toBeLessThan(900_000);
  });
});
