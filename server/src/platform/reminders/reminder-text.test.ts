// The plain-text wording of every reminder kind in both languages, with times in the company zone and a fallback.
import { describe, expect, it } from 'vitest';
import { formatDateTime, reminderText } from './reminder-text';

const contact = { name: '王建国', organizationName: '上海宝钢设备工程公司' };

describe('reminderText', () => {
  it('words each kind in Chinese (the default) and English', () => {
    const cases: [string, Record<string, unknown>, string, string][] = [
      ['reminder.task_due', { title: '提交投标文件', dueAt: '2031-05-20T01:00:00.000Z' }, '任务到期：提交投标文件（2031-05-20 09:00）', 'Task due: 提交投标文件 (2031-05-20 09:00)'],
      ['reminder.activity_planned', { subject: '拜访宝钢', startsAt: '2031-05-20T06:30:00Z' }, '计划的活动：拜访宝钢（2031-05-20 14:30）', 'Planned activity: 拜访宝钢 (2031-05-20 14:30)'],
      ['task_assigned', { title: '准备方案', by: '李经理' }, '李经理 给您分配了任务：准备方案', '李经理 assigned you a task: 准备方案'],
      ['reminder.contact_birthday', contact, '今天是上海宝钢设备工程公司 王建国 的生日，别忘了送上祝福', 'Today is the birthday of 王建国 (上海宝钢设备工程公司): send your wishes'],
      ['reminder.contact_birthday_soon', { ...contact, days: 3, date: '2031-05-23' }, '上海宝钢设备工程公司 王建国 的生日在 3 天后（2031-05-23）', '王建国 (上海宝钢设备工程公司) has a birthday in 3 days (2031-05-23)'],
      ['reminder.organization_revisit', { name: '苏州水务集团' }, '今天计划回访单位「苏州水务集团」', 'Revisit planned today: 苏州水务集团'],
      ['reminder.contact_revisit', contact, '今天计划回访上海宝钢设备工程公司 王建国', 'Revisit planned today: 王建国 (上海宝钢设备工程公司)'],
      [
        'pool.return_warning',
        { organizationName: '苏州水务集团', reason: 'no_deal', returnAt: '2031-05-25T02:00:00Z' },
        '「苏州水务集团」长期未成交，将于 2031-05-25 10:00 退回公海',
        '“苏州水务集团” has had no deal for too long and returns to the pool on 2031-05-25 10:00',
      ],
      ['project_stalled', { number: 'P-2031-0001', name: '宝钢改造', days: 31 }, '项目 P-2031-0001「宝钢改造」已 31 天没有阶段推进或跟进', 'Project P-2031-0001 “宝钢改造” has had no stage change or follow-up for 31 days'],
    ];
    for (const [kind, params, chinese, english] of cases) {
      expect(reminderText(kind, params, 'zh-CN')).toBe(chinese);
      expect(reminderText(kind, params, 'en')).toBe(english);
    }
    expect(reminderText('reminder.activity_planned', { subject: '年会', startsAt: '2031-05-19T16:00:00Z', allDay: true }, 'zh-CN')).toBe('计划的活动：年会（2031-05-20）');
    // An unknown locale reads Chinese; the follow-up reason of a pool warning is named as such.
    expect(reminderText('pool.return_warning', { organizationName: '甲', reason: 'no_follow_up', returnAt: '2031-05-25' }, 'fr')).toBe('「甲」长期未跟进，将于 2031-05-25 退回公海');
  });

  it('falls back to a generic line for a kind nobody worded, naming the record when it can', () => {
    expect(reminderText('reminder.something_new', { title: '续签合同' }, 'zh-CN')).toBe('提醒：续签合同');
    expect(reminderText('reminder.something_new', { title: '续签合同' }, 'en')).toBe('Reminder: 续签合同');
    expect(reminderText('reminder.something_new', {}, 'zh-CN')).toBe('您有一条新提醒');
  });

  it('shows times in the given zone and leaves dates and odd values alone', () => {
    expect(formatDateTime('2031-05-19T23:30:00Z', 'Asia/Shanghai')).toBe('2031-05-20 07:30');
    expect(formatDateTime('2031-05-19T23:30:00Z', 'Europe/Berlin')).toBe('2031-05-20 01:30');
    expect(formatDateTime('2031-05-20', 'Asia/Shanghai')).toBe('2031-05-20');
    expect(formatDateTime('soon', 'Asia/Shanghai')).toBe('soon');
    expect(formatDateTime(undefined, 'Asia/Shanghai')).toBe('');
  });
});
