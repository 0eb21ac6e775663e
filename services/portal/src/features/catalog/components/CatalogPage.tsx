import { useQuery } from '@tanstack/react-query';
import { Button, Input, Spin } from 'antd';
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { PageLink } from '../../../components/PageLink';
import { searchProcedures } from '../api/catalog-api';
import { LEVEL_LABELS, processingTimeLabel } from '../labels';

const initialQuery = () => new URLSearchParams(window.location.search).get('q') ?? '';

/** The public catalog: type the name of a procedure, with or without accents. */
export function CatalogPage() {
  const [typed, setTyped] = useState(initialQuery);
  const [q, setQ] = useState(initialQuery);
  const results = useQuery({ queryKey: ['procedures', q], queryFn: () => searchProcedures(q), enabled: q.length > 0 });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const query = typed.trim();
    setQ(query);
    window.history.replaceState(null, '', query ? `?q=${encodeURIComponent(query)}` : window.location.pathname);
  };

  return (
    <>
      <h1>Tìm thủ tục hành chính</h1>
      <p className="lead">Gõ tên thủ tục bạn cần làm, có dấu hay không dấu đều được, ví dụ “khai sinh”.</p>
      <form role="search" onSubmit={submit}>
        <label htmlFor="tu-khoa" className="caption" style={{ display: 'block', fontWeight: 600 }}>
          Tên thủ tục
        </label>
        <Input id="tu-khoa" size="large" value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" enterKeyHint="search" />
        <Button type="primary" htmlType="submit" size="large" className="full-width" style={{ marginTop: 12 }}>
          Tìm kiếm
        </Button>
      </form>
      <section aria-live="polite" aria-busy={results.isFetching}>
        {results.isFetching && <Spin tip="Đang tìm…" style={{ marginTop: 16 }} />}
        {results.error && <ErrorMessage error={results.error} />}
        {results.data && (
          <>
            <h2>{results.data.total === 0 ? `Không tìm thấy thủ tục nào cho “${q}”` : `${results.data.total} thủ tục phù hợp`}</h2>
            {results.data.total === 0 && <p>Thử gõ ít chữ hơn, ví dụ chỉ “khai sinh”, hoặc hỏi Bộ phận Một cửa nơi bạn ở.</p>}
            <ul className="result-list">
              {results.data.items.map((hit) => (
                <li key={hit.code}>
                  <PageLink to={`/thu-tuc/${encodeURIComponent(hit.code)}`}>{hit.name}</PageLink>
                  <p className="caption">
                    {hit.fieldName} · {LEVEL_LABELS[hit.level] ?? hit.level} · {processingTimeLabel(hit.processingTime)}
                    {hit.online !== 'none' ? ' · Nộp trực tuyến được' : ''}
                  </p>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}
