import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AdoptionView } from '@mc/contracts';

/** A unit's use of a province procedure: its handlers per workflow step and the channels it offers. */
@Entity({ name: 'adoptions' })
export class Adoption {
  @PrimaryColumn('text')
  unitCode!: string;

  @PrimaryColumn('text')
  procedureCode!: string;

  @Column('boolean')
  active!: boolean;

  @Column('jsonb')
  handlers!: AdoptionView['handlers'];

  @Column('jsonb')
  channels!: AdoptionView['channels'];

  @Column('timestamptz')
  updatedAt!: Date;

  @Column('text')
  updatedBy!: string;
}
