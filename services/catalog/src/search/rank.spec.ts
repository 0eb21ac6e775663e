import { buildPostings, candidates, compileQuery, NO_MATCH, parseQuery, rankDocument, toSearchDocument, Vocabulary } from './rank';

const vocabulary = new Vocabulary();
const catalogue = [
  ['1.001193', 'Đăng ký khai sinh', 'Hộ tịch'],
  ['1.004884', 'Đăng ký lại khai sinh', 'Hộ tịch'],
  ['2.000528', 'Đăng ký khai sinh có yếu tố nước ngoài', 'Hộ tịch'],
  ['1.000689', 'Đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con', 'Hộ tịch'],
  ['1.000894', 'Đăng ký kết hôn', 'Hộ tịch'],
  ['2.000815.000.00.00.H38', 'Chứng thực bản sao từ bản chính giấy tờ, văn bản', 'Chứng thực'],
  [
    '2.000884',
    'Chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng thực điểm chỉ và trường hợp người yêu cầu chứng thực không thể ký, không thể điểm chỉ được)',
    'Chứng thực',
  ],
  ['2.000992', 'Chứng thực chữ ký người dịch mà người dịch là cộng tác viên dịch thuật của Ủy ban nhân dân cấp xã', 'Chứng thực'],
  ['1.001699', 'Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật', 'Lao động – Thương binh – Xã hội'],
  ['1.001653', 'Đổi, cấp lại Giấy xác nhận khuyết tật', 'Lao động – Thương binh – Xã hội'],
  ['1.001612', 'Đăng ký thành lập hộ kinh doanh', 'Đăng ký kinh doanh'],
].map(([code, name, field]) => ({ code: code!, document: toSearchDocument(vocabulary, code!, name!, field!) }));

/** Codes in ranked order, as the search use case sorts them. */
const search = (text: string) => {
  const query = compileQuery(parseQuery(text), vocabulary);
  return catalogue
    .map((entry) => ({ ...entry, rank: rankDocument(entry.document, query) }))
    .filter((entry) => entry.rank !== NO_MATCH)
    .sort((a, b) => b.rank - a.rank || a.code.localeCompare(b.code))
    .map((entry) => entry.code);
};

describe('parseQuery', () => {
  it('treats a query starting with a digit as a code', () => {
    expect(parseQuery(' 2.000815.000.00.00.h38 ')).toEqual({ code: '2.000815.000.00.00.h38', words: [] });
  });

  it('folds and de-duplicates the words of a text query', () => {
    expect(parseQuery('Đăng  ký, đăng ký KHAI SINH')).toEqual({ code: null, words: ['dang', 'ky', 'khai', 'sinh'] });
  });
});

describe('ranking', () => {
  it('puts the exact code first, then codes it prefixes', () => {
    expect(search('1.001193')).toEqual(['1.001193']);
    expect(search('2.000815')).toEqual(['2.000815.000.00.00.H38']);
    expect(search('2.0008')).toEqual(['2.000815.000.00.00.H38', '2.000884']);
    expect(search('2.000')).toEqual(['2.000528', '2.000815.000.00.00.H38', '2.000884', '2.000992']);
  });

  it('finds a code from its digits alone', () => {
    expect(search('001193')).toEqual(['1.001193']);
  });

  it('prefers the shortest name containing every word as a phrase', () => {
    expect(search('dang ky khai sinh')[0]).toBe('1.001193');
  });

  it('ranks a phrase in order above the same words apart', () => {
    const ranked = search('dang ky khai sinh');
    expect(ranked.indexOf('2.000528')).toBeLessThan(ranked.indexOf('1.004884'));
  });

  it('ranks names with more of the query words first', () => {
    expect(search('khai sinh nuoc ngoai')[0]).toBe('2.000528');
    expect(search('dang ky lai khai sinh')[0]).toBe('1.004884');
  });

  it('does not hold a clarification in parentheses against a name', () => {
    expect(search('chung thuc chu ky')[0]).toBe('2.000884');
    expect(search('chung thuc chu ky nguoi dich')[0]).toBe('2.000992');
  });

  it('follows a phrase to the occurrence that continues it', () => {
    // "xác" first occurs in "Xác định" in 1.001699; the phrase "giấy xác nhận khuyết tật" is in both.
    expect(search('cap lai giay xac nhan khuyet tat')[0]).toBe('1.001653');
    expect(search('xac dinh muc do khuyet tat')[0]).toBe('1.001699');
  });

  it('matches a word being typed as a prefix', () => {
    expect(search('chung thuc ban sa')[0]).toBe('2.000815.000.00.00.H38');
    expect(search('ket ho')[0]).toBe('1.000894');
  });

  it('matches the field name when the procedure name lacks the word', () => {
    expect(search('ho tich ket hon')[0]).toBe('1.000894');
    // The five civil-status procedures first; "hộ kinh doanh" shares only "hộ" and comes last.
    expect(search('ho tich').slice(0, 5).sort()).toEqual(['1.000689', '1.000894', '1.001193', '1.004884', '2.000528']);
    expect(search('ho tich')[5]).toBe('1.001612');
  });

  it('does not list the catalogue for one shared word of a long query', () => {
    expect(search('thanh lap ho kinh doanh ca the')).toEqual(['1.001612']);
  });

  it('does not treat a one-letter word as a prefix of everything', () => {
    expect(search('k')).toEqual([]);
  });

  it('ranks every document equally for an empty query', () => {
    const query = compileQuery(parseQuery(''), vocabulary);
    expect(new Set(catalogue.map((entry) => rankDocument(entry.document, query)))).toEqual(new Set([0]));
  });
});

describe('candidates', () => {
  const postings = buildPostings(
    catalogue.map((entry) => entry.document),
    vocabulary,
  );

  it.each(['dang ky khai sinh', 'chung thuc ban sa', 'ho tich ket hon', 'thanh lap ho kinh doanh ca the', 'xac nhan', 'zzz'])(
    'keeps every document that "%s" matches and only documents sharing a word with it',
    (text) => {
      const query = compileQuery(parseQuery(text), vocabulary);
      const pool = Array.from(candidates(query, postings, catalogue.length) ?? []);
      const matching = catalogue.flatMap((entry, position) => (rankDocument(entry.document, query) === NO_MATCH ? [] : [position]));
      expect(pool).toEqual(expect.arrayContaining(matching));
      expect(pool.length).toBeLessThan(catalogue.length);
    },
  );

  it('looks at every document for a code or an empty query', () => {
    expect(candidates(compileQuery(parseQuery('1.00'), vocabulary), postings, catalogue.length)).toBeNull();
    expect(candidates(compileQuery(parseQuery(''), vocabulary), postings, catalogue.length)).toBeNull();
  });
});
