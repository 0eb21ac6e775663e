import type { AdoptionView } from '@mc/contracts';
import type { Adoption } from './adoption.entity';

export const toAdoptionView = (adoption: Adoption): AdoptionView => ({
  unitCode: adoption.unitCode,
  code: adoption.procedureCode,
  active: adoption.active,
  handlers: adoption.handlers,
  channels: adoption.channels,
  updatedAt: adoption.updatedAt.toISOString(),
  updatedBy: adoption.updatedBy,
});
