import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A national procedure code the province has taken into its catalogue; what it says lives in its versions. */
@Entity({ name: 'procedures' })
export class Procedure {
  @PrimaryColumn('text')
  code!: string;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('text')
  createdBy!: string;
}
