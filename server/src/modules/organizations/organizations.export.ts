// Excel export of an organisation list view (PLAT-11): the caller's scope and filters, audited.
import ExcelJS from 'exceljs';
import { organizationTypes, type OrganizationListQuery } from '@openpsm/contracts';
import type { Db } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { canSeeField } from '../../platform/access/record-scope';
import { writeAudit } from '../../platform/audit/audit-log.service';
import { customFieldExportColumns } from '../../platform/config/custom-field-export';
import { listOptions } from '../../platform/config/options.service';
import { listOrganizations } from './organizations.service';

/** More than this in one file is a job for the import / export module, not a request. */
export const EXPORT_LIMIT = 10_000;

const headers: [key: string, zh: string, en: string][] = [
  ['number', '编号', 'Number'],
  ['name', '名称', 'Name'],
  ['shortName', '简称', 'Short name'],
  ['type', '类型', 'Type'],
  ['creditCode', '统一社会信用代码', 'Credit code'],
  ['industry', '行业', 'Industry'],
  ['region', '区域', 'Region'],
  ['address', '地址', 'Address'],
  ['phone', '电话', 'Phone'],
  ['grade', '等级', 'Grade'],
  ['creditRating', '信用等级', 'Credit rating'],
  ['source', '来源', 'Source'],
  ['tags', '标签', 'Tags'],
  ['owner', '负责人', 'Owner'],
  ['stage', '阶段', 'Stage'],
  ['createdAt', '创建时间', 'Created'],
  ['updatedAt', '更新时间', 'Updated'],
];

const typeLabels: Record<(typeof organizationTypes)[number], [string, string]> = {
  owner: ['业主/甲方', 'Owner / client'],
  general_contractor: ['总包', 'General contractor'],
  supplier: ['配套厂/供应商', 'Supplier'],
  design_institute: ['设计院', 'Design institute'],
  distributor: ['代理商/经销商', 'Distributor / agent'],
  terminal: ['终端', 'Terminal'],
  competitor: ['竞争对手', 'Competitor'],
  partner: ['合作伙伴', 'Partner'],
};
const optionFields = { industry: 'industry', region: 'region', scale: 'scale', source: 'source', creditRating: 'credit_rating' } as const;
/** Without a saved view's columns, the file has these (the list's defaults and the rest a spreadsheet user expects). */
const defaultColumns = ['number', 'name', 'shortName', 'type', 'creditCode', 'industry', 'region', 'address', 'phone', 'grade', 'creditRating', 'source', 'tags', 'owner', 'updatedAt'];

/**
 * `columns`: the saved view's column keys in their order (fields and `cf.<key>`); unknown keys are left out. Without
 * it, the default columns and every active custom field.
 */
export async function exportOrganizations(db: Db, actor: Actor, query: OrganizationListQuery, columnKeys?: string[]): Promise<{ buffer: Buffer; rows: number }> {
  const zh = actor.locale !== 'en';
  const customFields = await customFieldExportColumns(db, 'organization', zh);
  const available = new Map<string, { header: string; key: string }>([
    ...headers.map(([key, labelZh, labelEn]) => [key, { key, header: zh ? labelZh : labelEn }] as const),
    ...customFields.columns.map((column) => [column.key, column] as const),
  ]);
  const wanted = columnKeys?.length ? columnKeys : [...defaultColumns, ...customFields.columns.map((column) => column.key)];
  const columns = [...new Set(wanted)]
    .filter((key) => available.has(key) && (key !== 'creditRating' || canSeeField(actor, 'organization', 'creditRating')))
    .map((key) => available.get(key)!);
  // Codes become the labels people read in the app (option lists, types), in the reader's language.
  const optionLabels = new Map((await listOptions(db)).map((option) => [`${option.listKey}\u0000${option.code}`, zh ? option.labelZh : option.labelEn]));
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(zh ? '单位' : 'Organizations');
  sheet.columns = columns.map(({ key, header }) => ({ header, key, width: key === 'name' ? 36 : 16 }));
  let rows = 0;
  for (let page = 1; rows < EXPORT_LIMIT; page += 1) {
    const result = await listOrganizations(db, actor, { ...query, page, pageSize: 200 } as OrganizationListQuery);
    for (const item of result.items) {
      const customValues = customFields.cellsOf(item.customFields);
      const labels = Object.fromEntries(
        Object.entries(optionFields).map(([field, listKey]) => {
          const code = item[field as keyof typeof optionFields];
          return [field, code ? (optionLabels.get(`${listKey}\u0000${code}`) ?? code) : ''];
        }),
      );
      sheet.addRow({
        ...item,
        ...labels,
        type: typeLabels[item.type]?.[zh ? 0 : 1] ?? item.type,
        tags: item.tags.join(', '),
        owner: item.owner?.displayName ?? '',
        createdAt: item.createdAt.slice(0, 19).replace('T', ' '),
        updatedAt: item.updatedAt.slice(0, 19).replace('T', ' '),
        ...customValues,
      });
      rows += 1;
    }
    if (result.items.length < 200) break;
  }
  sheet.getRow(1).font = { bold: true };
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  await writeAudit(db, { action: 'export', actorId: actor.userId, targetType: 'organization', ip: actor.ip, details: { rows, filters: { ...query, page: undefined, pageSize: undefined }, columns: columns.map((column) => column.key) } });
  return { buffer, rows };
}
