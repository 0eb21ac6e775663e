import { PageLink } from '../../../components/PageLink';

/**
 * SEAM — the citizen's document store (kho dữ liệu của công dân). Listing,
 * opening and reusing stored papers and electronic results comes with the
 * store services/documents is building; this page is where they will show.
 */
export function MyDocumentsPage() {
  return (
    <>
      <h1>Giấy tờ của tôi</h1>
      <p className="lead">Đây sẽ là nơi lưu giấy tờ bạn đã nộp và kết quả điện tử đã nhận, để dùng lại cho lần sau mà không phải nộp lại.</p>
      <p data-seam="document-store">Kho giấy tờ đang được xây dựng và chưa có giấy tờ nào để hiển thị.</p>
      <PageLink to="/ho-so">Xem hồ sơ của tôi</PageLink>
    </>
  );
}
