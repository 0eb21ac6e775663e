import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@mc/auth';
import { loadOwnUpload } from './upload-record';

/** Where an interrupted upload resumes: the bytes already kept, so the client sends only the rest. */
@Injectable()
export class GetUploadOffset {
  constructor(private readonly dataSource: DataSource) {}

  async execute(principal: Principal, uploadId: string): Promise<{ offset: number; length: number; documentId: string | null }> {
    const upload = await loadOwnUpload(this.dataSource, principal, uploadId);
    return { offset: upload.received, length: upload.declaredSize, documentId: upload.documentId };
  }
}
