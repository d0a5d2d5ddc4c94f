// How dates, times and amounts read on screen: the company's date format, time zone and currency (Settings page).
import { useMemo } from 'react';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { useTranslation } from 'react-i18next';
import type { Settings } from '@openpsm/contracts';
import { useCompanySettings } from './reference-data';

dayjs.extend(utc);
dayjs.extend(timezone);

export type CompanyFormat = Pick<Settings, 'dateFormat' | 'timeZone' | 'currency'>;

/** A fresh installation's settings (the server's defaults): used until the company's own have arrived. */
export const DEFAULT_COMPANY_FORMAT: CompanyFormat = { dateFormat: 'YYYY-MM-DD', timeZone: 'Asia/Shanghai', currency: 'CNY' };

/** Calendar dates (custom `date` fields) name a day, not an instant: they are never moved into a time zone. */
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const WALL_CLOCK = 'YYYY-MM-DDTHH:mm:ss';

const knownTimeZone = (zone: string): string => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    // A zone the server accepts but this browser does not know: better the default than a blank page.
    return DEFAULT_COMPANY_FORMAT.timeZone;
  }
};

export type Formatter = {
  /** The reader's language, for numbers and option labels. */
  locale: string;
  timeZone: string;
  currency: string;
  /** dayjs patterns for date pickers. */
  dateFormat: string;
  dateTimeFormat: string;
  date: (value: string | null | undefined, empty?: string) => string;
  dateTime: (value: string | null | undefined, empty?: string) => string;
  fromNow: (value: string) => string;
  /** A decimal string (or number) in the company currency, keeping every stored decimal. */
  money: (value: string | number | null | undefined, empty?: string) => string;
  /**
   * Date-time pickers work in the browser's clock; these carry an instant to and from the company's wall clock, so
   * "09:00" picked means 09:00 in the company time zone wherever the reader sits.
   */
  toPicker: (value?: string | Dayjs) => Dayjs;
  fromPicker: (value: Dayjs) => string;
};

export const createFormatter = (format: CompanyFormat, locale: string): Formatter => {
  const timeZone = knownTimeZone(format.timeZone);
  const { dateFormat, currency } = format;
  const dateTimeFormat = `${dateFormat} HH:mm`;
  let moneyFormat: Intl.NumberFormat | null;
  try {
    moneyFormat = new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 20 });
  } catch {
    moneyFormat = null;
  }

  const instant = (value: string, pattern: string) => {
    const parsed = dayjs(value);
    return parsed.isValid() ? parsed.tz(timeZone).format(pattern) : value;
  };

  return {
    locale,
    timeZone,
    currency,
    dateFormat,
    dateTimeFormat,
    date: (value, empty = '—') => {
      if (!value) return empty;
      return CALENDAR_DATE.test(value) ? dayjs(value).format(dateFormat) : instant(value, dateFormat);
    },
    dateTime: (value, empty = '—') => (value ? instant(value, dateTimeFormat) : empty),
    fromNow: (value) => dayjs(value).fromNow(),
    money: (value, empty = '—') => {
      if (value === null || value === undefined || value === '') return empty;
      const text = String(value);
      if (moneyFormat && /^-?\d+(\.\d+)?$/.test(text)) return moneyFormat.format(text as Intl.StringNumericLiteral);
      return `${currency} ${text}`;
    },
    toPicker: (value) => dayjs(dayjs(value).tz(timeZone).format(WALL_CLOCK)),
    fromPicker: (value) => dayjs.tz(value.format(WALL_CLOCK), timeZone).format(),
  };
};

/** The formatter for the signed-in reader: the company's settings (shared query) and the reader's language. */
export const useFormat = (): Formatter => {
  const { i18n } = useTranslation();
  const { data } = useCompanySettings();
  const dateFormat = data?.dateFormat ?? DEFAULT_COMPANY_FORMAT.dateFormat;
  const timeZone = data?.timeZone ?? DEFAULT_COMPANY_FORMAT.timeZone;
  const currency = data?.currency ?? DEFAULT_COMPANY_FORMAT.currency;
  return useMemo(() => createFormatter({ dateFormat, timeZone, currency }, i18n.language), [dateFormat, timeZone, currency, i18n.language]);
};
