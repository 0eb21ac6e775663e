export { documentsService } from './documents.service';
export { createDocumentsModule } from './documents.module';
