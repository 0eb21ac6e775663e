import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { DocumentEventHandlers } from './document-events.handlers';
import { GetIndicators } from './get-indicators';
import { IndicatorsHandlers } from './indicators.handlers';
import { RecordDocumentEvent } from './record-document-event';

/** The QĐ 766 indicators of a unit's one-stop work over a period, and the digitised and reused files they count. */
@Module({
  imports: [ReadModelsModule],
  controllers: [IndicatorsHandlers, DocumentEventHandlers],
  providers: [GetIndicators, RecordDocumentEvent],
  exports: [GetIndicators],
})
export class IndicatorsModule {}
