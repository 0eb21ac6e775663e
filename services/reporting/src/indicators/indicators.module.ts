import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { GetIndicators } from './get-indicators';
import { IndicatorsHandlers } from './indicators.handlers';

/** The QĐ 766 indicators of a unit's one-stop work over a period. */
@Module({
  imports: [ReadModelsModule],
  controllers: [IndicatorsHandlers],
  providers: [GetIndicators],
  exports: [GetIndicators],
})
export class IndicatorsModule {}
