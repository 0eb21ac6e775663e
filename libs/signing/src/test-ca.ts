import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type * as asn1js from 'asn1js';
import { issueCertificate, issueCrl, newRsaKey, toDer, type DistinguishedName } from './certificates';
import { readPkcs12, toPkcs12, type KeyBundle } from './pkcs12';

const DAY = 86_400_000;

export interface TestIdentity {
  /** Who signs with it: an account's username, `seal-<unit code>` for a unit's seal, `tsa` for the time-stamping authority. */
  id: string;
  subject: DistinguishedName;
  profile: 'signer' | 'timestamping';
  /** Issued and at once revoked, so tests and demos can show what a revoked signer looks like. */
  revoked?: boolean;
}

/** The demo province's signers: the accounts of infra/demo/accounts.json that sign, the ward's seal, the TSA. */
export const DEMO_IDENTITIES: TestIdentity[] = [
  { id: 'lanhdao.lvt', profile: 'signer', subject: { commonName: 'Vi Văn Thắng', organizationalUnit: 'Lãnh đạo', organization: 'UBND phường Lương Văn Tri', locality: 'Lạng Sơn' } },
  { id: 'tiepnhan.lvt', profile: 'signer', subject: { commonName: 'Nguyễn Thu Hà', organizationalUnit: 'Bộ phận Một cửa', organization: 'UBND phường Lương Văn Tri', locality: 'Lạng Sơn' } },
  { id: 'tiepnhan.dk', profile: 'signer', subject: { commonName: 'Hoàng Minh Phương', organizationalUnit: 'Bộ phận Một cửa', organization: 'UBND phường Đông Kinh', locality: 'Lạng Sơn' } },
  { id: 'seal-05983', profile: 'signer', subject: { commonName: 'UBND phường Lương Văn Tri', organization: 'UBND phường Lương Văn Tri', locality: 'Lạng Sơn' } },
  { id: 'revoked.lvt', profile: 'signer', revoked: true, subject: { commonName: 'Chứng thư đã thu hồi (thử nghiệm)', organization: 'UBND phường Lương Văn Tri', locality: 'Lạng Sơn' } },
  { id: 'tsa', profile: 'timestamping', subject: { commonName: 'Dịch vụ cấp dấu thời gian thử nghiệm', organization: 'UBND tỉnh Lạng Sơn', locality: 'Lạng Sơn' } },
];

export interface TestCa {
  dir: string;
  rootDer: Buffer;
  issuingDer: Buffer;
  crlDer: Buffer;
  password: string;
  /** id → PKCS#12 file. */
  keys: Record<string, string>;
}

interface Manifest {
  createdAt: string;
  keys: Record<string, string>;
}

export async function readKey(ca: TestCa, id: string): Promise<KeyBundle> {
  const file = ca.keys[id];
  if (!file) throw new Error(`The test CA has no key for ${id}.`);
  return readPkcs12(await readFile(file), ca.password);
}

async function load(dir: string, password: string): Promise<TestCa> {
  const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
  return {
    dir,
    password,
    rootDer: await readFile(path.join(dir, 'root-ca.cer')),
    issuingDer: await readFile(path.join(dir, 'issuing-ca.cer')),
    crlDer: await readFile(path.join(dir, 'issuing-ca.crl')),
    keys: Object.fromEntries(Object.entries(manifest.keys).map(([id, file]) => [id, path.join(dir, file)])),
  };
}

/**
 * The province test CA of the default profile: root → issuing CA → staff,
 * seal and TSA certificates with a CRL, keys in PKCS#12 files. Created once,
 * into a temporary folder renamed into place, so a start interrupted half-way
 * leaves nothing that looks like a CA.
 */
export async function ensureTestCa(dir: string, password: string, identities: TestIdentity[] = DEMO_IDENTITIES, now = new Date()): Promise<TestCa> {
  if (existsSync(path.join(dir, 'manifest.json'))) return load(dir, password);

  const notBefore = new Date(now.getTime() - DAY);
  const rootKey = await newRsaKey();
  const root = await issueCertificate({
    profile: 'root',
    subject: { commonName: 'CA gốc thử nghiệm tỉnh Lạng Sơn', organization: 'UBND tỉnh Lạng Sơn', locality: 'Lạng Sơn' },
    publicKey: rootKey.publicKey,
    selfKey: rootKey.privateKey,
    notBefore,
    notAfter: new Date(now.getTime() + 20 * 365 * DAY),
  });
  const issuingKey = await newRsaKey();
  const issuing = await issueCertificate({
    profile: 'issuing-ca',
    subject: { commonName: 'CA cấp chứng thư thử nghiệm tỉnh Lạng Sơn', organization: 'UBND tỉnh Lạng Sơn', locality: 'Lạng Sơn' },
    publicKey: issuingKey.publicKey,
    issuer: { certificate: root, privateKey: rootKey.privateKey },
    notBefore,
    notAfter: new Date(now.getTime() + 10 * 365 * DAY),
  });
  const issuer = { certificate: issuing, privateKey: issuingKey.privateKey };

  const staging = `${dir}.creating-${process.pid}-${randomBytes(4).toString('hex')}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true, mode: 0o700 });
  const keys: Record<string, string> = {};
  const revoked: Array<{ serialNumber: asn1js.Integer; revokedAt: Date }> = [];
  for (const identity of identities) {
    const key = await newRsaKey();
    const certificate = await issueCertificate({
      profile: identity.profile,
      subject: identity.subject,
      publicKey: key.publicKey,
      issuer,
      notBefore,
      notAfter: new Date(now.getTime() + 3 * 365 * DAY),
    });
    if (identity.revoked) revoked.push({ serialNumber: certificate.serialNumber, revokedAt: now });
    const file = `${identity.id}.p12`;
    await writeFile(path.join(staging, file), toPkcs12({ privateKey: key.privateKey, chain: [toDer(certificate), toDer(issuing), toDer(root)] }, password, identity.subject.commonName), { mode: 0o600 });
    keys[identity.id] = file;
  }
  const crl = await issueCrl(issuer, revoked, now, new Date(now.getTime() + 365 * DAY), 1);
  await writeFile(path.join(staging, 'root-ca.cer'), toDer(root));
  await writeFile(path.join(staging, 'issuing-ca.cer'), toDer(issuing));
  await writeFile(path.join(staging, 'issuing-ca.crl'), toDer(crl));
  // The CA keys are not kept: the default profile never issues again, it creates a new CA (delete the folder).
  await writeFile(path.join(staging, 'manifest.json'), JSON.stringify({ createdAt: now.toISOString(), keys } satisfies Manifest, null, 2));
  await mkdir(path.dirname(dir), { recursive: true });
  try {
    await rename(staging, dir);
  } catch (error) {
    // Another replica starting at the same moment put its CA in place first: that one is the CA, ours is dropped.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    await rm(staging, { recursive: true, force: true });
  }
  return load(dir, password);
}
