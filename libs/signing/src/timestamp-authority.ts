import { createHash, sign } from 'node:crypto';
import * as asn1js from 'asn1js';
import { buildCadesSignature } from './cades';
import { randomSerial } from './certificates';
import { pkijs } from './engine';
import { OID } from './oids';
import type { KeyBundle } from './pkcs12';

/**
 * An RFC 3161 time-stamping authority over the test CA's TSA key: it signs a
 * TSTInfo with the SHA-256 of what it is given and the time it saw it. A
 * production platform asks an accredited TSA over HTTP for the same token; the
 * token is the seam (`Timestamp` in cades.ts), so nothing else changes.
 */
export class TimestampAuthority {
  constructor(
    private readonly key: KeyBundle,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async timestamp(data: Buffer): Promise<Buffer> {
    const genTime = this.clock();
    const info = new pkijs.TSTInfo({
      version: 1,
      policy: OID.testTsaPolicy,
      messageImprint: new pkijs.MessageImprint({
        hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
        hashedMessage: new asn1js.OctetString({ valueHex: createHash('sha256').update(data).digest() }),
      }),
      serialNumber: randomSerial(12),
      genTime,
      accuracy: new pkijs.Accuracy({ seconds: 1 }),
    });
    const encoded = Buffer.from(info.toSchema().toBER(false));
    return buildCadesSignature(
      {
        digest: createHash('sha256').update(encoded).digest(),
        chain: this.key.chain,
        sign: async (attributes) => sign('sha256', attributes, this.key.privateKey),
        signingTime: genTime,
      },
      OID.tstInfo,
      encoded,
    );
  }
}
