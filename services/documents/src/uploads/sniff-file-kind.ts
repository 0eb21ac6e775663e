import { fromBuffer } from 'file-type';
import { AppError, UPLOAD_FILE_TYPES, type UploadFileKind } from '@mc/contracts';

const KIND_OF_EXTENSION: Record<string, UploadFileKind> = { pdf: 'pdf', jpg: 'jpeg', png: 'png', tif: 'tiff', docx: 'docx', xlsx: 'xlsx', xml: 'xml' };

/** Enough of the first bytes for every kind allowed (a DOCX/XLSX is told from the entries at the start of its zip). */
export const SNIFF_BYTES = 1024 * 1024;

export const extensionOf = (filename: string): string => filename.slice(filename.lastIndexOf('.') + 1).toLowerCase();

export const kindOfExtension = (filename: string): UploadFileKind | undefined =>
  (Object.keys(UPLOAD_FILE_TYPES) as UploadFileKind[]).find((kind) => UPLOAD_FILE_TYPES[kind].extensions.includes(extensionOf(filename)));

const listKinds = (kinds: readonly UploadFileKind[]) => kinds.map((kind) => UPLOAD_FILE_TYPES[kind].label).join(', ');

/** Refused before a byte is read: a name no allowed kind goes by. */
export function checkDeclaredName(filename: string, allowed: readonly UploadFileKind[], componentName: string): void {
  const kind = kindOfExtension(filename);
  if (!kind || !allowed.includes(kind)) {
    throw new AppError('FILE_TYPE_REFUSED', `Thành phần «${componentName}» chỉ nhận ${listKinds(allowed)}; tệp «${filename}» không thuộc loại này.`);
  }
}

/**
 * What the bytes are, whatever the name says: a PNG renamed .pdf is refused.
 * file-type 16 throws on some inputs shorter than a header; that is "unknown".
 */
export async function sniffFileKind(head: Buffer, filename: string, allowed: readonly UploadFileKind[], componentName: string): Promise<UploadFileKind> {
  const found = await fromBuffer(head).catch(() => undefined);
  const kind = found ? KIND_OF_EXTENSION[found.ext] : undefined;
  const named = kindOfExtension(filename);
  if (!kind) {
    throw new AppError(
      'FILE_TYPE_REFUSED',
      `Nội dung tệp «${filename}» không phải ${listKinds(allowed)}; hãy quét hoặc lưu lại đúng định dạng rồi tải lên.`,
    );
  }
  if (kind !== named) {
    throw new AppError(
      'FILE_TYPE_REFUSED',
      `Tệp «${filename}» mang đuôi .${extensionOf(filename)} nhưng nội dung là ${UPLOAD_FILE_TYPES[kind].label}; hãy tải lên đúng tệp ${named ? UPLOAD_FILE_TYPES[named].label : 'đã khai'}.`,
    );
  }
  if (!allowed.includes(kind)) {
    throw new AppError('FILE_TYPE_REFUSED', `Thành phần «${componentName}» chỉ nhận ${listKinds(allowed)}; tệp «${filename}» là ${UPLOAD_FILE_TYPES[kind].label}.`);
  }
  return kind;
}
