import { attachmentName } from './AttachmentPicker';
import type { AttachmentToSend, SendStatus } from '../api/send-attachments';

const describe = (status: SendStatus) =>
  status.state === 'waiting'
    ? 'Chờ gửi'
    : status.state === 'sending'
      ? `Đang gửi ${Math.round(status.fraction * 100)} %`
      : status.state === 'done'
        ? 'Đã gửi'
        : `Chưa gửi được: ${status.error.message}`;

/** Each attachment with how far it has gone; announced to screen readers as it changes. */
export function SendingList({ items, statuses }: { items: AttachmentToSend[]; statuses: Record<string, SendStatus> }) {
  return (
    <ul className="upload-list" aria-live="polite">
      {items.map((item) => {
        const status = statuses[item.component] ?? { state: 'waiting' };
        return (
          <li key={item.component} data-testid={`gui-tep-${item.component}`} data-state={status.state}>
            <strong>{item.componentName}</strong>
            <br />
            {attachmentName(item.attachment)} — <span className={status.state === 'failed' ? 'field-error' : undefined}>{describe(status)}</span>
          </li>
        );
      })}
    </ul>
  );
}
