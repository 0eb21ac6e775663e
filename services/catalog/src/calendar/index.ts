import { CreateWorkingCalendar1763800900000 } from './migrations/1763800900000-create-working-calendar';
import { AddProposedCalendarDays1763802400000 } from './migrations/1763802400000-add-proposed-calendar-days';
import { AddCalendarDaysFrom1763803100000 } from './migrations/1763803100000-add-calendar-days-from';

export { CalendarModule } from './calendar.module';
export { LoadDemoCalendar } from './load-demo-calendar';

/** In order, after the catalog's own migrations. */
export const CALENDAR_MIGRATIONS = [CreateWorkingCalendar1763800900000, AddProposedCalendarDays1763802400000, AddCalendarDaysFrom1763803100000];
