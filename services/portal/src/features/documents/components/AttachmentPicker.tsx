import type { ChangeEvent } from 'react';
import { formatSize, type StoredDocument } from '../api/documents-api';

/** What the citizen hands in for one component: a file from the phone (camera included) or a document from their store. */
export type Attachment = { kind: 'file'; file: File } | { kind: 'store'; document: StoredDocument };

export const attachmentName = (attachment: Attachment) => (attachment.kind === 'file' ? attachment.file.name : attachment.document.title);

// The kinds a component may take (the catalog's fileKinds), as the browser's file chooser understands them.
const ACCEPT: Record<string, string> = {
  pdf: 'application/pdf,.pdf',
  jpeg: 'image/jpeg,.jpg,.jpeg',
  png: 'image/png,.png',
  tiff: 'image/tiff,.tif,.tiff',
  docx: '.docx',
  xlsx: '.xlsx',
  xml: '.xml',
};
const ALL_KINDS = Object.keys(ACCEPT);

interface Props {
  /** Unique on the page; the inputs' ids start with it. */
  id: string;
  componentName: string;
  value: Attachment | undefined;
  onChange(value: Attachment | undefined): void;
  fileKinds?: string[];
  maxSizeMb?: number;
  /** The citizen's stored documents that could stand for this component. */
  stored: StoredDocument[];
  error?: string;
}

/** Attaches one component: "Chụp ảnh hoặc chọn tệp" opens the phone's camera or files; a stored document needs no upload. */
export function AttachmentPicker({ id, componentName, value, onChange, fileKinds, maxSizeMb, stored, error }: Props) {
  const kinds = fileKinds?.length ? fileKinds : ALL_KINDS;
  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) onChange({ kind: 'file', file });
  };
  const pick = (event: ChangeEvent<HTMLSelectElement>) => {
    const document = stored.find((candidate) => candidate.id === event.target.value);
    onChange(document ? { kind: 'store', document } : undefined);
  };
  const tooLarge = value?.kind === 'file' && maxSizeMb !== undefined && value.file.size > maxSizeMb * 1024 * 1024;
  const shownError = error ?? (tooLarge ? `Tệp lớn hơn ${maxSizeMb} MB. Chụp lại ở độ phân giải thấp hơn hoặc chọn tệp khác.` : undefined);
  if (value) {
    return (
      <div className="attachment" data-testid={`dinh-kem-${id}`}>
        {shownError && (
          <p className="field-error" id={`${id}-loi`}>
            {shownError}
          </p>
        )}
        <p className="attachment-chosen">
          {value.kind === 'file' ? 'Tệp đã chọn: ' : 'Dùng giấy tờ trong kho: '}
          <strong>{attachmentName(value)}</strong>
          {value.kind === 'file' ? ` (${formatSize(value.file.size)})` : ` (hồ sơ ${value.document.sourceDossierCode})`}{' '}
          <button type="button" className="link-button" onClick={() => onChange(undefined)}>
            Bỏ<span className="sr-only"> tệp của {componentName}</span>
          </button>
        </p>
      </div>
    );
  }
  return (
    <div className="attachment" data-testid={`dinh-kem-${id}`}>
      {shownError && (
        <p className="field-error" id={`${id}-loi`}>
          {shownError}
        </p>
      )}
      {/* The native chooser speaks the phone's language, not always Vietnamese: it stays focusable, and its label is what shows. */}
      <input
        id={`${id}-tep`}
        className="file-input"
        type="file"
        accept={kinds.map((kind) => ACCEPT[kind] ?? `.${kind}`).join(',')}
        onChange={choose}
        aria-describedby={shownError ? `${id}-loi` : undefined}
      />
      <label htmlFor={`${id}-tep`} className="file-button">
        Chụp ảnh hoặc chọn tệp<span className="sr-only"> cho {componentName}</span>
      </label>
      <p className="caption">
        {kinds.map((kind) => kind.toUpperCase()).join(', ')}
        {maxSizeMb ? `, tối đa ${maxSizeMb} MB` : ''}. Ảnh chụp rõ, đủ bốn góc giấy.
      </p>
      {stored.length > 0 && (
        <>
          <label htmlFor={`${id}-kho`} className="file-label">
            Hoặc dùng giấy tờ trong kho của bạn<span className="sr-only"> cho {componentName}</span>
          </label>
          <select id={`${id}-kho`} className="store-select" value="" onChange={pick}>
            <option value="">Chọn giấy tờ đã có</option>
            {stored.map((document) => (
              <option key={document.id} value={document.id}>
                {document.title} — hồ sơ {document.sourceDossierCode}, {document.storedAtDisplay}
              </option>
            ))}
          </select>
        </>
      )}
    </div>
  );
}
