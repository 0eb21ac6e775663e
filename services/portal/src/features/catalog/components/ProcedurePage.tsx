import { useQuery } from '@tanstack/react-query';
import { Button, Spin } from 'antd';
import { formatDate } from '@mc/web-api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { BackLink } from '../../../components/PageLink';
import { navigate } from '../../../lib/router';
import { getProcedure } from '../api/catalog-api';
import { COPY_TYPE_LABELS, feeLabel, LEVEL_LABELS, ONLINE_LABELS, processingTimeLabel } from '../labels';

/** One procedure as in force today: what it costs, how long it takes, what to bring and how to file it. */
export function ProcedurePage({ code }: { code: string }) {
  const procedure = useQuery({ queryKey: ['procedure', code], queryFn: () => getProcedure(code) });
  if (procedure.isPending) return <Spin tip="Đang tải…" />;
  if (procedure.error) return <ErrorMessage error={procedure.error} />;
  const version = procedure.data;
  const { channels } = version;
  return (
    <>
      <BackLink to="/">Tìm thủ tục khác</BackLink>
      <p className="caption">{version.fieldName}</p>
      <h1>{version.name}</h1>
      {channels.online !== 'none' && (
        <Button type="primary" size="large" className="full-width no-print" onClick={() => navigate(`/nop-ho-so/${encodeURIComponent(version.code)}`)}>
          Nộp hồ sơ trực tuyến
        </Button>
      )}
      <dl className="summary-list" style={{ marginTop: 16 }}>
        <div>
          <dt>Cấp thực hiện</dt>
          <dd>{LEVEL_LABELS[version.level] ?? version.level}</dd>
        </div>
        <div>
          <dt>Cơ quan giải quyết</dt>
          <dd>{version.agency.name}</dd>
        </div>
        <div>
          <dt>Thời hạn giải quyết</dt>
          <dd>{processingTimeLabel(version.processingTime)} kể từ khi nhận đủ hồ sơ hợp lệ</dd>
        </div>
        <div>
          <dt>Phí, lệ phí</dt>
          <dd>
            {version.fees.map((fee) => (
              <div key={fee.name}>{feeLabel(fee)}</div>
            ))}
          </dd>
        </div>
        <div>
          <dt>Kết quả</dt>
          <dd>{version.result.name}</dd>
        </div>
      </dl>

      <h2>Giấy tờ cần nộp</h2>
      <ol>
        {version.components.map((component) => (
          <li key={component.name}>
            {component.name} — {COPY_TYPE_LABELS[component.copyType] ?? component.copyType}, {component.quantity} bản
            {component.templateForm ? `, theo mẫu ${component.templateForm}` : ''}
            {component.condition ? ` (nếu ${component.condition})` : ''}
            {component.reusable ? '. Có thể dùng lại giấy tờ đã lưu trong kho giấy tờ của bạn.' : ''}
          </li>
        ))}
      </ol>

      <h2>Cách nộp và nhận kết quả</h2>
      <ul>
        <li>{ONLINE_LABELS[channels.online]}</li>
        <li>{channels.counter ? 'Nộp trực tiếp tại Bộ phận Một cửa' : 'Không nộp trực tiếp tại Bộ phận Một cửa'}</li>
        <li>{channels.postalPickup ? 'Bưu điện đến nhà nhận hồ sơ giấy để nộp thay bạn' : 'Không nhận hồ sơ qua bưu điện'}</li>
        <li>{channels.postalReturn ? 'Nhận kết quả qua bưu điện tại địa chỉ của bạn' : 'Không trả kết quả qua bưu điện'}</li>
      </ul>

      <h2>Căn cứ pháp lý</h2>
      <ul>
        {version.legalBasis.map((basis) => (
          <li key={basis}>{basis}</li>
        ))}
      </ul>
      <p className="caption">
        Mã thủ tục {version.code}, phiên bản {version.version}, áp dụng từ ngày {formatDate(version.effectiveFrom)}.
      </p>
    </>
  );
}
