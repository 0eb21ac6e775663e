import { CreateWorkingCalendar1763800900000 } from './migrations/1763800900000-create-working-calendar';

export { CalendarModule } from './calendar.module';

/** In order, after the catalog's own migrations. */
export const CALENDAR_MIGRATIONS = [CreateWorkingCalendar1763800900000];
