// Excel export of an organisation list view (PLAT-11): the caller's scope and filters, audited.
import ExcelJS from 'exceljs';
import type { OrganizationListQuery } from '@openpsm/contracts';
import type { Db } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { canSeeField } from '../../platform/access/record-scope';
import { writeAudit } from '../../platform/audit/audit-log.service';
import { listCustomFields } from '../../platform/config/custom-fields.service';
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
  ['updatedAt', '更新时间', 'Updated'],
];

export async function exportOrganizations(db: Db, actor: Actor, query: OrganizationListQuery): Promise<{ buffer: Buffer; rows: number }> {
  const zh = actor.locale !== 'en';
  const columns = headers.filter(([key]) => key !== 'creditRating' || canSeeField(actor, 'organization', 'creditRating'));
  const customFields = (await listCustomFields(db, 'organization')).filter((field) => field.active);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(zh ? '单位' : 'Organizations');
  sheet.columns = [
    ...columns.map(([key, labelZh, labelEn]) => ({ header: zh ? labelZh : labelEn, key, width: key === 'name' ? 36 : 16 })),
    ...customFields.map((field) => ({ header: zh ? field.labelZh : field.labelEn, key: `cf.${field.key}`, width: 16 })),
  ];
  let rows = 0;
  for (let page = 1; rows < EXPORT_LIMIT; page += 1) {
    const result = await listOrganizations(db, actor, { ...query, page, pageSize: 200 } as OrganizationListQuery);
    for (const item of result.items) {
      const customValues = Object.fromEntries(customFields.map((field) => {
        const value = item.customFields[field.key];
        return [`cf.${field.key}`, Array.isArray(value) ? value.join(', ') : (value ?? '')];
      }));
      sheet.addRow({ ...item, tags: item.tags.join(', '), owner: item.owner?.displayName ?? '', ...customValues });
      rows += 1;
    }
    if (result.items.length < 200) break;
  }
  sheet.getRow(1).font = { bold: true };
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  await writeAudit(db, { action: 'export', actorId: actor.userId, targetType: 'organization', ip: actor.ip, details: { rows, filters: { ...query, page: undefined, pageSize: undefined } } });
  return { buffer, rows };
}
