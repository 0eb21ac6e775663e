export { documentsService } from './documents.service';
/** The forms' renderers, for the tests that sign what they render. */
export { renderReceipt } from './forms/render-receipt';
export { renderPdf } from './forms/pdf-engine';
export { createDocumentsModule } from './documents.module';
