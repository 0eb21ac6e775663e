import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'pipeline_probes' })
export class PipelineProbe {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { nullable: true })
  note!: string | null;

  @Column('text')
  recordedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt!: Date;
}
