const VIETNAM = 'Asia/Ho_Chi_Minh';

/** dd/mm/yyyy in Vietnam's time, whatever the PC's zone. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat('vi-VN', { timeZone: VIETNAM, day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(iso));
}

/** hh:mm dd/mm/yyyy in Vietnam's time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  const time = new Intl.DateTimeFormat('vi-VN', { timeZone: VIETNAM, hour: '2-digit', minute: '2-digit', hour12: false }).format(date);
  return `${time} ${formatDate(iso)}`;
}

export function formatMoney(amount: number): string {
  return `${new Intl.NumberFormat('vi-VN').format(amount)} đồng`;
}
