import { foldText, tokenize } from './fold';

describe('foldText', () => {
  it.each([
    ['Đăng ký khai sinh', 'dang ky khai sinh'],
    ['ĐĂNG KÝ KẾT HÔN', 'dang ky ket hon'],
    ['Chứng thực bản sao từ bản chính', 'chung thuc ban sao tu ban chinh'],
    ['Thương binh – Xã hội', 'thuong binh – xa hoi'],
    ['Trợ cấp người có công', 'tro cap nguoi co cong'],
    ['đất đai', 'dat dai'],
  ])('folds %s', (text, folded) => {
    expect(foldText(text)).toBe(folded);
  });

  it('folds text typed in composed and decomposed Unicode alike', () => {
    const composed = 'Giấy phép xây dựng'.normalize('NFC');
    const decomposed = 'Giấy phép xây dựng'.normalize('NFD');
    expect(foldText(composed)).toBe(foldText(decomposed));
  });
});

describe('tokenize', () => {
  it('splits on punctuation and keeps digits', () => {
    expect(tokenize('Đăng ký khai sinh kết hợp nhận cha, mẹ, con (mẫu 01)')).toEqual([
      'dang', 'ky', 'khai', 'sinh', 'ket', 'hop', 'nhan', 'cha', 'me', 'con', 'mau', '01',
    ]);
  });

  it('returns nothing for blank text', () => {
    expect(tokenize('  – , ')).toEqual([]);
  });
});
