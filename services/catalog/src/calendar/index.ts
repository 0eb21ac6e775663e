import { CreateWorkingCalendar1763800900000 } from './migrations/1763800900000-create-working-calendar';
import { AddCalendarDaysFrom1763803100000 } from './migrations/1763803100000-add-calendar-days-from';

export { CalendarModule } from './calendar.module';

/** In order, after the catalog's own migrations. */
export const CALENDAR_MIGRATIONS = [CreateWorkingCalendar1763800900000, AddCalendarDaysFrom1763803100000];
