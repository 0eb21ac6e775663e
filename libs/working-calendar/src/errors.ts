export type CalendarErrorCode = 'INVALID_DURATION' | 'INVALID_INSTANT' | 'INVALID_CALENDAR';

/**
 * Input the calendar cannot work with. Callers branch on `code`, which never
 * changes; the message is Vietnamese, written for the person who entered the data.
 */
export class CalendarError extends Error {
  constructor(
    readonly code: CalendarErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CalendarError';
  }
}
