import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestCa } from '@mc/signing';

const run = promisify(execFile);

/** An NSS database that trusts the test root (and knows its CRL), the way pdfsig is told whom to trust. */
export async function nssTrusting(ca: TestCa): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'nss-'));
  await run('certutil', ['-N', '--empty-password', '-d', `sql:${dir}`]);
  const root = path.join(dir, 'root.cer');
  const crl = path.join(dir, 'issuing.crl');
  await writeFile(root, ca.rootDer);
  await writeFile(crl, ca.crlDer);
  await run('certutil', ['-A', '-d', `sql:${dir}`, '-n', 'test-root', '-t', 'CT,C,C', '-i', root]);
  await run('crlutil', ['-I', '-d', `sql:${dir}`, '-i', crl, '-B']);
  return dir;
}

export interface PdfsigSignature {
  signer: string;
  validation: string;
  certificate: string;
  wholeDocument: boolean;
  subFilter: string;
}

/** pdfsig's report, signature by signature; it exits non-zero when a signature is not valid, so the exit code is not used. */
export async function pdfsig(nssDir: string, pdf: Buffer): Promise<{ text: string; signatures: PdfsigSignature[] }> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'pdfsig-')), 'signed.pdf');
  await writeFile(file, pdf);
  const result = await run('pdfsig', ['-nssdir', `sql:${nssDir}`, file]).catch((error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? '', stderr: error.stderr ?? '' }));
  const text = result.stdout;
  const signatures = text
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .map((block) => ({
      signer: /Signer Certificate Common Name: (.*)/.exec(block)?.[1] ?? '',
      validation: /Signature Validation: (.*)/.exec(block)?.[1] ?? '',
      certificate: /Certificate Validation: (.*)/.exec(block)?.[1] ?? '',
      wholeDocument: /Total document signed/.test(block),
      subFilter: /Signature Type: (.*)/.exec(block)?.[1] ?? '',
    }));
  return { text: `${text}${result.stderr}`, signatures };
}
