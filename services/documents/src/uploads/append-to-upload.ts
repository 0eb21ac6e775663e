import { createHash, type Hash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { LOGGER, SERVICE_CONFIG } from '@mc/service-runtime';
import type { Logger } from '@mc/observability';
import type { DocumentsConfig } from '../documents.config';
import { ObjectStore } from '../storage/object-store';
import { CompleteUpload } from './complete-upload';
import { SNIFF_BYTES, sniffFileKind } from './sniff-file-kind';
import { loadOwnUpload, segmentKey, type UploadRecord } from './upload-record';

export interface AppendResult {
  offset: number;
  length: number;
  /** Set once the last byte arrived and the file became a document. */
  documentId: string | null;
}

/**
 * Takes the next bytes of an upload as they stream in (tus PATCH). Memory is
 * one segment whatever the file's size: bytes fill a buffer of
 * UPLOAD_SEGMENT_BYTES, each full buffer is written as one object and hashed,
 * and whatever arrived before a dropped connection is kept as the tail
 * segment, so a resumed upload starts where this one stopped. The type is
 * told from the first segment's bytes before it is written anywhere.
 */
@Injectable()
export class AppendToUpload {
  /**
   * SHA-256 over the full segments of each upload this replica is taking. A
   * resume on another replica (or after a restart) rebuilds it by reading the
   * kept segments back from the store, never from the client.
   */
  private readonly hashes = new Map<string, { hash: Hash; segments: number }>();
  private readonly segmentBytes: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ObjectStore,
    private readonly completeUpload: CompleteUpload,
    @Inject(SERVICE_CONFIG) config: DocumentsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.segmentBytes = config.UPLOAD_SEGMENT_BYTES;
  }

  async execute(principal: Principal, uploadId: string, offset: number, body: AsyncIterable<Buffer>): Promise<AppendResult> {
    const upload = await loadOwnUpload(this.dataSource, principal, uploadId);
    if (upload.documentId) return { offset: upload.received, length: upload.declaredSize, documentId: upload.documentId };
    if (offset !== upload.received) {
      throw new AppError('CONFLICT', `Lượt tải lên đã nhận ${upload.received} byte; hãy gửi tiếp từ vị trí đó (Upload-Offset).`, { offset: upload.received });
    }
    const size = this.segmentBytes;
    let full = Math.floor(upload.received / size);
    let fill = upload.received % size;
    let persisted = upload.received;
    let kind = upload.kind;
    const buffer = Buffer.allocUnsafe(size);
    if (fill) (await this.store.readAll(segmentKey(upload.id, full))).copy(buffer, 0, 0, fill);
    const state = await this.hashState(upload, full);

    const sniffHead = async () => {
      if (full > 0 || kind) return;
      if (fill < Math.min(SNIFF_BYTES, upload.declaredSize)) return;
      try {
        kind = await sniffFileKind(buffer.subarray(0, fill), upload.filename, upload.allowedKinds, upload.componentName);
      } catch (error) {
        await this.discard(upload, full);
        throw error;
      }
    };
    const record = async (received: number) => {
      const updated = await this.dataSource.query('UPDATE uploads SET received = $2, kind = $3 WHERE id = $1 AND received = $4 AND document_id IS NULL', [
        upload.id,
        received,
        kind,
        persisted,
      ]);
      if (updated[1] !== 1) throw new AppError('CONFLICT', 'Tệp này đang được gửi từ một kết nối khác; hãy đợi kết nối đó dừng rồi gửi tiếp.');
      persisted = received;
    };
    const flushFull = async () => {
      await sniffHead();
      await this.store.put(segmentKey(upload.id, full), buffer);
      state.hash.update(buffer);
      state.segments += 1;
      full += 1;
      fill = 0;
      await record(full * size);
    };
    const keepTail = async () => {
      if (fill === 0 || full * size + fill === persisted) return;
      await sniffHead();
      await this.store.put(segmentKey(upload.id, full), buffer.subarray(0, fill));
      await record(full * size + fill);
    };

    try {
      for await (const chunk of body) {
        if (full * size + fill + chunk.length > upload.declaredSize) {
          await this.discard(upload, full);
          throw new AppError('VALIDATION_FAILED', `Tệp «${upload.filename}» dài hơn dung lượng đã khai báo (${upload.declaredSize} byte); hãy tải lên lại từ đầu.`);
        }
        let at = 0;
        while (at < chunk.length) {
          const taken = chunk.copy(buffer, fill, at);
          fill += taken;
          at += taken;
          if (fill === size) await flushFull();
        }
      }
    } catch (error) {
      if (error instanceof AppError) throw error;
      // The connection dropped: keep what arrived, so the client resumes from here.
      await keepTail();
      this.logger.info({ uploadId: upload.id, received: persisted }, 'upload interrupted; kept for resuming');
      return { offset: persisted, length: upload.declaredSize, documentId: null };
    }
    await keepTail();
    if (persisted < upload.declaredSize) return { offset: persisted, length: upload.declaredSize, documentId: null };

    if (!kind) {
      // A file shorter than what sniffing wants is told from all of it.
      kind = await sniffFileKind(buffer.subarray(0, fill), upload.filename, upload.allowedKinds, upload.componentName).catch(async (error) => {
        await this.discard(upload, full);
        throw error;
      });
    }
    const hash = state.hash.copy().update(buffer.subarray(0, fill));
    const segments = Array.from({ length: full + (fill ? 1 : 0) }, (_, index) => segmentKey(upload.id, index));
    const documentId = await this.completeUpload.execute(principal, upload, { kind, sha256: hash.digest('hex'), segments });
    this.hashes.delete(upload.id);
    return { offset: persisted, length: upload.declaredSize, documentId };
  }

  private async hashState(upload: UploadRecord, fullSegments: number) {
    const known = this.hashes.get(upload.id);
    if (known && known.segments === fullSegments) return known;
    const state = { hash: createHash('sha256'), segments: 0 };
    for (; state.segments < fullSegments; state.segments += 1) {
      for await (const chunk of await this.store.read(segmentKey(upload.id, state.segments))) state.hash.update(chunk as Buffer);
    }
    this.hashes.set(upload.id, state);
    return state;
  }

  /** A refused file leaves nothing behind: its segments and its row go. */
  private async discard(upload: UploadRecord, fullSegments: number): Promise<void> {
    this.hashes.delete(upload.id);
    await this.store.remove(Array.from({ length: fullSegments + 1 }, (_, index) => segmentKey(upload.id, index)));
    await this.dataSource.query('DELETE FROM uploads WHERE id = $1 AND document_id IS NULL', [upload.id]);
  }
}
