export { catalogService } from './catalog.service';
// What load-tests/benchmarks drive directly, past the bus.
export { LoadDemoCatalog } from './procedures/load-demo-catalog';
export { SearchProcedures } from './search/search-procedures';
