import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import { certificateFromDer } from './certificates';
import { pkijs } from './engine';
import { OID } from './oids';

/** Produces the raw RSA signature over the DER of the signed attributes (a key, an HSM, a remote service). */
export type RawSign = (signedAttributes: Buffer) => Promise<Buffer>;

/** Returns an RFC 3161 TimeStampToken (a CMS ContentInfo, DER) over the given bytes. */
export type Timestamp = (signatureValue: Buffer) => Promise<Buffer>;

export interface CadesRequest {
  /** SHA-256 of the signed content (for a PDF: the bytes its /ByteRange covers). */
  digest: Buffer;
  /** Signer first, then its issuers. */
  chain: Buffer[];
  sign: RawSign;
  /**
   * The CMS signing-time attribute. PAdES baseline forbids it (the time is the
   * signature dictionary's /M); a timestamp token carries it (RFC 3161 has no /M).
   */
  signingTime?: Date;
}

function attribute(type: string, value: asn1js.AsnType): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

/** ESS signing-certificate-v2 (RFC 5035): binds the signer's certificate into what is signed, as PAdES B-B requires. */
function signingCertificateV2(signerDer: Buffer): asn1js.Sequence {
  const certHash = createHash('sha256').update(signerDer).digest();
  // hashAlgorithm is omitted: SHA-256 is its DEFAULT, and DER forbids encoding a default.
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: certHash })] })] })] });
}

/**
 * A detached CMS SignedData over a digest the caller computed: the shape of
 * ETSI.CAdES.detached, SHA-256 with RSA. The private key never has to be here;
 * only `sign` sees the signed attributes.
 */
export async function buildCadesSignature(request: CadesRequest, contentType: string = OID.data, encapsulated?: Buffer): Promise<Buffer> {
  const [signerDer] = request.chain;
  if (!signerDer) throw new Error('A signature needs the signer certificate.');
  const signer = certificateFromDer(signerDer);
  const signedAttributes = [
    attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: contentType })),
    ...(request.signingTime ? [attribute(OID.signingTime, new asn1js.UTCTime({ valueDate: request.signingTime }))] : []),
    attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: request.digest })),
    attribute(OID.signingCertificateV2, signingCertificateV2(signerDer)),
  ];
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: signer.issuer, serialNumber: signer.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256WithRsa, algorithmParams: new asn1js.Null() }),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: signedAttributes }),
  });
  // What is signed is the attributes' DER as a SET (tag 0x31), not the [0] IMPLICIT form they are stored in (RFC 5652 §5.4).
  const toSign = Buffer.from(signerInfo.signedAttrs!.toSchema().toBER(false));
  toSign[0] = 0x31;
  const signatureValue = await request.sign(toSign);
  signerInfo.signature = new asn1js.OctetString({ valueHex: signatureValue });

  const signedData = new pkijs.SignedData({
    version: contentType === OID.data ? 1 : 3,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: contentType }),
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256, algorithmParams: new asn1js.Null() })],
    certificates: request.chain.map((der) => certificateFromDer(der)),
    signerInfos: [signerInfo],
  });
  // Set after construction: pkijs's constructor turns eContent into a constructed (BER) OCTET STRING, and RFC 3161 tokens are DER.
  if (encapsulated) signedData.encapContentInfo.eContent = new asn1js.OctetString({ valueHex: encapsulated });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return Buffer.from(contentInfo.toSchema().toBER(false));
}

function signedDataOf(cms: Buffer): pkijs.SignedData {
  const contentInfo = pkijs.ContentInfo.fromBER(new Uint8Array(cms));
  if (contentInfo.contentType !== OID.signedData) throw new Error('not a CMS SignedData');
  return new pkijs.SignedData({ schema: contentInfo.content });
}

/**
 * Adds an RFC 3161 signature timestamp to a CMS signature as an unsigned
 * attribute (PAdES B-T). It is added after signing, over the signature value,
 * so a remote signing service's CMS is timestamped the same way as our own.
 */
export async function addSignatureTimestamp(cms: Buffer, timestamp: Timestamp): Promise<Buffer> {
  const signedData = signedDataOf(cms);
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo) throw new Error('CMS without a signer');
  const token = await timestamp(Buffer.from(signerInfo.signature.valueBlock.valueHexView));
  const others = signerInfo.unsignedAttrs?.attributes.filter((item) => item.type !== OID.signatureTimeStampToken) ?? [];
  signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 1,
    attributes: [...others, attribute(OID.signatureTimeStampToken, asn1js.fromBER(new Uint8Array(token)).result)],
  });
  return Buffer.from(new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) }).toSchema().toBER(false));
}

export { signedDataOf };
