// Excel export of a project list view (PLAT-11): the caller's scope and filters, audited.
import ExcelJS from 'exceljs';
import type { ProjectListQuery } from '@openpsm/contracts';
import type { Db } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { writeAudit } from '../../platform/audit/audit-log.service';
import { listOptions } from '../../platform/config/options.service';
import { listProjects } from './projects.service';

export const EXPORT_LIMIT = 10_000;

const headers: [key: string, zh: string, en: string][] = [
  ['number', '编号', 'Number'],
  ['name', '项目名称', 'Name'],
  ['organization', '业主单位', 'Owner organisation'],
  ['stage', '阶段', 'Stage'],
  ['probability', '赢率(%)', 'Probability (%)'],
  ['status', '状态', 'Status'],
  ['amount', '金额', 'Amount'],
  ['expectedSignDate', '预计签约日期', 'Expected signing'],
  ['productLines', '产品线', 'Product lines'],
  ['region', '区域', 'Region'],
  ['source', '来源', 'Source'],
  ['owner', '负责人', 'Owner'],
  ['updatedAt', '更新时间', 'Updated'],
];
const statusLabels: Record<string, [string, string]> = { open: ['进行中', 'Open'], won: ['赢单', 'Won'], lost: ['输单', 'Lost'], suspended: ['暂停', 'Suspended'] };

export async function exportProjects(db: Db, actor: Actor, query: ProjectListQuery, columnKeys?: string[]): Promise<{ buffer: Buffer; rows: number }> {
  const zh = actor.locale !== 'en';
  const available = new Map(headers.map(([key, labelZh, labelEn]) => [key, { key, header: zh ? labelZh : labelEn }] as const));
  const wanted = columnKeys?.length ? columnKeys : headers.map(([key]) => key);
  const columns = [...new Set(wanted)].filter((key) => available.has(key)).map((key) => available.get(key)!);
  const optionLabels = new Map((await listOptions(db)).map((option) => [`${option.listKey}\u0000${option.code}`, zh ? option.labelZh : option.labelEn]));
  const label = (listKey: string, code: string | null) => (code ? (optionLabels.get(`${listKey}\u0000${code}`) ?? code) : '');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(zh ? '项目' : 'Projects');
  sheet.columns = columns.map(({ key, header }) => ({ header, key, width: key === 'name' || key === 'organization' ? 36 : 16 }));
  let rows = 0;
  for (let page = 1; rows < EXPORT_LIMIT; page += 1) {
    const result = await listProjects(db, actor, { ...query, page, pageSize: 200 } as ProjectListQuery);
    for (const item of result.items) {
      sheet.addRow({
        ...item,
        organization: item.organization.name,
        stage: zh ? item.stage.nameZh : item.stage.nameEn,
        status: statusLabels[item.status]?.[zh ? 0 : 1] ?? item.status,
        productLines: item.productLines.map((line) => label('product_line', line)).join(', '),
        region: label('region', item.region),
        source: label('source', item.source),
        owner: item.owner?.displayName ?? '',
        updatedAt: item.updatedAt.slice(0, 19).replace('T', ' '),
      });
      rows += 1;
    }
    if (result.items.length < 200) break;
  }
  sheet.getRow(1).font = { bold: true };
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  await writeAudit(db, { action: 'export', actorId: actor.userId, targetType: 'project', ip: actor.ip, details: { rows, filters: { ...query, page: undefined, pageSize: undefined }, columns: columns.map((column) => column.key) } });
  return { buffer, rows };
}
