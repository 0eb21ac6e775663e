import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CatalogSubjects, parseInput, searchProceduresRequestSchema } from '@mc/contracts';
import { SearchProcedures } from './search-procedures';

/** Public: no login is needed to find a procedure. */
@Controller()
export class SearchHandlers {
  constructor(private readonly searchProcedures: SearchProcedures) {}

  @MessagePattern(CatalogSubjects.search)
  search(@Payload() payload: unknown) {
    return this.searchProcedures.execute(parseInput(searchProceduresRequestSchema, payload ?? {}));
  }
}
