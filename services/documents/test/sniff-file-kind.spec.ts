import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { AppError, UPLOAD_FILE_KINDS, fileNameSchema } from '@mc/contracts';
import { checkDeclaredName, sniffFileKind } from '../src/uploads/sniff-file-kind';

const tiff = () => {
  const bytes = Buffer.alloc(2000);
  bytes.write('II*\0', 'latin1');
  bytes.writeUInt32LE(8, 4);
  return bytes;
};
const png = () => PNG.sync.write(new PNG({ width: 4, height: 4 }));
const xlsx = async () => {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Sổ').addRow(['Mã hồ sơ', 1]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
};
const docx = async () => {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<Types/>');
  zip.file('word/document.xml', '<w:document/>');
  return zip.generateAsync({ type: 'nodebuffer' });
};
const refusal = async (work: Promise<unknown>) => {
  const error = await work.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).toBody();
};

describe('the kind of an uploaded file, from its bytes', () => {
  it('tells each allowed kind from its bytes', async () => {
    const samples: [string, Buffer][] = [
      ['to-khai.pdf', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n')],
      ['anh.jpg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100)])],
      ['anh.png', png()],
      ['ban-quet.tif', tiff()],
      ['don.docx', await docx()],
      ['bang-ke.xlsx', await xlsx()],
      ['du-lieu.xml', Buffer.from('<?xml version="1.0" encoding="UTF-8"?><hoSo/>')],
    ];
    const kinds = [];
    for (const [name, bytes] of samples) kinds.push(await sniffFileKind(bytes, name, UPLOAD_FILE_KINDS, 'Thành phần'));
    expect(kinds).toEqual(['pdf', 'jpeg', 'png', 'tiff', 'docx', 'xlsx', 'xml']);
  });

  it('refuses bytes that are not what the name says, bytes of no allowed kind, and a kind the component does not take', async () => {
    expect(await refusal(sniffFileKind(png(), 'giay.pdf', UPLOAD_FILE_KINDS, 'Giấy chứng sinh'))).toEqual({
      code: 'FILE_TYPE_REFUSED',
      message: 'Tệp «giay.pdf» mang đuôi .pdf nhưng nội dung là ảnh PNG; hãy tải lên đúng tệp PDF.',
    });
    expect((await refusal(sniffFileKind(Buffer.from('MZ\x90\0 not a document'), 'giay.pdf', ['pdf'], 'Tờ khai'))).message).toBe(
      'Nội dung tệp «giay.pdf» không phải PDF; hãy quét hoặc lưu lại đúng định dạng rồi tải lên.',
    );
    expect((await refusal(sniffFileKind(png(), 'anh.png', ['pdf'], 'Tờ khai'))).message).toBe('Thành phần «Tờ khai» chỉ nhận PDF; tệp «anh.png» là ảnh PNG.');
    // A header cut short makes file-type 16 throw; that is "not an allowed kind", not a crash.
    expect((await refusal(sniffFileKind(Buffer.from('II*\0'), 'scan.tif', UPLOAD_FILE_KINDS, 'Bản quét'))).code).toBe('FILE_TYPE_REFUSED');
  });

  it('refuses, before any byte, a name whose extension the component does not take', () => {
    expect(() => checkDeclaredName('to-khai.exe', UPLOAD_FILE_KINDS, 'Tờ khai')).toThrow('Thành phần «Tờ khai» chỉ nhận PDF, ảnh JPEG');
    expect(() => checkDeclaredName('TO-KHAI.PDF', ['pdf'], 'Tờ khai')).not.toThrow();
  });

  it('refuses file names that carry a path, control characters or no extension', () => {
    for (const name of ['../to-khai.pdf', 'a/b.pdf', 'a\\b.pdf', '.htaccess', 'to\u0000khai.pdf', 'to-khai']) {
      expect(fileNameSchema.safeParse(name).success).toBe(false);
    }
    expect(fileNameSchema.parse(' Tờ khai đăng ký khai sinh (bản 2).pdf ')).toBe('Tờ khai đăng ký khai sinh (bản 2).pdf');
  });
});
