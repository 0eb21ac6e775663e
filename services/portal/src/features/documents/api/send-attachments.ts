import { useCallback, useRef, useState } from 'react';
import { uploadFile } from '../../../lib/uploads';
import type { Attachment } from '../components/AttachmentPicker';
import { reuseStoredDocument } from './documents-api';

export interface AttachmentToSend {
  /** The component's number in the procedure version the dossier was received under. */
  component: string;
  componentName: string;
  attachment: Attachment;
}

export type SendStatus = { state: 'waiting' } | { state: 'sending'; fraction: number } | { state: 'done' } | { state: 'failed'; error: Error };

/**
 * Sends a dossier's attachments one after another (a slow connection shares
 * nothing well): files through the resumable upload, stored documents by
 * reference. `send` answers whether all are stored; a second call sends only
 * those not stored yet, so "Gửi lại" never stores a file twice. Statuses are
 * by component number.
 */
export function useSendAttachments(items: AttachmentToSend[], purpose: 'submission' | 'supplement') {
  const [statuses, setStatuses] = useState<Record<string, SendStatus>>({});
  const stored = useRef(new WeakSet<Attachment>());
  const set = (component: string, status: SendStatus) => setStatuses((previous) => ({ ...previous, [component]: status }));

  const send = useCallback(
    async (dossierCode: string): Promise<boolean> => {
      let all = true;
      for (const item of items) {
        if (stored.current.has(item.attachment)) continue;
        set(item.component, { state: 'sending', fraction: 0 });
        try {
          if (item.attachment.kind === 'file') {
            await uploadFile(item.attachment.file, { dossierCode, component: item.component, purpose }, (fraction) =>
              set(item.component, { state: 'sending', fraction }),
            );
          } else {
            await reuseStoredDocument(dossierCode, item.attachment.document.id, item.component);
          }
          stored.current.add(item.attachment);
          set(item.component, { state: 'done' });
        } catch (failure) {
          all = false;
          set(item.component, { state: 'failed', error: failure as Error });
        }
      }
      return all;
    },
    [items, purpose],
  );
  return { statuses, send };
}
