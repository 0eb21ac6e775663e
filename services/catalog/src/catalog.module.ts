import { Module } from '@nestjs/common';
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

/** The procedure catalogue; the working-day calendar lives beside it in its own module. */
@Module({
  imports: [CalendarModule],
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
export class CatalogModule {}
