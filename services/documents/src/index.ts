export { documentsService } from './documents.service';
