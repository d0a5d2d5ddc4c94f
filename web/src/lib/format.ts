import dayjs from 'dayjs';

export const formatDateTime = (value: string | null | undefined, empty = '—') =>
  value ? dayjs(value).format('YYYY-MM-DD HH:mm') : empty;

export const formatDate = (value: string | null | undefined, empty = '—') => (value ? dayjs(value).format('YYYY-MM-DD') : empty);

export const fromNow = (value: string) => dayjs(value).fromNow();
