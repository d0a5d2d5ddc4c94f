// i18next set-up: zh-CN is the default, en the second language; dayjs follows the language.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import relativeTime from 'dayjs/plugin/relativeTime';
import type { Locale } from '@openpsm/contracts';
import { zhCN } from './zh-CN';
import { en } from './en';
import type { Messages } from './zh-CN';

declare module 'i18next' {
  // Declaration merging needs an interface: it makes every t('…') key type-checked.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

export const locales = ['zh-CN', 'en'] as const satisfies readonly Locale[];
const STORAGE_KEY = 'psm.locale';

const isLocale = (value: unknown): value is Locale => value === 'zh-CN' || value === 'en';

const initialLocale = (): Locale => {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (isLocale(stored)) return stored;
  return 'zh-CN';
};

const dayjsLocale = (locale: Locale) => (locale === 'en' ? 'en' : 'zh-cn');

dayjs.extend(relativeTime);

const startLocale = initialLocale();
dayjs.locale(dayjsLocale(startLocale));
document.documentElement.lang = startLocale;

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: startLocale,
  fallbackLng: 'zh-CN',
  supportedLngs: [...locales],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

export const currentLocale = (): Locale => (isLocale(i18n.language) ? i18n.language : 'zh-CN');

export const changeLocale = async (locale: Locale) => {
  localStorage.setItem(STORAGE_KEY, locale);
  dayjs.locale(dayjsLocale(locale));
  document.documentElement.lang = locale;
  await i18n.changeLanguage(locale);
};

/** Keys built at run time (error codes, field names, notification kinds): translated when known, else the fallback. */
export const translateDynamic = (key: string, fallback: string, params?: Record<string, unknown>): string => {
  if (!i18n.exists(key)) return fallback;
  // The key is only known at run time, so the typed-key overloads do not apply.
  const translate = i18n.t as unknown as (key: string, options?: Record<string, unknown>) => string;
  return String(translate(key, params));
};

export { i18n };
