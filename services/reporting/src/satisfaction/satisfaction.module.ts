import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { GetSatisfaction } from './get-satisfaction';
import { SatisfactionHandlers } from './satisfaction.handlers';

/** The satisfaction report from the ratings citizens gave. */
@Module({
  imports: [ReadModelsModule],
  controllers: [SatisfactionHandlers],
  providers: [GetSatisfaction],
  exports: [GetSatisfaction],
})
export class SatisfactionModule {}
