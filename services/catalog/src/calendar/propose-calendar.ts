import { Injectable } from '@nestjs/common';
import { displayIsoDate, type CalendarProposalView } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { proposeHolidays } from '@mc/working-calendar';
import { requireStaff } from './calendar-access';
import { weekdayName, withCalendarErrors } from './calendar-format';

const NOTE =
  'Đề xuất theo Điều 112 Bộ luật Lao động năm 2019, có nghỉ bù khi ngày lễ trùng ngày nghỉ hằng tuần. ' +
  'Chính phủ có thể công bố lịch khác (nghỉ dài hơn, hoán đổi ngày làm việc): đối chiếu với thông báo chính thức, sửa cho đúng rồi mới lưu lịch của năm.';

/** A starting point only: nothing is stored until a province admin saves the year's days. */
@Injectable()
export class ProposeCalendar {
  execute(year: number, principal: Principal): CalendarProposalView {
    requireStaff(principal);
    const holidays = withCalendarErrors(() => proposeHolidays(year)).map(({ date, name }) => ({
      date,
      display: displayIsoDate(date),
      weekday: weekdayName(date),
      name,
    }));
    return { year, holidays, swappedWorkingDays: [], note: NOTE };
  }
}
