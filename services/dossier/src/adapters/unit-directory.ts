import { Injectable } from '@nestjs/common';
import { IdentitySubjects, type UnitView } from '@mc/contracts';
import { NatsClientProxy } from '@mc/messaging';

/** Where a unit sits in the tree (`/20/05983/`), which decides who may see and handle its dossiers. */
export interface UnitDirectory {
  pathOf(unitCode: string, headers: Record<string, string | undefined>): Promise<string>;
}
export const UNIT_DIRECTORY = Symbol('UNIT_DIRECTORY');

/** The identity service owns the tree; any signed-in caller may read it, so the caller's token is forwarded. */
@Injectable()
export class IdentityUnitDirectory implements UnitDirectory {
  constructor(private readonly bus: NatsClientProxy) {}

  async pathOf(unitCode: string, headers: Record<string, string | undefined>): Promise<string> {
    const unit = await this.bus.request<UnitView>(IdentitySubjects.unitGet, { code: unitCode }, headers);
    return unit.path;
  }
}
