// The comparison keys of a project's name and site (PRJ-13 registration, 报备撞单). Modelled on the company-name key
// (organizations/company-name.ts): the same width, bracket and region rules, plus what project names add — procedural
// words (项目, 工程, 采购, 招标 …) that one rep writes and another leaves out, and numbered parts (三期, 2标段) whose
// number must survive: 浦东机场二期 and 浦东机场三期 are two deals, however alike the rest of the name.
import { REGION_NAMES, REGION_UNITS } from '../organizations/company-name';

/**
 * Words that say how a deal is bought, not what it is: dropped wherever they stand (longest first). 国际 goes too:
 * 浦东国际机场 is written 浦东机场 as often as not. 扩建 / 改造 / 新建 stay: they tell deals on one site apart.
 */
export const GENERIC_WORDS = [
  '竞争性磋商', '竞争性谈判', '单一来源', '公开招标', '邀请招标', '招标公告', '中标公告', '采购公告',
  '项目', '工程', '采购', '招标', '投标', '公告', '询价', '竞价', '比选', '磋商', '谈判', '国际', '公开',
] as const;

/** Units a number is counted in: 三期 → 3期, 第二标段 → 2标段, 1号线. Longest first. */
export const NUMBERED_UNITS = ['标段', '号线', '号楼', '期', '标', '包', '栋'] as const;

const BRACKETS_FROM = '[]{}【】〔〕〖〗';
const BRACKETS_TO = '()()()()()';
const KEPT_CHARACTERS = '0-9a-z\u3400-\u4dbf\u4e00-\u9fff';
const alternatives = (words: readonly string[]) => `(?:${words.join('|')})`;

const bracketedRegion = new RegExp(`\\(${alternatives(['中国', ...REGION_NAMES])}${alternatives(REGION_UNITS)}?\\)`, 'g');
const droppedCharacters = new RegExp(`[^${KEPT_CHARACTERS}]`, 'g');
const regionPrefix = new RegExp(`^(?:${alternatives(REGION_NAMES)}${alternatives(REGION_UNITS)}?)+`);
const genericWords = new RegExp(alternatives(GENERIC_WORDS), 'g');
const chineseNumberBeforeUnit = new RegExp(`第?([零〇一二两三四五六七八九十]+)(${alternatives(NUMBERED_UNITS)})`, 'g');
const ordinalDigits = new RegExp(`第(\\d+)(${alternatives(NUMBERED_UNITS)})`, 'g');
const numberedPart = new RegExp(`(\\d+)(${alternatives(NUMBERED_UNITS)})`, 'g');

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 三 → 3, 十 → 10, 十二 → 12, 二十 → 20, 二十三 → 23 (parts are numbered well below a hundred). */
export function chineseNumber(text: string): number | null {
  if (!text.includes('十')) {
    let value = 0;
    for (const char of text) {
      const digit = DIGITS[char];
      if (digit === undefined) return null;
      value = value * 10 + digit;
    }
    return value;
  }
  const [tens, units, ...rest] = text.split('十');
  if (rest.length > 0) return null;
  const tensValue = tens ? DIGITS[tens] : 1;
  const unitsValue = units ? DIGITS[units] : 0;
  return tensValue === undefined || unitsValue === undefined || tens!.length > 1 || units!.length > 1 ? null : tensValue * 10 + unitsValue;
}

function translateCharacters(value: string) {
  let result = '';
  for (const char of value) {
    const at = BRACKETS_FROM.indexOf(char);
    result += at >= 0 ? BRACKETS_TO[at] : char;
  }
  return result;
}

const atLeastTwo = (value: string) => [...value].length >= 2;

/** Width, brackets and case unified; a bracketed region dropped with its brackets; punctuation and spaces dropped. */
function cleaned(value: string): string {
  return translateCharacters(value.normalize('NFKC')).toLowerCase().replace(bracketedRegion, '').replace(droppedCharacters, '');
}

/**
 * （上海）浦东国际机场三期扩建工程-给排水设备采购项目 → 浦东机场3期扩建给排水设备. Steps: width, brackets, case; a bracketed
 * region dropped; punctuation dropped; numbered parts in digits (第三期 → 3期); generic words dropped anywhere; region
 * prefixes dropped (上海 / 上海市). A strip that would leave fewer than two characters is skipped.
 */
export function projectNameKey(name: string): string {
  let key = cleaned(name)
    .replace(chineseNumberBeforeUnit, (whole, number: string, unit: string) => {
      const value = chineseNumber(number);
      return value === null ? whole : `${value}${unit}`;
    })
    .replace(ordinalDigits, '$1$2');
  const withoutGeneric = key.replace(genericWords, '');
  if (atLeastTwo(withoutGeneric)) key = withoutGeneric;
  const withoutRegion = key.replace(regionPrefix, '');
  if (atLeastTwo(withoutRegion)) key = withoutRegion;
  return key;
}

/** 上海市浦东新区 机场镇 → 浦东新区机场镇: the site's words without width, punctuation and the leading province / city. */
export function siteKey(site: string | null | undefined): string {
  if (!site) return '';
  const key = cleaned(site);
  const withoutRegion = key.replace(regionPrefix, '');
  return atLeastTwo(withoutRegion) ? withoutRegion : key;
}

/** The numbered parts of a key by unit: 浦东机场3期2标段 → {期: 3, 标段: 2}. */
export function numberedParts(key: string): Map<string, string> {
  const parts = new Map<string, string>();
  for (const match of key.matchAll(numberedPart)) parts.set(match[2]!, String(Number(match[1])));
  return parts;
}

/**
 * Two keys name different deals when they number the same unit differently (二期 vs 三期, 1标段 vs 2标段). A name
 * without the number (浦东机场扩建) may still be the same deal, and stays a candidate.
 */
export function differentParts(left: string, right: string): boolean {
  const leftParts = numberedParts(left);
  for (const [unit, number] of numberedParts(right)) {
    const other = leftParts.get(unit);
    if (other !== undefined && other !== number) return true;
  }
  return false;
}
