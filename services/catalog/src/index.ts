export { catalogService } from './catalog.service';
