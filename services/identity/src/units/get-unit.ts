import { Injectable } from '@nestjs/common';
import type { UnitView } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { toUnitView, UnitStore } from './unit-store';

/** The unit tree is public administrative information; any signed-in caller may read it. */
@Injectable()
export class GetUnit {
  constructor(private readonly units: UnitStore) {}

  async execute(code: string, _principal: Principal): Promise<UnitView & { children: UnitView[] }> {
    const unit = toUnitView(await this.units.require(code));
    const children = (await this.units.children(code)).map(toUnitView);
    return { ...unit, children };
  }
}
