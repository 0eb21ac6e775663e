export { documentsService } from './documents.service';
/** The forms' renderers, for the tests that sign what they render. */
export { renderReceipt } from './forms/render-receipt';
export { renderPdf } from './forms/pdf-engine';
export { createDocumentsModule } from './documents.module';
/** The object store, for the upload benchmark that compares how segments are written. */
export { MinioObjectStore } from './storage/object-store';
export type { DocumentsConfig } from './documents.config';
