import type { SignatureView, SigningRequestView } from '@mc/contracts';
import { tusAppend, tusCreate, uploadUrlOf, waitFor } from '@mc/local-infra';
import { passwordToken, type InProcessPlatform } from './support';

/** The specialist's draft of a dossier's result (a PDF), uploaded as its `result` file; answers the document id. */
export async function uploadDraftResult(platform: InProcessPlatform, specialistToken: string, code: string, pdf: Buffer, purpose = 'submission'): Promise<string> {
  const created = await tusCreate(platform.gateway.url, specialistToken, pdf.length, { dossierCode: code, component: 'result', purpose, filename: 'ket-qua.pdf' });
  if (created.status !== 201) throw new Error(`draft result refused: ${created.status}`);
  const appended = await tusAppend(uploadUrlOf(platform.gateway.url, created), specialistToken, 0, pdf, pdf.length);
  return appended.headers['x-document-id'] as string;
}

/**
 * What an electronic result needs before it is issued: the demo ward's
 * specialist uploads the draft, its leader signs it through the signatures
 * service, and the dossier service has learnt of the signature. The platform
 * must run the documents and signatures services.
 */
export async function leaderSignedResult(platform: InProcessPlatform, code: string, pdf: Buffer): Promise<SignatureView> {
  await uploadDraftResult(platform, await passwordToken(platform.issuer, 'chuyenvien.lvt'), code, pdf);
  const leader = { authorization: `Bearer ${await passwordToken(platform.issuer, 'lanhdao.lvt')}`, 'content-type': 'application/json' };
  const asked = (await (await fetch(`${platform.gateway.url}/api/v1/dossiers/${code}/result-signatures`, { method: 'POST', headers: leader, body: '{}' })).json()) as SigningRequestView;
  const signed = await waitFor(`the leader's signature of ${code}`, async () => {
    const request = (await (await fetch(`${platform.gateway.url}/api/v1/signing-requests/${asked.id}`, { headers: leader })).json()) as SigningRequestView;
    if (request.status !== 'pending' && request.status !== 'signed') throw new Error(`signing ${request.status}: ${request.reason}`);
    return request.signature ?? undefined;
  });
  // Any service's connection reaches the dossier schema: one database, a schema per service.
  const [anyService] = platform.services;
  await waitFor('the dossier service knows the signature', async () => (await anyService?.dataSource.query('SELECT 1 FROM dossier.result_signatures WHERE signature_id = $1', [signed.id]))?.length > 0);
  return signed;
}
