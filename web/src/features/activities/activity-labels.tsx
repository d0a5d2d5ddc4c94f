// How an activity's type and status read: the option list `activity_type` in the reader's language, a colour and an
// icon per type (the quick log's big buttons, tags, the calendar).
import { useCallback } from 'react';
import type { ReactNode } from 'react';
import { Tag } from 'antd';
import {
  CarOutlined,
  CoffeeOutlined,
  DesktopOutlined,
  EllipsisOutlined,
  MailOutlined,
  PhoneOutlined,
  TagOutlined,
  TeamOutlined,
  WechatOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Activity, ActivityStatus } from '@openpsm/contracts';
import { useFormat } from '../../lib/format';
import { optionLabel, useOptionLabeler, useOptions } from '../../lib/reference-data';
import { activityTypeColor } from './activity-logic';

const TYPE_ICONS: Record<string, ReactNode> = {
  call: <PhoneOutlined />,
  visit: <CarOutlined />,
  email: <MailOutlined />,
  wechat: <WechatOutlined />,
  meeting: <TeamOutlined />,
  demo: <DesktopOutlined />,
  dinner: <CoffeeOutlined />,
  other: <EllipsisOutlined />,
};

export const activityTypeIcon = (code: string): ReactNode => TYPE_ICONS[code] ?? <TagOutlined />;

export type ActivityTypeChoice = { code: string; label: string; color: string; icon: ReactNode };

/** The active types in the configured order. */
export const useActivityTypes = () => {
  const { i18n } = useTranslation();
  const { options, isLoading } = useOptions('activity_type');
  const types: ActivityTypeChoice[] = options.map((option) => ({
    code: option.code,
    label: optionLabel(option, i18n.language),
    color: activityTypeColor(option.code).hex,
    icon: activityTypeIcon(option.code),
  }));
  return { types, isLoading };
};

/** A type code in the reader's language (a retired type keeps its label). */
export const useActivityTypeLabel = () => {
  const { i18n } = useTranslation();
  const labelOf = useOptionLabeler(i18n.language);
  return useCallback((code: string) => labelOf('activity_type', code), [labelOf]);
};

export const ActivityTypeTag = ({ type }: { type: string }) => {
  const label = useActivityTypeLabel();
  return (
    <Tag color={activityTypeColor(type).tag} icon={activityTypeIcon(type)} data-testid="activity-type-tag" style={{ marginInlineEnd: 0 }}>
      {label(type)}
    </Tag>
  );
};

const statusColor: Record<ActivityStatus, string> = { planned: 'processing', done: 'success', cancelled: 'default' };

export const ActivityStatusTag = ({ status }: { status: ActivityStatus }) => {
  const { t } = useTranslation();
  return (
    <Tag color={statusColor[status]} data-testid="activity-status" style={{ marginInlineEnd: 0 }}>
      {t(`activities.statuses.${status}`)}
    </Tag>
  );
};

/** "2025-03-10 09:00 – 10:30", the end's date only when it differs. */
export const useTimeRange = () => {
  const format = useFormat();
  return (activity: Pick<Activity, 'startsAt' | 'endsAt' | 'allDay'>) => {
    if (activity.allDay) return format.date(activity.startsAt);
    const start = format.dateTime(activity.startsAt);
    if (!activity.endsAt) return start;
    const sameDay = format.date(activity.startsAt) === format.date(activity.endsAt);
    return `${start} – ${sameDay ? format.dateTime(activity.endsAt).slice(-5) : format.dateTime(activity.endsAt)}`;
  };
};
