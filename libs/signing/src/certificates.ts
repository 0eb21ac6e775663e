import { createHash, generateKeyPair, KeyObject, randomBytes, sign as nodeSign } from 'node:crypto';
import { promisify } from 'node:util';
import * as asn1js from 'asn1js';
import { pkijs, subtle } from './engine';
import { OID } from './oids';

const generateRsa = promisify(generateKeyPair);
const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

export interface DistinguishedName {
  commonName: string;
  organization?: string;
  organizationalUnit?: string;
  locality?: string;
}

export interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export async function newRsaKey(): Promise<KeyPair> {
  return generateRsa('rsa', { modulusLength: 2048 });
}

/**
 * sha256WithRSAEncryption with explicit NULL parameters (RFC 4055 §5), as
 * OpenSSL and NSS write it; pkijs's own sign() leaves them out, and a PKCS#12
 * writer that re-encodes the outer algorithm then breaks the signature.
 */
function sha256WithRsa(): pkijs.AlgorithmIdentifier {
  return new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256WithRsa, algorithmParams: new asn1js.Null() });
}

/** One attribute per RDN, as every CA writes names: pkijs would otherwise put them all in one multi-valued RDN. */
function toName(name: DistinguishedName): pkijs.RelativeDistinguishedNames {
  const parts: Array<[string, string | undefined]> = [
    [OID.country, 'VN'],
    [OID.locality, name.locality],
    [OID.organization, name.organization],
    [OID.organizationalUnit, name.organizationalUnit],
    [OID.commonName, name.commonName],
  ];
  const sequence = new asn1js.Sequence({
    value: parts
      .filter((part): part is [string, string] => part[1] !== undefined)
      .map(
        ([type, value]) =>
          new asn1js.Set({
            value: [
              new pkijs.AttributeTypeAndValue({
                type,
                // Country is PrintableString by X.520; every other part carries Vietnamese letters.
                value: type === OID.country ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value }),
              }).toSchema(),
            ],
          }),
      ),
  });
  return pkijs.RelativeDistinguishedNames.fromBER(sequence.toBER(false));
}

export function keyIdentifier(certificate: pkijs.Certificate): ArrayBuffer {
  const bits = certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
  return new Uint8Array(createHash('sha1').update(bits).digest()).buffer;
}

function extension(extnID: string, critical: boolean, value: { toSchema(): asn1js.AsnType }): pkijs.Extension {
  return new pkijs.Extension({ extnID, critical, extnValue: value.toSchema().toBER(false) });
}

export type CertificateProfile = 'root' | 'issuing-ca' | 'signer' | 'timestamping';

export interface IssueRequest {
  subject: DistinguishedName;
  publicKey: KeyObject;
  profile: CertificateProfile;
  notBefore: Date;
  notAfter: Date;
  /** Absent for a self-signed root. */
  issuer?: { certificate: pkijs.Certificate; privateKey: KeyObject };
  /** Self-signed root: its own private key. */
  selfKey?: KeyObject;
  crlUrl?: string;
}

const KEY_USAGE: Record<CertificateProfile, { bits: number; unused: number }> = {
  // keyCertSign | cRLSign
  root: { bits: 0x06, unused: 1 },
  'issuing-ca': { bits: 0x06, unused: 1 },
  // digitalSignature | nonRepudiation: what NSS asks of a document signer
  signer: { bits: 0xc0, unused: 6 },
  // digitalSignature only, as RFC 3161 §2.3 expects of a TSA
  timestamping: { bits: 0x80, unused: 7 },
};

/**
 * A random positive serial number of `bytes` bytes. Its first byte is 0x01–0x7f: with the high bit set the INTEGER is
 * negative, and with a zero byte before one below 0x80 its DER is not minimal, which OpenSSL (Node's X509Certificate,
 * pdfsig) refuses to parse — one random serial in about 256 did that.
 */
export function randomSerial(bytes: number): asn1js.Integer {
  const serial = randomBytes(bytes);
  serial[0] = 0x01 + ((serial[0] ?? 0) % 0x7f);
  return new asn1js.Integer({ valueHex: serial });
}

export async function issueCertificate(request: IssueRequest): Promise<pkijs.Certificate> {
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = randomSerial(16);
  certificate.subject = toName(request.subject);
  certificate.issuer = request.issuer ? request.issuer.certificate.subject : certificate.subject;
  certificate.notBefore.value = request.notBefore;
  certificate.notAfter.value = request.notAfter;
  await certificate.subjectPublicKeyInfo.importKey(
    await subtle.importKey('spki', request.publicKey.export({ format: 'der', type: 'spki' }), RSA_SHA256, true, ['verify']),
  );

  const ca = request.profile === 'root' || request.profile === 'issuing-ca';
  const usage = KEY_USAGE[request.profile];
  const extensions = [
    extension(OID.basicConstraints, true, new pkijs.BasicConstraints(ca ? { cA: true, ...(request.profile === 'issuing-ca' ? { pathLenConstraint: 0 } : {}) } : {})),
    new pkijs.Extension({
      extnID: OID.keyUsage,
      critical: true,
      extnValue: new asn1js.BitString({ valueHex: new Uint8Array([usage.bits]).buffer, unusedBits: usage.unused }).toBER(false),
    }),
    new pkijs.Extension({ extnID: OID.subjectKeyIdentifier, critical: false, extnValue: new asn1js.OctetString({ valueHex: keyIdentifier(certificate) }).toBER(false) }),
  ];
  if (request.issuer) {
    extensions.push(
      extension(OID.authorityKeyIdentifier, false, new pkijs.AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: keyIdentifier(request.issuer.certificate) }) })),
    );
  }
  if (request.profile === 'timestamping') extensions.push(extension(OID.extKeyUsage, true, new pkijs.ExtKeyUsage({ keyPurposes: [OID.timeStamping] })));
  if (request.crlUrl && !ca) {
    extensions.push(
      extension(
        OID.crlDistributionPoints,
        false,
        new pkijs.CRLDistributionPoints({
          distributionPoints: [new pkijs.DistributionPoint({ distributionPoint: [new pkijs.GeneralName({ type: 6, value: request.crlUrl })] })],
        }),
      ),
    );
  }
  certificate.extensions = extensions;

  const signingKey = request.issuer?.privateKey ?? request.selfKey;
  if (!signingKey) throw new Error('A certificate needs its issuer key or, for a root, its own.');
  certificate.signature = sha256WithRsa();
  certificate.signatureAlgorithm = sha256WithRsa();
  certificate.tbsView = new Uint8Array(certificate.encodeTBS().toBER(false));
  certificate.signatureValue = new asn1js.BitString({ valueHex: nodeSign('sha256', certificate.tbsView, signingKey) });
  return certificate;
}

export interface Revocation {
  serialNumber: asn1js.Integer;
  revokedAt: Date;
}

export async function issueCrl(issuer: { certificate: pkijs.Certificate; privateKey: KeyObject }, revoked: Revocation[], thisUpdate: Date, nextUpdate: Date, number: number) {
  const crl = new pkijs.CertificateRevocationList();
  crl.version = 1;
  crl.issuer = issuer.certificate.subject;
  crl.thisUpdate = new pkijs.Time({ type: 0, value: thisUpdate });
  crl.nextUpdate = new pkijs.Time({ type: 0, value: nextUpdate });
  if (revoked.length) {
    crl.revokedCertificates = revoked.map(
      (entry) => new pkijs.RevokedCertificate({ userCertificate: entry.serialNumber, revocationDate: new pkijs.Time({ type: 0, value: entry.revokedAt }) }),
    );
  }
  crl.crlExtensions = new pkijs.Extensions({
    extensions: [
      extension(OID.authorityKeyIdentifier, false, new pkijs.AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: keyIdentifier(issuer.certificate) }) })),
      new pkijs.Extension({ extnID: OID.crlNumber, critical: false, extnValue: new asn1js.Integer({ value: number }).toBER(false) }),
    ],
  });
  crl.signature = sha256WithRsa();
  crl.signatureAlgorithm = sha256WithRsa();
  // pkijs keeps the CRL's encodeTBS protected (its sign() calls it); the bytes are the same.
  crl.tbsView = new Uint8Array((crl as unknown as { encodeTBS(): asn1js.Sequence }).encodeTBS().toBER(false));
  crl.signatureValue = new asn1js.BitString({ valueHex: nodeSign('sha256', crl.tbsView, issuer.privateKey) });
  return crl;
}

export function certificateFromDer(der: Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(new Uint8Array(der));
}

export function toDer(object: { toSchema(): asn1js.AsnType }): Buffer {
  return Buffer.from(object.toSchema().toBER(false));
}

export function commonNameOf(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues.find((part) => part.type === OID.commonName)?.value.valueBlock.value ?? '';
}

export function describeName(name: pkijs.RelativeDistinguishedNames): string {
  return [...name.typesAndValues]
    .reverse()
    .filter((part) => part.type !== OID.country)
    .map((part) => String(part.value.valueBlock.value))
    .join(', ');
}

export function serialHex(certificate: pkijs.Certificate): string {
  return Buffer.from(certificate.serialNumber.valueBlock.valueHexView).toString('hex');
}
