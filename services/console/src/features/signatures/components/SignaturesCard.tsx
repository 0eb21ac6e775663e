import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { currentUser, grantsOf } from '../../../lib/auth';
import type { DossierView } from '../../dossier/api/dossier-api';
import { dossierDocuments, dossierSignatures, KIND_LABELS, latestDraft, sealResult, signResult, type SignatureView } from '../api/signatures-api';
import { uploadDraftResult } from '../api/upload-draft-result';
import { PdfPicker } from './PdfPicker';
import { SignatureValidity } from './SignatureValidity';
import { SigningProgress } from './SigningProgress';

const FINISHED: DossierView['state'][] = ['refused', 'returned', 'stopped', 'withdrawn'];
const newest = (signatures: SignatureView[], kind: SignatureView['kind']) => signatures.filter((signature) => signature.kind === kind).at(-1);

/**
 * Kết quả điện tử on the dossier page: the specialist's draft result, the
 * competent unit's leader signing it (and its seal counter-signing), how the
 * signing goes, and every signature recorded for the dossier. Buttons follow
 * the reader's roles; the signatures service checks every call again.
 */
export function SignaturesCard({ view }: { view: DossierView }) {
  const client = useQueryClient();
  const user = useQuery({ queryKey: ['current-user'], queryFn: currentUser, staleTime: Infinity });
  const signatures = useQuery({ queryKey: ['dossier-signatures', view.code], queryFn: () => dossierSignatures(view.code) });
  const documents = useQuery({ queryKey: ['dossier-documents', view.code], queryFn: () => dossierDocuments(view.code) });
  const [following, setFollowing] = useState<{ id: string; what: string } | null>(null);

  const roles = (user.data ? grantsOf(user.data) : []).filter((grant) => grant.unitCode === view.competentUnitCode).map((grant) => grant.role);
  const electronic = view.returnMethod === 'electronic';
  const draft = latestDraft(documents.data?.documents ?? []);
  const recorded = signatures.data?.signatures ?? [];
  const resultSignature = newest(recorded, 'result');
  const seal = newest(recorded, 'seal');
  const atApproval = view.state === 'approved' || (view.allowedActions ?? []).includes('approve');

  const upload = useMutation({
    mutationFn: (file: File) => uploadDraftResult(view.code, file),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['dossier-documents', view.code] }),
  });
  const sign = useMutation({
    mutationFn: () => signResult(view.code),
    onSuccess: (request) => setFollowing({ id: request.id, what: 'Ký số kết quả' }),
  });
  const stamp = useMutation({
    mutationFn: () => sealResult(view.code),
    onSuccess: (request) => setFollowing({ id: request.id, what: 'Đóng dấu số' }),
  });

  const mayUpload = !FINISHED.includes(view.state) && view.state !== 'result_ready' && (roles.includes('specialist') || roles.includes('leader'));
  // A draft uploaded after the last signature is a new result: it is signed again.
  const unsignedDraft = draft && (!resultSignature || new Date(draft.uploadedAt) > new Date(resultSignature.signedAt));
  const maySign = electronic && atApproval && roles.includes('leader') && unsignedDraft;
  const maySeal = resultSignature && (!seal || new Date(seal.signedAt) < new Date(resultSignature.signedAt)) && (roles.includes('leader') || roles.includes('clerical'));
  const error = signatures.error ?? documents.error ?? upload.error ?? sign.error ?? stamp.error;

  return (
    <Card title="Kết quả điện tử và chữ ký số" size="small">
      <Space direction="vertical" style={{ width: '100%' }}>
        {error && <ErrorAlert error={error} />}
        <Typography.Text>
          {draft ? `Dự thảo kết quả: ${draft.filename} (phiên bản ${draft.version}), ${draft.uploadedBy} tải lên lúc ${draft.uploadedAtDisplay}.` : 'Chưa có dự thảo kết quả.'}
          {electronic ? ' Kết quả trả trực tuyến: cần chữ ký số của lãnh đạo trước khi phát hành.' : ''}
        </Typography.Text>
        <Space wrap>
          {mayUpload && (
            <PdfPicker id="draft-result" label={draft ? 'Tải lên dự thảo mới (PDF)…' : 'Tải lên dự thảo kết quả (PDF)…'} disabled={upload.isPending} onPick={(file) => upload.mutate(file)} />
          )}
          {maySign && (
            <Button id="sign-result" type="primary" loading={sign.isPending} disabled={sign.isPending} onClick={() => (sign.reset(), sign.mutate())}>
              Ký số kết quả
            </Button>
          )}
          {maySeal && (
            <Button id="seal-result" loading={stamp.isPending} disabled={stamp.isPending} onClick={() => (stamp.reset(), stamp.mutate())}>
              Đóng dấu số lên kết quả
            </Button>
          )}
        </Space>
        {upload.isPending && <Typography.Text role="status">Đang gửi dự thảo kết quả…</Typography.Text>}
        {following && (
          <SigningProgress
            key={following.id}
            id={following.id}
            what={following.what}
            onAgain={() => (following.what === 'Đóng dấu số' ? stamp.mutate() : sign.mutate())}
          />
        )}
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          loading={signatures.isFetching}
          dataSource={recorded}
          locale={{ emptyText: <Typography.Text type="secondary">Hồ sơ chưa có chữ ký số nào.</Typography.Text> }}
          columns={[
            { title: 'Loại', render: (_, row) => KIND_LABELS[row.kind] },
            { title: 'Người ký', render: (_, row) => `${row.signerName} (${row.signer}), đơn vị ${row.unitCode}` },
            { title: 'Thời điểm ký', dataIndex: 'signedAtDisplay' },
            { title: 'Chứng thư số', render: (_, row) => `${row.certificateSubject} — số hiệu ${row.certificateSerial}` },
            { title: 'Hiệu lực', render: (_, row) => <SignatureValidity signature={row} /> },
          ]}
        />
      </Space>
    </Card>
  );
}
