import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Input, Radio, Spin } from 'antd';
import { useState } from 'react';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { BackLink, PageLink } from '../../../components/PageLink';
import { rateDossier, useMyDossier, type RatingLevel, type RatingScores } from '../api/my-dossiers-api';

// The evaluation form of NĐ 61/2018 (RATING_CRITERIA in libs/contracts), in the same order.
const CRITERIA: { key: keyof RatingScores; label: string }[] = [
  { key: 'reception', label: 'Tiếp nhận và hướng dẫn hồ sơ' },
  { key: 'duration', label: 'Thời gian giải quyết' },
  { key: 'attitude', label: 'Thái độ phục vụ của cán bộ, công chức' },
  { key: 'result', label: 'Kết quả giải quyết đúng quy định' },
  { key: 'costs', label: 'Không phát sinh chi phí ngoài quy định' },
];
const LEVELS: { value: RatingLevel; label: string }[] = [
  { value: 'very_satisfied', label: 'Rất hài lòng' },
  { value: 'satisfied', label: 'Hài lòng' },
  { value: 'neutral', label: 'Bình thường' },
  { value: 'dissatisfied', label: 'Không hài lòng' },
];

/** Rates a returned dossier, once. */
export function RatingPage({ code }: { code: string }) {
  const client = useQueryClient();
  const { dossier, error, isPending } = useMyDossier(code);
  const [scores, setScores] = useState<Partial<RatingScores>>({});
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Partial<Record<keyof RatingScores, string>>>({});
  const rating = useMutation({
    mutationFn: () => rateDossier(code, dossier?.trackingToken ?? '', scores as RatingScores, comment),
    onSettled: () => client.invalidateQueries({ queryKey: ['my-dossiers'] }),
  });
  if (isPending) return <Spin tip="Đang tải…" />;
  if (error || !dossier) return <ErrorMessage error={error ?? new Error('Không tìm thấy hồ sơ.')} />;
  const back = <BackLink to={`/ho-so/${encodeURIComponent(code)}`}>Hồ sơ {code}</BackLink>;
  if (rating.isSuccess) {
    return (
      <>
        <div className="panel">
          <h1>Cảm ơn bạn đã đánh giá</h1>
        </div>
        <p className="lead">Ý kiến của bạn được gửi đến cơ quan giải quyết và được tính vào chỉ số hài lòng của tỉnh.</p>
        <PageLink to="/ho-so">Hồ sơ của tôi</PageLink>
      </>
    );
  }
  if (dossier.rated) {
    return (
      <>
        {back}
        <h1>Bạn đã đánh giá hồ sơ này</h1>
        <p>Mỗi hồ sơ chỉ được đánh giá một lần.</p>
      </>
    );
  }
  const submit = () => {
    const found = Object.fromEntries(CRITERIA.filter(({ key }) => !scores[key]).map(({ key, label }) => [key, `Chọn mức đánh giá cho “${label}”.`]));
    setErrors(found);
    if (!Object.keys(found).length) rating.mutate();
  };
  return (
    <>
      {back}
      <h1>Đánh giá việc giải quyết hồ sơ</h1>
      <p className="lead">{dossier.procedure.name}</p>
      {CRITERIA.map(({ key, label }) => (
        <fieldset key={key} style={{ border: 0, padding: 0, margin: '0 0 20px' }} aria-describedby={errors[key] ? `${key}-loi` : undefined}>
          <legend style={{ fontWeight: 600, fontSize: 17 }}>{label}</legend>
          {errors[key] && (
            <p className="field-error" id={`${key}-loi`}>
              {errors[key]}
            </p>
          )}
          <Radio.Group
            name={key}
            value={scores[key]}
            onChange={(event) => setScores((previous) => ({ ...previous, [key]: event.target.value as RatingLevel }))}
            style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
          >
            {LEVELS.map((level) => (
              <Radio key={level.value} value={level.value}>
                {level.label}
              </Radio>
            ))}
          </Radio.Group>
        </fieldset>
      ))}
      <label htmlFor="y-kien" style={{ display: 'block', fontWeight: 600, fontSize: 17 }}>
        Ý kiến khác (không bắt buộc)
      </label>
      <Input.TextArea id="y-kien" rows={3} maxLength={1000} value={comment} onChange={(event) => setComment(event.target.value)} style={{ marginBottom: 16 }} />
      {rating.error && <ErrorMessage error={rating.error} />}
      <Button type="primary" size="large" className="full-width" loading={rating.isPending} onClick={submit}>
        Gửi đánh giá
      </Button>
    </>
  );
}
