// The error report of an import: each problem row with its original values and one column naming every problem.
import ExcelJS from 'exceljs';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../access/actor';
import { importFields, importerFor } from './import.registry';
import { importProblemsForReport } from './import.service';

/** The report is read by people who fix the file: the codes in words, in the reader's language. */
const problemText: Record<string, [zh: string, en: string]> = {
  required: ['必填', 'required'],
  too_short: ['太短', 'too short'],
  too_big: ['太长', 'too long'],
  invalid_option: ['不是可选值', 'not an allowed value'],
  invalid_value: ['不是可选值', 'not an allowed value'],
  option_unknown: ['不在选项列表中', 'not in the option list'],
  credit_code_format: ['统一社会信用代码格式不正确', 'credit code format'],
  phone_format: ['电话格式不正确', 'phone format'],
  date_format: ['日期格式应为 YYYY-MM-DD', 'date must be YYYY-MM-DD'],
  control_characters: ['含有控制字符', 'control characters'],
  unknown_user: ['找不到该用户', 'no such user'],
  owner_ambiguous: ['有多个同名用户，请填用户名', 'several users of that name; use the username'],
  user_departed: ['该用户已停用', 'user deactivated'],
  owner_needs_assign: ['指定他人为负责人需要分配权限', 'assigning another owner needs the assign permission'],
  owner_in_pool: ['公海客户需先领取或分配', 'pool customers are claimed or assigned, not imported to an owner'],
  field_protected: ['无权填写此字段', 'you may not set this field'],
  custom_field_type: ['值的类型不正确', 'wrong kind of value'],
  custom_field_option: ['不是可选值', 'not an allowed value'],
  custom_field_required: ['必填', 'required'],
  duplicate: ['与已有记录重复', 'matches an existing record'],
  duplicate_in_file: ['与文件中第 {0} 行重复', 'repeats row {0} of the file'],
  duplicate_skipped: ['与已有记录重复，已跳过', 'matches an existing record; skipped'],
  duplicate_in_file_skipped: ['与文件中第 {0} 行重复，已跳过', 'repeats row {0}; skipped'],
  duplicate_created: ['疑似重复，仍按选择新建', 'likely duplicate; created as chosen'],
  duplicate_unchanged: ['与已有记录相同，无需更新', 'same as the existing record; nothing to update'],
  duplicate_of_invalid_row: ['重复的第 {0} 行未能导入', 'repeats row {0}, which was not imported'],
  match_not_writable: ['匹配到的记录不在您的编辑范围内', 'the matching record is outside what you may edit'],
  record_locked: ['匹配到的记录审批中，已锁定', 'the matching record is locked by an approval'],
  edit_not_allowed: ['没有编辑权限，不能更新', 'no edit permission to update'],
  // Contacts.
  email_format: ['邮箱格式不正确', 'e-mail format'],
  birthday_in_future: ['生日不能晚于今天', 'birthday in the future'],
  organization_unknown: ['找不到该单位（或不在您的范围内）', 'no such organisation (or outside your scope)'],
  organization_ambiguous: ['有多个单位匹配：{0}，请填写全称或单位编号', 'several organisations match: {0}; use the full name or number'],
  organization_not_writable: ['该单位不在您的编辑范围内', 'the organisation is outside what you may edit'],
};

function describe(code: string, message: string | undefined, zh: boolean): string {
  const text = problemText[code];
  if (!text) return code;
  return (zh ? text[0] : text[1]).replace('{0}', message ?? '');
}

export async function buildErrorReport(db: DbOrTx, actor: Actor, id: string): Promise<{ buffer: Buffer; fileName: string }> {
  const { job, problems } = await importProblemsForReport(db, actor, id);
  const zh = actor.locale !== 'en';
  const importer = importerFor(job.recordType);
  const labels = new Map((importer ? await importFields(db, importer) : []).map((field) => [field.key, zh ? field.labelZh : field.labelEn]));
  // Field keys back to the file's own header names, so the reader finds the cell.
  const headerOf = new Map(Object.entries(job.mapping).map(([header, field]) => [field, header]));
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(zh ? '导入问题' : 'Import problems');
  sheet.columns = [
    { header: zh ? '行号' : 'Row', key: '__row', width: 8 },
    { header: zh ? '结果' : 'Result', key: '__kind', width: 10 },
    { header: zh ? '问题' : 'Problems', key: '__problems', width: 50 },
    ...job.headers.map((header, index) => ({ header, key: `c${index}`, width: 18 })),
  ];
  for (const problem of problems) {
    const text = problem.problems
      .map((entry) => {
        const where = entry.field === 'row' ? '' : `${headerOf.get(entry.field) ?? labels.get(entry.field) ?? entry.field}: `;
        return `${where}${describe(entry.code, entry.message, zh)}`;
      })
      .join('; ');
    sheet.addRow({
      __row: problem.rowNumber,
      __kind: problem.kind === 'error' ? (zh ? '未导入' : 'not imported') : zh ? '重复' : 'duplicate',
      __problems: text,
      ...Object.fromEntries(job.headers.map((header, index) => [`c${index}`, String(problem.values[header] ?? '')])),
    });
  }
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const base = job.fileName.replace(/\.(xlsx|csv|txt)$/i, '');
  return { buffer: Buffer.from(await workbook.xlsx.writeBuffer()), fileName: `${base}-${zh ? '问题' : 'problems'}.xlsx` };
}
