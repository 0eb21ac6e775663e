export { postalService } from './postal.service';
export { RETIRED_RECEIVED_DURABLE } from './orders/retire-received-consumer';
