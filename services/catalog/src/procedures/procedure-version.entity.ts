import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CompetentLevel, FieldCode, VersionContent, VersionStatus } from '@mc/contracts';

/** The parts of a version kept as one document (see the migration for why). */
export type VersionDetails = Omit<VersionContent, 'name' | 'field' | 'level' | 'effectiveFrom'>;

@Entity({ name: 'procedure_versions' })
export class ProcedureVersion {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  procedureCode!: string;

  @Column('integer')
  version!: number;

  @Column('text')
  status!: VersionStatus;

  /** A calendar day in Vietnam (YYYY-MM-DD); the version applies from its first moment. */
  @Column('date')
  effectiveFrom!: string;

  @Column('text')
  name!: string;

  @Column('text')
  field!: FieldCode;

  @Column('text')
  level!: CompetentLevel;

  @Column('jsonb')
  content!: VersionDetails;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('text')
  createdBy!: string;

  @Column('timestamptz')
  updatedAt!: Date;

  @Column('timestamptz', { nullable: true })
  publishedAt!: Date | null;

  @Column('text', { nullable: true })
  publishedBy!: string | null;

  @Column('timestamptz', { nullable: true })
  withdrawnAt!: Date | null;

  @Column('text', { nullable: true })
  withdrawnBy!: string | null;

  @Column('text', { nullable: true })
  withdrawalReason!: string | null;
}
