import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useEffect, useId, useRef, useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { navigate } from '../../../lib/router';
import { markNoticesRead, NOTICE_KIND_LABELS, unreadNotices, type StaffNotice } from '../api/staff-notices-api';

/** How often the bell asks for new notices: a dossier handed to a specialist shows within this. */
const POLL_MS = 15_000;

const KIND_COLORS: Record<StaffNotice['kind'], string> = { new_in_queue: 'blue', due_soon: 'gold', overdue: 'red' };

const BellGlyph = () => (
  <svg aria-hidden="true" focusable="false" width="18" height="18" viewBox="0 0 24 24" fill="currentColor" style={{ verticalAlign: '-3px' }}>
    <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2z" />
  </svg>
);

/**
 * The bell in the console's header: the signed-in staff member's unread
 * notices (a new dossier in their unit's queue, one due soon, one overdue)
 * with their count. The list opens below the bell; a notice opens its
 * dossier and counts as read; each can be marked read, or all at once. By
 * keyboard: Tab to the bell, Enter opens, Tab through the list, Escape closes
 * and returns to the bell; a click elsewhere closes it too.
 */
export function NoticeBell() {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const bell = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const container = useRef<HTMLDivElement>(null);
  const queryClient = useQueryClient();
  const notices = useQuery({ queryKey: ['staff-notices', 'unread'], queryFn: unreadNotices, refetchInterval: POLL_MS, refetchIntervalInBackground: false });
  const markRead = useMutation({
    mutationFn: markNoticesRead,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['staff-notices'] }),
  });
  const unread = notices.data?.unread ?? 0;
  const list = notices.data?.notices ?? [];

  useEffect(() => {
    if (!open) return undefined;
    panel.current?.focus();
    // On the document: the focused "Đã đọc" goes away with its notice, and Escape must still close the list.
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      bell.current?.focus();
    };
    const onPointer = (event: MouseEvent) => {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onPointer);
    };
  }, [open]);

  /** Marks read and keeps the keyboard user's place: the button they pressed leaves with its notice, the list keeps the focus. */
  const read = (ids: string[]) => {
    markRead.mutate(ids);
    panel.current?.focus();
  };
  const openDossier = (notice: StaffNotice) => {
    markRead.mutate([notice.id]);
    setOpen(false);
    navigate(`/ho-so/${encodeURIComponent(notice.dossierCode)}`);
  };

  return (
    <div ref={container} style={{ position: 'relative' }}>
      <Badge count={unread} overflowCount={99} size="small" color="#cf1322">
        <Button
          ref={bell}
          size="small"
          aria-expanded={open}
          aria-controls={panelId}
          aria-label={unread ? `Thông báo công việc: ${unread} chưa đọc` : 'Thông báo công việc: không có thông báo chưa đọc'}
          onClick={() => setOpen((value) => !value)}
          icon={<BellGlyph />}
        />
      </Badge>
      {open && (
        <div
          id={panelId}
          ref={panel}
          role="region"
          aria-label="Thông báo công việc chưa đọc"
          tabIndex={-1}
          style={{ position: 'absolute', right: 0, top: 'calc(100% + 8px)', width: 420, zIndex: 1000 }}
        >
          <Card
            size="small"
            title={`${unread} thông báo chưa đọc`}
            extra={
              <Button type="link" size="small" disabled={!list.length || markRead.isPending} onClick={() => read(list.map((notice) => notice.id))}>
                Đánh dấu tất cả đã đọc
              </Button>
            }
            styles={{ body: { maxHeight: 420, overflowY: 'auto', padding: 0 } }}
          >
            {notices.error ? <ErrorAlert error={notices.error} /> : null}
            {markRead.error ? <ErrorAlert error={markRead.error} /> : null}
            {list.length ? (
              <List
                dataSource={list}
                renderItem={(notice) => (
                  <List.Item
                    style={{ padding: '8px 12px' }}
                    actions={[
                      <Button key="read" size="small" disabled={markRead.isPending} onClick={() => read([notice.id])} aria-label={`Đánh dấu đã đọc: ${notice.text}`}>
                        Đã đọc
                      </Button>,
                    ]}
                  >
                    <Space direction="vertical" size={2}>
                      <Space size={4}>
                        <Tag color={KIND_COLORS[notice.kind]}>{NOTICE_KIND_LABELS[notice.kind]}</Tag>
                        <Typography.Text type="secondary">{notice.atDisplay}</Typography.Text>
                      </Space>
                      <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => openDossier(notice)}>
                        {notice.text}
                      </Button>
                    </Space>
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Không có thông báo chưa đọc." />
            )}
          </Card>
        </div>
      )}
    </div>
  );
}
