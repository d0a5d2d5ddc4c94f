import { describe, expect, it } from 'vitest';
import { isSearchable } from './search.api';
import { splitByMatch } from './search-highlight';

describe('search highlight', () => {
  it('marks every occurrence, ignoring case', () => {
    expect(splitByMatch('华东机械 · 华东', '华东')).toEqual([
      { text: '华东', match: true },
      { text: '机械 · ', match: false },
      { text: '华东', match: true },
    ]);
    expect(splitByMatch('Zhang.JG@Huadong.example', 'huadong')).toEqual([
      { text: 'Zhang.JG@', match: false },
      { text: 'Huadong', match: true },
      { text: '.example', match: false },
    ]);
  });
  it('leaves a text without the query (a pinyin match) as it is', () => {
    expect(splitByMatch('上海华东机械设备有限公司', 'hdjx')).toEqual([{ text: '上海华东机械设备有限公司', match: false }]);
    expect(splitByMatch('abc', '  ')).toEqual([{ text: 'abc', match: false }]);
  });
});

describe('when a query is sent', () => {
  it('needs two characters, or three Latin letters', () => {
    expect(isSearchable('华')).toBe(false);
    expect(isSearchable('华东')).toBe(true);
    expect(isSearchable('hd')).toBe(false);
    expect(isSearchable('hdj')).toBe(true);
    expect(isSearchable('13')).toBe(true);
  });
});
