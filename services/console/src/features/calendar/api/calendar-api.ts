import { api, unwrap } from '../../../lib/api';
import type { operations } from '@mc/web-api';

export type WeeklyHours = NonNullable<operations['CalendarController_setUnitOverride']['requestBody']>['content']['application/json']['weeklyHours'];
export interface DayOff {
  date: string;
  name: string;
}

export const WEEKDAYS = [
  { key: 'mon', label: 'Thứ Hai' },
  { key: 'tue', label: 'Thứ Ba' },
  { key: 'wed', label: 'Thứ Tư' },
  { key: 'thu', label: 'Thứ Năm' },
  { key: 'fri', label: 'Thứ Sáu' },
  { key: 'sat', label: 'Thứ Bảy' },
  { key: 'sun', label: 'Chủ nhật' },
] as const;

export const getCalendar = (year: number, unit?: string) =>
  unwrap(api.GET('/api/v1/calendar/{year}', { params: { path: { year: String(year) }, query: { unit } } }));

export const getProposal = (year: number) => unwrap(api.GET('/api/v1/calendar/{year}/proposal', { params: { path: { year: String(year) } } }));

export const announceDays = (year: number, holidays: DayOff[], swappedWorkingDays: DayOff[], expectedRevision: number) =>
  unwrap(api.PUT('/api/v1/calendar/{year}/days', { params: { path: { year: String(year) } }, body: { holidays, swappedWorkingDays, expectedRevision } }));

export const setUnitHours = (unitCode: string, weeklyHours: WeeklyHours, cutOff: string | null, expectedRevision: number | undefined) =>
  unwrap(api.PUT('/api/v1/calendar/units/{unitCode}', { params: { path: { unitCode } }, body: { weeklyHours, cutOff, expectedRevision } }));

/** "07:30-11:30, 13:30-17:00" ↔ the sessions of a day; an empty text is a weekly day off. */
export const sessionsText = (sessions: { start: string; end: string }[] | undefined) => (sessions ?? []).map((session) => `${session.start}-${session.end}`).join(', ');
export const parseSessions = (text: string) =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [start = '', end = ''] = part.split('-').map((time) => time.trim());
      return { start, end };
    });
