/** Said whenever a result leans on a year whose holidays nobody has entered, or only as proposed: it may still move. */
export function unannouncedWarning(years: readonly number[]): string | null {
  if (years.length === 0) return null;
  const list = years.length === 1 ? `năm ${years[0]}` : `các năm ${years.join(', ')}`;
  return `Chưa nhập lịch nghỉ lễ chính thức của ${list} (chưa nhập hoặc mới là đề xuất); kết quả có thể thay đổi khi quản trị viên cấp tỉnh nhập lịch đã công bố.`;
}
