/**
 * SEAM — electronic result download. The signed file of the result is kept in
 * the citizen's document store that services/documents is building; once it
 * exposes the file, this becomes the download link. Until then the citizen is
 * told the result exists and how to receive it.
 */
export function ResultDownload({ code }: { code: string }) {
  return (
    <p data-seam="result-download" data-dossier={code}>
      Kết quả đã được phát hành dưới dạng bản điện tử. Chức năng tải bản điện tử trên cổng đang được bổ sung; trong lúc chờ, bạn nhận kết quả tại Bộ phận Một
      cửa hoặc theo cách đã chọn khi nộp.
    </p>
  );
}
