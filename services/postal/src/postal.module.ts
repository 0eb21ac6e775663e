import { Module } from '@nestjs/common';

/** Boots, joins its queue group and answers health; its use cases arrive with its own issue. */
@Module({})
export class PostalModule {}
