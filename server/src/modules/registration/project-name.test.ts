// The project-name key with real Chinese project names: one deal written three ways is one key; another phase, lot or
// airport is not the same deal.
import { describe, expect, it } from 'vitest';
import { chineseNumber, differentParts, projectNameKey, siteKey } from './project-name';

describe('projectNameKey', () => {
  it('writes one deal written three ways as one key', () => {
    const key = projectNameKey('上海浦东国际机场三期扩建工程给排水设备采购项目');
    expect(key).toBe('浦东机场3期扩建给排水设备');
    expect(projectNameKey('浦东机场三期扩建给排水设备')).toBe(key);
    expect(projectNameKey('（上海）浦东国际机场3期扩建-给排水设备招标')).toBe(key);
    expect(projectNameKey('【上海市】浦东国际机场 第三期 扩建 给排水设备 公开招标')).toBe(key);
  });

  it('keeps phase and lot numbers, in digits whatever the spelling', () => {
    expect(projectNameKey('浦东机场二期')).toBe('浦东机场2期');
    expect(projectNameKey('轨道交通十四号线第十二标段')).toBe('轨道交通14号线12标段');
    expect(projectNameKey('华能电厂２号楼暖通')).toBe('华能电厂2号楼暖通');
  });

  it('drops region prefixes and procedural words but never down to nothing', () => {
    expect(projectNameKey('江苏省南京市地铁5号线供电系统竞争性谈判')).toBe('地铁5号线供电系统');
    expect(projectNameKey('上海项目')).toBe('上海');
    expect(projectNameKey('虹桥机场给排水')).toBe('虹桥机场给排水');
  });
});

describe('differentParts', () => {
  it('tells another phase or lot apart, keeps a name without the number as a candidate', () => {
    expect(differentParts(projectNameKey('浦东机场二期扩建给排水'), projectNameKey('浦东机场三期扩建给排水设备'))).toBe(true);
    expect(differentParts(projectNameKey('地铁5号线1标段'), projectNameKey('地铁5号线2标段'))).toBe(true);
    expect(differentParts(projectNameKey('浦东机场扩建给排水'), projectNameKey('浦东机场三期扩建给排水'))).toBe(false);
    expect(differentParts(projectNameKey('浦东机场第3期'), projectNameKey('浦东机场三期'))).toBe(false);
  });
});

describe('chineseNumber and siteKey', () => {
  it('reads the numbers parts are counted in', () => {
    expect([chineseNumber('三'), chineseNumber('十'), chineseNumber('十二'), chineseNumber('二十'), chineseNumber('二十三'), chineseNumber('两')]).toEqual([3, 10, 12, 20, 23, 2]);
    expect(chineseNumber('百')).toBeNull();
  });

  it('unifies width and punctuation of a site and drops its province or city', () => {
    expect(siteKey('上海市 浦东新区（机场镇）')).toBe('浦东新区机场镇');
    expect(siteKey('')).toBe('');
    expect(siteKey(null)).toBe('');
  });
});
