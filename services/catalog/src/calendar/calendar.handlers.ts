import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import {
  CalendarSubjects,
  calendarProposalRequestSchema,
  calendarRequestSchema,
  dueDateRequestSchema,
  parseInput,
  setCalendarDaysRequestSchema,
  setCalendarHoursRequestSchema,
  setUnitOverrideRequestSchema,
  workingTimeRequestSchema,
} from '@mc/contracts';
import type { BusContext } from '@mc/messaging';
import { ComputeDueDate } from './compute-due-date';
import { ComputeWorkingTime } from './compute-working-time';
import { GetCalendar } from './get-calendar';
import { ProposeCalendar } from './propose-calendar';
import { SetCalendarDays } from './set-calendar-days';
import { SetCalendarHours } from './set-calendar-hours';
import { SetUnitOverride } from './set-unit-override';

@Controller()
export class CalendarHandlers {
  constructor(
    private readonly getCalendar: GetCalendar,
    private readonly proposeCalendar: ProposeCalendar,
    private readonly setCalendarDays: SetCalendarDays,
    private readonly setCalendarHours: SetCalendarHours,
    private readonly setUnitOverride: SetUnitOverride,
    private readonly computeDueDate: ComputeDueDate,
    private readonly computeWorkingTime: ComputeWorkingTime,
  ) {}

  @MessagePattern(CalendarSubjects.get)
  get(@Payload() payload: unknown) {
    return this.getCalendar.execute(parseInput(calendarRequestSchema, payload));
  }

  @MessagePattern(CalendarSubjects.propose)
  propose(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.proposeCalendar.execute(parseInput(calendarProposalRequestSchema, payload).year, context.requirePrincipal());
  }

  @MessagePattern(CalendarSubjects.setDays)
  setDays(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.setCalendarDays.execute(parseInput(setCalendarDaysRequestSchema, payload), context.requirePrincipal());
  }

  @MessagePattern(CalendarSubjects.setHours)
  setHours(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.setCalendarHours.execute(parseInput(setCalendarHoursRequestSchema, payload), context.requirePrincipal());
  }

  @MessagePattern(CalendarSubjects.setUnitOverride)
  setOverride(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.setUnitOverride.execute(parseInput(setUnitOverrideRequestSchema, payload), context.requirePrincipal());
  }

  @MessagePattern(CalendarSubjects.dueDate)
  dueDate(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.computeDueDate.execute(parseInput(dueDateRequestSchema, payload), context.requirePrincipal());
  }

  @MessagePattern(CalendarSubjects.workingTime)
  workingTime(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.computeWorkingTime.execute(parseInput(workingTimeRequestSchema, payload), context.requirePrincipal());
  }
}
