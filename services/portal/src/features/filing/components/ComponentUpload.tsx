/**
 * SEAM — component uploads. Here the citizen will attach the file of one
 * component (resumable upload, the phone's camera included) or pick it from
 * their document store; services/documents is building the upload API and the
 * store. Until they exist the component is filed as declared (not digitised)
 * and the citizen is told what to bring instead.
 */
export function ComponentUpload({ componentName }: { componentName: string }) {
  return (
    <p className="caption" data-seam="component-upload" data-component={componentName}>
      Chức năng tải ảnh chụp hoặc tệp giấy tờ đang được bổ sung. Hiện tại, bạn mang bản giấy này khi đến nhận kết quả.
    </p>
  );
}
