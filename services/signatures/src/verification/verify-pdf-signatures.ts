import { createHash, verify, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import type { SignatureChainStatus, SignatureFinding, SignatureIntegrity, SignatureRevocation, VerificationReport } from '@mc/contracts';
import { commonNameOf, describeName, OID, pkijs, signedDataOf } from '@mc/signing';
import { readSignatures, type EmbeddedSignature } from './read-signatures';

/** Whom this platform trusts: the anchors (roots), CA certificates that may complete a chain, and the CRLs it holds. */
export interface TrustStore {
  anchors: Buffer[];
  intermediates: Buffer[];
  crls: Buffer[];
}

export type { SignatureFinding, VerificationReport };

interface ParsedCms {
  signedData: pkijs.SignedData;
  signerInfo: pkijs.SignerInfo;
  signer: X509Certificate;
  signerDer: Buffer;
  certificates: Buffer[];
}

function attributeValue(signerInfo: pkijs.SignerInfo, type: string) {
  return signerInfo.signedAttrs?.attributes.find((attribute) => attribute.type === type)?.values[0];
}

function parseCms(cms: Buffer): ParsedCms {
  const signedData = signedDataOf(cms);
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo) throw new Error('no signer');
  const certificates = (signedData.certificates ?? []).filter((item): item is pkijs.Certificate => item instanceof pkijs.Certificate).map((item) => Buffer.from(item.toSchema().toBER(false)));
  const sid = signerInfo.sid instanceof pkijs.IssuerAndSerialNumber ? Buffer.from(signerInfo.sid.serialNumber.valueBlock.valueHexView).toString('hex') : null;
  const signerDer =
    certificates.find((der) => sid !== null && Buffer.from(pkijs.Certificate.fromBER(new Uint8Array(der)).serialNumber.valueBlock.valueHexView).toString('hex') === sid) ?? certificates[0];
  if (!signerDer) throw new Error('no signer certificate');
  return { signedData, signerInfo, signer: new X509Certificate(signerDer), signerDer, certificates };
}

/** RFC 5652 §5.4: the signature is over the signed attributes' DER as a SET, and messageDigest must be the content's digest. */
function checkSignerInfo(parsed: ParsedCms, digest: Buffer): SignatureIntegrity {
  const { signerInfo, signer } = parsed;
  const messageDigest = attributeValue(signerInfo, OID.messageDigest);
  if (!signerInfo.signedAttrs || !messageDigest) return 'malformed';
  if (!Buffer.from(messageDigest.valueBlock.valueHexView).equals(digest)) return 'digest_mismatch';
  const signed = Buffer.from(signerInfo.signedAttrs.toSchema().toBER(false));
  signed[0] = 0x31;
  const ok = verify('sha256', signed, signer.publicKey, Buffer.from(signerInfo.signature.valueBlock.valueHexView));
  return ok ? 'valid' : 'signature_invalid';
}

function sameDer(a: Buffer, b: Buffer) {
  return a.equals(b);
}

/** Builds signer → … → anchor through the CMS's certificates and the configured CAs; every link's signature is checked. */
function chainTo(signerDer: Buffer, extra: Buffer[], trust: TrustStore): X509Certificate[] | null {
  const pool = [...extra, ...trust.intermediates, ...trust.anchors].map((der) => ({ der, certificate: new X509Certificate(der) }));
  const chain = [new X509Certificate(signerDer)];
  let current = { der: signerDer, certificate: chain[0]! };
  for (let depth = 0; depth < 8; depth += 1) {
    if (trust.anchors.some((anchor) => sameDer(anchor, current.der))) return chain;
    const issuer = pool.find((candidate) => !sameDer(candidate.der, current.der) && current.certificate.checkIssued(candidate.certificate) && current.certificate.verify(candidate.certificate.publicKey));
    if (!issuer) {
      // A self-signed certificate that is an anchor was handled above; any other end of the road is untrusted.
      return null;
    }
    chain.push(issuer.certificate);
    current = issuer;
  }
  return null;
}

function validityAt(chain: X509Certificate[], at: Date): SignatureChainStatus {
  for (const certificate of chain) {
    if (at < new Date(certificate.validFrom)) return 'not_yet_valid';
    if (at > new Date(certificate.validTo)) return 'expired';
  }
  return 'trusted';
}

/**
 * CRL check at the signing time of every certificate the platform was not
 * configured to trust outright (anchors and configured CAs): revoked before it
 * is revoked; revoked after it is still good for this signature.
 */
function revocationAt(chain: X509Certificate[], at: Date, trust: TrustStore): { status: SignatureRevocation; revokedAt: Date | null } {
  const crls = trust.crls.map((der) => pkijs.CertificateRevocationList.fromBER(new Uint8Array(der)));
  const configured = [...trust.anchors, ...trust.intermediates];
  let laterRevocation: Date | null = null;
  for (let index = 0; index < chain.length - 1; index += 1) {
    const certificate = chain[index]!;
    if (configured.some((der) => der.equals(certificate.raw))) continue;
    const issuer = chain[index + 1]!;
    const issuerCertificate = pkijs.Certificate.fromBER(new Uint8Array(issuer.raw));
    const crl = crls.find((candidate) => candidate.issuer.isEqual(issuerCertificate.subject));
    if (!crl) return { status: 'unknown', revokedAt: null };
    const tbs = Buffer.from(crl.tbsView);
    const signature = Buffer.from(crl.signatureValue.valueBlock.valueHexView);
    if (!verify('sha256', tbs, issuer.publicKey, signature)) return { status: 'unknown', revokedAt: null };
    const serial = certificate.serialNumber.toLowerCase().replace(/^0+/, '');
    const entry = crl.revokedCertificates?.find((revoked) => Buffer.from(revoked.userCertificate.valueBlock.valueHexView).toString('hex').replace(/^0+/, '') === serial);
    if (entry) {
      const revokedAt = entry.revocationDate.value;
      if (revokedAt <= at) return { status: 'revoked', revokedAt };
      laterRevocation = revokedAt;
    }
  }
  return { status: 'good', revokedAt: laterRevocation };
}

/** RFC 3161: the token's imprint must be the digest of this signature value, and the TSA's own signature and chain must hold. */
function checkTimestamp(signerInfo: pkijs.SignerInfo, trust: TrustStore): SignatureFinding['timestamp'] {
  const attribute = signerInfo.unsignedAttrs?.attributes.find((item) => item.type === OID.signatureTimeStampToken);
  if (!attribute) return null;
  try {
    const token = Buffer.from(attribute.values[0].toBER(false));
    const parsed = parseCms(token);
    const content = parsed.signedData.encapContentInfo.eContent;
    if (!content) throw new Error('no TSTInfo');
    // BER allows the content in chunks (a constructed OCTET STRING); DER writers send one.
    const encoded = content.idBlock.isConstructed
      ? Buffer.concat((content.valueBlock.value as asn1js.OctetString[]).map((chunk) => Buffer.from(chunk.valueBlock.valueHexView)))
      : Buffer.from(content.valueBlock.valueHexView);
    const info = pkijs.TSTInfo.fromBER(new Uint8Array(encoded));
    const imprint = Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView);
    const expected = createHash('sha256').update(Buffer.from(signerInfo.signature.valueBlock.valueHexView)).digest();
    const tsaChain = chainTo(parsed.signerDer, parsed.certificates, trust);
    const valid =
      imprint.equals(expected) &&
      checkSignerInfo(parsed, createHash('sha256').update(encoded).digest()) === 'valid' &&
      tsaChain !== null &&
      validityAt(tsaChain, info.genTime) === 'trusted';
    return { time: info.genTime.toISOString(), authority: commonNameOf(pkijs.Certificate.fromBER(new Uint8Array(parsed.signerDer)).subject), valid };
  } catch {
    return { time: '', authority: '', valid: false };
  }
}

function laterChanges(pdf: Buffer, signature: EmbeddedSignature, all: Array<{ end: number; signer: string }>): string[] {
  const end = signature.byteRange[2] + signature.byteRange[3];
  const changes = all.filter((other) => other.end > end).map((other) => `chữ ký số của ${other.signer || 'người ký không xác định'} (cập nhật gia tăng)`);
  const lastSigned = Math.max(end, ...all.map((other) => other.end));
  if (pdf.length > lastSigned) changes.push(`${pdf.length - lastSigned} byte thêm vào sau chữ ký cuối cùng, không được ký`);
  return changes;
}

function findSignature(pdf: Buffer, signature: EmbeddedSignature, index: number, signerNames: Array<{ end: number; signer: string }>, trust: TrustStore): SignatureFinding {
  const [start, length, resume, tail] = signature.byteRange;
  const base: SignatureFinding = {
    index: index + 1,
    signer: null,
    subFilter: signature.subFilter ?? null,
    signedAt: signature.claimedTime?.toISOString() ?? null,
    timeSource: signature.claimedTime ? 'claimed' : 'none',
    integrity: 'malformed',
    byteRange: [...signature.byteRange],
    wholeDocument: start === 0 && resume + tail === pdf.length,
    laterChanges: [],
    chain: 'untrusted',
    revocation: 'unknown',
    revokedAt: null,
    timestamp: null,
    valid: false,
  };
  if (start !== 0 || resume + tail > pdf.length || length > resume) return base;
  base.laterChanges = laterChanges(pdf, signature, signerNames);
  let parsed: ParsedCms;
  try {
    parsed = parseCms(signature.cms);
  } catch {
    return base;
  }
  const signerCertificate = pkijs.Certificate.fromBER(new Uint8Array(parsed.signerDer));
  base.signer = {
    commonName: commonNameOf(signerCertificate.subject),
    subject: describeName(signerCertificate.subject),
    serialNumber: parsed.signer.serialNumber,
    certificateSha256: createHash('sha256').update(parsed.signerDer).digest('hex'),
  };
  const digest = createHash('sha256').update(pdf.subarray(0, length)).update(pdf.subarray(resume, resume + tail)).digest();
  base.integrity = checkSignerInfo(parsed, digest);
  base.timestamp = checkTimestamp(parsed.signerInfo, trust);
  const signingTime = base.timestamp?.valid ? new Date(base.timestamp.time) : signature.claimedTime;
  if (base.timestamp?.valid) {
    base.signedAt = base.timestamp.time;
    base.timeSource = 'timestamp';
  }
  const at = signingTime ?? new Date();
  const chain = chainTo(parsed.signerDer, parsed.certificates, trust);
  if (chain) {
    base.chain = validityAt(chain, at);
    const revocation = revocationAt(chain, at, trust);
    base.revocation = revocation.status;
    base.revokedAt = revocation.revokedAt?.toISOString() ?? null;
  }
  base.valid = base.integrity === 'valid' && base.chain === 'trusted' && base.revocation === 'good' && (base.timestamp === null || base.timestamp.valid);
  return base;
}

/** Verifies every signature of a PDF against the trust store; pure, no I/O. */
export function verifyPdfSignatures(pdf: Buffer, trust: TrustStore): VerificationReport {
  const embedded = readSignatures(pdf);
  const signerNames = embedded.map((signature) => {
    let signer = '';
    try {
      signer = commonNameOf(pkijs.Certificate.fromBER(new Uint8Array(parseCms(signature.cms).signerDer)).subject);
    } catch {
      // An unreadable CMS is reported as malformed by its own finding.
    }
    return { end: signature.byteRange[2] + signature.byteRange[3], signer };
  });
  const signatures = embedded.map((signature, index) => findSignature(pdf, signature, index, signerNames, trust));
  const last = signatures.at(-1);
  return {
    documentSha256: createHash('sha256').update(pdf).digest('hex'),
    signatureCount: signatures.length,
    valid: signatures.length > 0 && signatures.every((finding) => finding.valid) && Boolean(last?.wholeDocument),
    signatures,
  };
}
