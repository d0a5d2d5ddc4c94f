// Excel export of a contact list view (PLAT-11): the caller's scope and filters, audited.
import ExcelJS from 'exceljs';
import type { ContactListQuery } from '@openpsm/contracts';
import type { Db } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { writeAudit } from '../../platform/audit/audit-log.service';
import { customFieldExportColumns } from '../../platform/config/custom-field-export';
import { listContacts } from './contacts.service';

/** More than this in one file is a job for the import / export module, not a request. */
export const EXPORT_LIMIT = 10_000;

const headers: [key: string, zh: string, en: string][] = [
  ['number', '编号', 'Number'],
  ['name', '姓名', 'Name'],
  ['organization', '单位', 'Organization'],
  ['title', '职务', 'Title'],
  ['department', '部门', 'Department'],
  ['mobile', '手机', 'Mobile'],
  ['phone', '电话', 'Phone'],
  ['email', '邮箱', 'E-mail'],
  ['wechat', '微信', 'WeChat'],
  ['birthday', '生日', 'Birthday'],
  ['buyingRole', '采购角色', 'Buying role'],
  ['attitude', '态度', 'Attitude'],
  ['relationshipLevel', '关系程度', 'Relationship level'],
  ['tags', '标签', 'Tags'],
  ['updatedAt', '更新时间', 'Updated'],
];

const buyingRoleLabels: Record<string, [string, string]> = {
  decision_maker: ['决策者', 'Decision maker'],
  technical_evaluator: ['技术评估者', 'Technical evaluator'],
  user: ['使用者', 'User'],
  procurement: ['采购', 'Procurement'],
  finance: ['财务', 'Finance'],
  coach: ['教练 / 内线', 'Coach'],
};
const attitudeLabels: Record<string, [string, string]> = { supporter: ['支持', 'Supporter'], neutral: ['中立', 'Neutral'], opponent: ['反对', 'Opponent'] };

export async function exportContacts(db: Db, actor: Actor, query: ContactListQuery): Promise<{ buffer: Buffer; rows: number }> {
  const zh = actor.locale !== 'en';
  const label = (labels: Record<string, [string, string]>, code: string | null) => (code ? (labels[code]?.[zh ? 0 : 1] ?? code) : '');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(zh ? '联系人' : 'Contacts');
  const customFields = await customFieldExportColumns(db, 'contact', zh);
  sheet.columns = [
    ...headers.map(([key, labelZh, labelEn]) => ({ header: zh ? labelZh : labelEn, key, width: key === 'organization' ? 36 : 16 })),
    ...customFields.columns.map(({ key, header }) => ({ header, key, width: 16 })),
  ];
  let rows = 0;
  for (let page = 1; rows < EXPORT_LIMIT; page += 1) {
    const result = await listContacts(db, actor, { ...query, page, pageSize: 200 } as ContactListQuery);
    for (const item of result.items) {
      sheet.addRow({
        ...item,
        organization: item.organization.name,
        buyingRole: label(buyingRoleLabels, item.buyingRole),
        attitude: label(attitudeLabels, item.attitude),
        tags: item.tags.join(', '),
        ...customFields.cellsOf(item.customFields),
      });
      rows += 1;
    }
    if (result.items.length < 200) break;
  }
  sheet.getRow(1).font = { bold: true };
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  await writeAudit(db, { action: 'export', actorId: actor.userId, targetType: 'contact', ip: actor.ip, details: { rows, filters: { ...query, page: undefined, pageSize: undefined } } });
  return { buffer, rows };
}
