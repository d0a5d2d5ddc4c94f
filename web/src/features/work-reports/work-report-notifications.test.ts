// The notifications of comments and submitted reports read as sentences in both languages, the report kind included.
import { beforeAll, describe, expect, it, vi } from 'vitest';

type I18nModule = typeof import('../../lib/i18n');
let i18nModule: I18nModule;

beforeAll(async () => {
  // The i18n set-up reads the stored language and sets <html lang>: give it what a browser would.
  vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined });
  vi.stubGlobal('document', { documentElement: { lang: '' } });
  i18nModule = await import('../../lib/i18n');
});

const text = (kind: string, params: Record<string, unknown>) => i18nModule.translateDynamic(`notifications.kinds.${kind}`, '', params);

describe('work report notifications', () => {
  it('name the report kind in Chinese', async () => {
    await i18nModule.i18n.changeLanguage('zh-CN');
    expect(text('report_submitted', { name: '张伟', kind: 'weekly', periodStart: '2025-06-02' })).toBe('张伟 提交了周报（2025-06-02）');
    expect(text('report_commented', { by: '李经理', reportKind: 'daily', period: '2025-06-03', excerpt: '客户跟进很及时' })).toBe('李经理 点评了您的日报（2025-06-03）：客户跟进很及时');
    expect(text('activity_commented', { by: '李经理', subject: '拜访华电', excerpt: '下次带上方案' })).toBe('李经理 点评了您的活动「拜访华电」：下次带上方案');
  });

  it('name the report kind in English, in lower case inside the sentence', async () => {
    await i18nModule.i18n.changeLanguage('en');
    expect(text('report_submitted', { name: 'Zhang Wei', kind: 'daily', periodStart: '2025-06-03' })).toBe('Zhang Wei submitted a daily report (2025-06-03)');
    expect(text('report_commented', { by: 'Li', reportKind: 'weekly', period: '2025-06-02 ~ 2025-06-08', excerpt: 'Good' })).toBe('Li commented on your weekly report (2025-06-02 ~ 2025-06-08): Good');
  });
});
