// The rows of the import benchmark's workbook: 10 % repeat existing companies, 5 % are bad (an unknown type, a quarter
// of those also without a name), the rest new companies with distinct names.
import { givenNameCharacters } from './vocabulary';

/** Row `index` of the workbook: 单位名称, 类型, 行业, 地区, 电话, 备注. */
export function importWorkbookRow(index: number, existingNames: string[]): (string | null)[] {
  const duplicate = index % 10 === 3;
  const bad = index % 20 === 7;
  // New companies get distinct 字号 (four characters of 82): names that differ only in a number are similar enough
  // for the duplicate check, and would all be skipped as duplicates.
  const name = duplicate ? existingNames[index % existingNames.length]! : newCompanyName(index);
  return [bad && index % 40 === 7 ? '' : name, bad ? '外星客户' : '业主', null, null, `021-${String(60000000 + index)}`, '基准导入'];
}

const importPlaces = ['上海', '苏州', '无锡', '宁波', '合肥', '南昌', '长沙', '武汉'];
const importIndustries = ['机械设备', '电气', '自动化', '水处理', '精密制造', '环保工程', '新材料', '仪器仪表'];

/** A 32-bit integer hash (the finaliser of MurmurHash3). */
function mix(value: number): number {
  let hash = Math.imul(value ^ (value >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

function newCompanyName(index: number): string {
  // Four characters picked by a hash of the row number and the position: two rows rarely share more than one, and
  // the duplicate check (rightly) flags names that share three of four characters and the industry word.
  const count = givenNameCharacters.length;
  const core = [0, 1, 2, 3].map((position) => givenNameCharacters[mix(index * 4 + position) % count]!).join('');
  return `${importPlaces[index % importPlaces.length]}${core}${importIndustries[Math.floor(index / 7) % importIndustries.length]}有限公司`;
}
