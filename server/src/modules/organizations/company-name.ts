// The comparison key of a Chinese company name (CUS-3). The database computes it (psm_company_name_key, migration
// 0007, into organizations.name_key); this is the same rule in TypeScript, for tests and for the SQL's source: the
// migration's function body is the text companyNameKeySql() returns, and company-name.test.ts checks both agree.

/** Provinces, municipalities, autonomous regions, SARs, and the large cities a company name often starts with. */
export const REGION_NAMES = [
  '北京', '天津', '上海', '重庆', '河北', '山西', '辽宁', '吉林', '黑龙江', '江苏', '浙江', '安徽', '福建', '江西', '山东',
  '河南', '湖北', '湖南', '广东', '海南', '四川', '贵州', '云南', '陕西', '甘肃', '青海', '台湾', '内蒙古', '广西', '西藏',
  '宁夏', '新疆', '香港', '澳门',
  '深圳', '广州', '苏州', '杭州', '南京', '武汉', '成都', '西安', '青岛', '大连', '宁波', '厦门', '无锡', '长沙', '郑州',
  '济南', '合肥', '福州', '沈阳', '哈尔滨', '长春', '石家庄', '太原', '南昌', '昆明', '贵阳', '南宁', '海口', '兰州', '西宁',
  '银川', '乌鲁木齐', '呼和浩特', '拉萨', '东莞', '佛山', '常州', '南通', '徐州', '温州', '绍兴', '嘉兴', '烟台', '潍坊',
  '唐山', '珠海', '惠州', '泉州', '洛阳', '保定', '扬州', '镇江', '芜湖', '鞍山',
] as const;

/** What may follow a region name: 上海市, 广西壮族自治区, 香港特别行政区 … (longest first, so the regex takes it whole). */
export const REGION_UNITS = ['维吾尔自治区', '壮族自治区', '回族自治区', '特别行政区', '自治区', '省', '市'] as const;

/** Legal forms and their English spellings once spaces and punctuation are gone (co., ltd. → coltd). */
export const LEGAL_FORMS = [
  '集团股份有限公司', '集团有限责任公司', '集团有限公司', '股份有限公司', '有限责任公司', '有限公司', '股份公司', '集团公司',
  '总公司', '集团', '公司', '总厂', '厂',
  'coltd', 'ltd', 'limited', 'incorporated', 'inc', 'corporation', 'corp', 'company', 'group', 'gmbh',
] as const;

/** A region in brackets is dropped with its content: 华东机械设备(上海)有限公司, ABB(中国)有限公司. */
const BRACKETED_REGIONS = ['中国', ...REGION_NAMES] as const;

/** After NFKC (full width → half width, ideographic space → space), every other kind of bracket becomes a round one. */
const BRACKETS_FROM = '[]{}【】〔〕〖〗';
const BRACKETS_TO = '()()()()()';
/** CJK unified ideographs (and extension A), Latin letters and digits survive; the rest is punctuation or space. */
const KEPT_CHARACTERS = '0-9a-z\u3400-\u4dbf\u4e00-\u9fff';

// Non-capturing groups only: PostgreSQL's regular expressions are several times faster without captures, and the
// same patterns mean the same in JavaScript.
const alternatives = (words: readonly string[]) => `(?:${words.join('|')})`;
const bracketedRegionPattern = `\\(${alternatives(BRACKETED_REGIONS)}${alternatives(REGION_UNITS)}?\\)`;
const droppedCharactersPattern = `[^${KEPT_CHARACTERS}]`;
const legalFormsPattern = `${alternatives(LEGAL_FORMS)}+$`;
const regionPrefixPattern = `^(?:${alternatives(REGION_NAMES)}${alternatives(REGION_UNITS)}?)+`;
/** A Latin or digit prefix before at least four Chinese characters: ＨＤ华东机械 is 华东机械 (HD is its pinyin initials). */
const latinPrefixPattern = '^[0-9a-z]+(?=[\u3400-\u4dbf\u4e00-\u9fff]{4})';

function translateCharacters(value: string, from: string, to: string) {
  let result = '';
  for (const char of value) {
    const at = from.indexOf(char);
    result += at >= 0 ? to[at] : char;
  }
  return result;
}

const atLeastTwo = (value: string) => [...value].length >= 2;

/**
 * 上海市华东机械设备股份有限公司 → 华东机械设备. Steps: NFKC (full width → half width), brackets unified, lower case; a
 * bracket holding a region dropped with it; everything but Chinese characters, Latin letters and digits dropped (other
 * brackets keep their content); legal-form suffixes dropped; region prefixes dropped; a Latin prefix before four or
 * more Chinese characters dropped. A strip that would leave fewer than two characters is skipped (上海公司 → 上海).
 */
export function companyNameKey(name: string): string {
  let key = translateCharacters(name.normalize('NFKC'), BRACKETS_FROM, BRACKETS_TO).toLowerCase();
  key = key.replace(new RegExp(bracketedRegionPattern, 'g'), '').replace(new RegExp(droppedCharactersPattern, 'g'), '');
  const withoutForm = key.replace(new RegExp(legalFormsPattern), '');
  if (atLeastTwo(withoutForm)) key = withoutForm;
  const withoutRegion = key.replace(new RegExp(regionPrefixPattern), '');
  if (atLeastTwo(withoutRegion)) key = withoutRegion;
  return key.replace(new RegExp(latinPrefixPattern), '');
}

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * The SQL function: the same steps with the same lists (PostgreSQL reads these patterns as JavaScript does). PL/pgSQL
 * rather than one SQL expression: each step runs once with its result in a variable, about ten times faster than the
 * nested sub-selects a single SQL expression needs (it runs on every insert and every name change). Written into
 * migration 0007; if a list changes, a new migration replaces the function and recomputes the column — the test fails
 * until both agree.
 */
export function companyNameKeySql(): string {
  return `CREATE OR REPLACE FUNCTION psm_company_name_key(value text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  key text;
  stripped text;
BEGIN
  key := lower(translate(normalize(value, NFKC), ${literal(BRACKETS_FROM)}, ${literal(BRACKETS_TO)}));
  key := regexp_replace(regexp_replace(key, ${literal(bracketedRegionPattern)}, '', 'g'), ${literal(droppedCharactersPattern)}, '', 'g');
  stripped := regexp_replace(key, ${literal(legalFormsPattern)}, '');
  IF char_length(stripped) >= 2 THEN key := stripped; END IF;
  stripped := regexp_replace(key, ${literal(regionPrefixPattern)}, '');
  IF char_length(stripped) >= 2 THEN key := stripped; END IF;
  RETURN regexp_replace(key, ${literal(latinPrefixPattern)}, '');
END
$$;`;
}
