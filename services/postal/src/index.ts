export { postalService } from './postal.service';
