/** What each state means for the citizen, and what (if anything) they have to do. */
export const STATE_EXPLANATIONS: Record<string, string> = {
  in_progress: 'Cơ quan đang giải quyết hồ sơ của bạn. Bạn chưa cần làm gì.',
  awaiting_supplement: 'Hồ sơ cần bổ sung giấy tờ. Xem phiếu yêu cầu bổ sung và nộp phần còn thiếu; thời gian chờ bổ sung không tính vào thời hạn giải quyết.',
  approved: 'Hồ sơ đã được phê duyệt. Cơ quan đang phát hành kết quả.',
  result_ready: 'Đã có kết quả. Bạn có thể nhận kết quả theo cách đã chọn khi nộp.',
  returned: 'Đã trả kết quả cho bạn. Mời bạn đánh giá mức độ hài lòng.',
  refused: 'Cơ quan đã từ chối giải quyết hồ sơ. Lý do được ghi trong văn bản trả lời gửi bạn.',
  withdrawn: 'Hồ sơ đã được rút theo đề nghị.',
  stopped: 'Cơ quan đã dừng giải quyết hồ sơ. Lý do được ghi trong thông báo gửi bạn.',
};
