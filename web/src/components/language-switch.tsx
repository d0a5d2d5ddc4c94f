// Switches zh-CN ⇄ en; when signed in the choice is saved to the user's profile.
import { Button, Dropdown } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CurrentUser, Locale } from '@openpsm/contracts';
import { api } from '../lib/api-client';
import { changeLocale, currentLocale, locales } from '../lib/i18n';
import { sessionKeys } from '../lib/session';

const localeNames: Record<Locale, string> = { 'zh-CN': '简体中文', en: 'English' };

export const LanguageSwitch = ({ compact = false }: { compact?: boolean }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();

  const choose = async (locale: Locale) => {
    await changeLocale(locale);
    const user = queryClient.getQueryData<CurrentUser | null>(sessionKeys.me);
    if (!user || user.locale === locale) return;
    const next: CurrentUser = { ...user, locale };
    queryClient.setQueryData(sessionKeys.me, next);
    try {
      await api.patch('/auth/me', { locale });
    } catch {
      // The language still switches for this browser; the profile keeps the old choice.
    }
  };

  const locale = currentLocale();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [locale],
        items: locales.map((key) => ({ key, label: localeNames[key] })),
        onClick: ({ key }) => void choose(key as Locale),
      }}
    >
      <Button type="text" icon={<GlobalOutlined />} aria-label={t('common.language')} data-testid="language-switch">
        {compact ? null : localeNames[locale]}
      </Button>
    </Dropdown>
  );
};
