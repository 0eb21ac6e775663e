import { Global, Module, type Type } from '@nestjs/common';
import { CLOCK, systemClock, type Clock } from '@mc/service-runtime';
import { AdoptProcedure } from './adoptions/adopt-procedure';
import { AdoptionHandlers } from './adoptions/adoption.handlers';
import { GetAdoption } from './adoptions/get-adoption';
import { CalendarModule } from './calendar';
import { CreateDraftVersion } from './procedures/create-draft-version';
import { CreateProcedure } from './procedures/create-procedure';
import { GetProcedureVersion } from './procedures/get-procedure-version';
import { GetVersionInForce } from './procedures/get-version-in-force';
import { ListProcedureVersions } from './procedures/list-procedure-versions';
import { LoadDemoCatalog } from './procedures/load-demo-catalog';
import { ProcedureHandlers } from './procedures/procedure.handlers';
import { PublishProcedureVersion } from './procedures/publish-procedure-version';
import { UpdateDraftVersion } from './procedures/update-draft-version';
import { WithdrawProcedureVersion } from './procedures/withdraw-procedure-version';
import { SearchIndex } from './search/search-index';
import { SearchHandlers } from './search/search.handlers';
import { SearchProcedures } from './search/search-procedures';

/**
 * The procedure catalogue, with the clock that decides versions in force,
 * publication dates and calendar years; tests pass one they set. The
 * working-day calendar lives beside it in its own module.
 */
export function createCatalogModule(clock: Clock = systemClock): Type<unknown> {
  // Global so the calendar, a module of its own, reads the same clock.
  @Global()
  @Module({ providers: [{ provide: CLOCK, useValue: clock }], exports: [CLOCK] })
  class ClockModule {}

  @Module({
    imports: [ClockModule, CalendarModule],
    controllers: [ProcedureHandlers, SearchHandlers, AdoptionHandlers],
    providers: [
      CreateProcedure,
      CreateDraftVersion,
      UpdateDraftVersion,
      PublishProcedureVersion,
      WithdrawProcedureVersion,
      GetVersionInForce,
      GetProcedureVersion,
      ListProcedureVersions,
      LoadDemoCatalog,
      SearchIndex,
      SearchProcedures,
      AdoptProcedure,
      GetAdoption,
    ],
  })
  class CatalogModule {}
  return CatalogModule;
}

export const CatalogModule = createCatalogModule();

