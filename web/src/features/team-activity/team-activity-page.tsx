// /team-activity (ACT-5): what each rep in the reader's scope did in a period, with drill-down to the records.
// The period, department and idle threshold live in the URL, so a manager can bookmark "last week, my department".
import { useState } from 'react';
import { Card, DatePicker, Flex, InputNumber, Segmented, Typography } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { UserRef } from '@openpsm/contracts';
import { DepartmentTreeSelect } from '../../components/department-tree-select';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/results';
import { useIsMobile } from '../../components/use-is-mobile';
import { useFormat } from '../../lib/format';
import { usePermission } from '../../lib/session';
import { IdleOrganizationsDrawer } from './idle-organizations-drawer';
import { useTeamActivity } from './team-activity.api';
import { MAX_RANGE_DAYS, periodPresets, presetRange, resolvePeriod, todayIn } from './team-activity-period';
import type { PeriodPreset } from './team-activity-period';
import { TeamActivityTable } from './team-activity-table';

const DEFAULT_IDLE_DAYS = 30;

const idleDaysOf = (value: string | null) => {
  const days = Number(value);
  return Number.isInteger(days) && days >= 1 && days <= 365 ? days : DEFAULT_IDLE_DAYS;
};

export const TeamActivityPage = () => {
  const { t } = useTranslation();
  const format = useFormat();
  const isMobile = useIsMobile();
  const canPickDepartment = usePermission('department.view');
  const [searchParams, setSearchParams] = useSearchParams();
  const today = todayIn(format.timeZone);
  const period = resolvePeriod({ preset: searchParams.get('period'), from: searchParams.get('from'), to: searchParams.get('to') }, today);
  const departmentId = searchParams.get('departmentId') ?? undefined;
  const idleDays = idleDaysOf(searchParams.get('idleDays'));
  const [idleUser, setIdleUser] = useState<NonNullable<UserRef> | null>(null);
  const report = useTeamActivity({ from: period.from, to: period.to, departmentId, idleDays });

  const set = (patch: Record<string, string | number | undefined>) =>
    setSearchParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(patch)) {
          if (value === undefined || value === '') next.delete(key);
          else next.set(key, String(value));
        }
        return next;
      },
      { replace: true },
    );

  const choosePreset = (preset: PeriodPreset) => {
    if (preset === 'custom') set({ period: 'custom', from: period.from, to: period.to });
    else set({ period: preset === 'thisWeek' ? undefined : preset, from: undefined, to: undefined });
  };

  return (
    <>
      <PageHeader title={t('teamActivity.title')} subtitle={t('teamActivity.subtitle')} />
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: isMobile ? 12 : undefined } }}>
        <Flex gap={12} wrap align="center">
          <Segmented<PeriodPreset>
            value={period.preset}
            onChange={choosePreset}
            options={periodPresets.map((preset) => ({ value: preset, label: t(`teamActivity.presets.${preset}`) }))}
            data-testid="team-activity-period"
            style={isMobile ? { width: '100%', overflowX: 'auto' } : undefined}
          />
          <DatePicker.RangePicker
            allowClear={false}
            format={format.dateFormat}
            value={[dayjs(period.from), dayjs(period.to)]}
            onChange={(value) => {
              if (value?.[0] && value[1]) set({ period: 'custom', from: value[0].format('YYYY-MM-DD'), to: value[1].format('YYYY-MM-DD') });
            }}
            // A range longer than the server reads cannot be picked (the URL is clamped the same way).
            disabledDate={(current, info) => {
              const start = info?.from;
              return Boolean(start && Math.abs(current.diff(start, 'day')) >= MAX_RANGE_DAYS);
            }}
            presets={periodPresets
              .filter((preset): preset is Exclude<PeriodPreset, 'custom'> => preset !== 'custom')
              .map((preset) => {
                const range = presetRange(preset, today);
                return { label: t(`teamActivity.presets.${preset}`), value: [dayjs(range.from), dayjs(range.to)] as [dayjs.Dayjs, dayjs.Dayjs] };
              })}
            aria-label={t('teamActivity.period')}
            data-testid="team-activity-range"
          />
          {canPickDepartment && (
            <DepartmentTreeSelect
              style={{ minWidth: 200 }}
              placeholder={t('teamActivity.department')}
              value={departmentId}
              onChange={(value) => set({ departmentId: value })}
              data-testid="team-activity-department"
            />
          )}
          <Flex align="center" gap={6}>
            <Typography.Text type="secondary">{t('teamActivity.idleDays')}</Typography.Text>
            <InputNumber<number>
              min={1}
              max={365}
              precision={0}
              value={idleDays}
              // Typing 9 on the way to 90 must not start a query per keystroke: only a finished value counts.
              onBlur={(event) => set({ idleDays: idleDaysOf(event.target.value) === DEFAULT_IDLE_DAYS ? undefined : idleDaysOf(event.target.value) })}
              onPressEnter={(event) => {
                const value = idleDaysOf((event.target as HTMLInputElement).value);
                set({ idleDays: value === DEFAULT_IDLE_DAYS ? undefined : value });
              }}
              onStep={(value) => set({ idleDays: value === DEFAULT_IDLE_DAYS ? undefined : value })}
              style={{ width: 90 }}
              aria-label={t('teamActivity.idleDays')}
              data-testid="team-activity-idle-days"
            />
          </Flex>
        </Flex>
      </Card>
      {report.isError ? (
        <QueryErrorResult error={report.error} onRetry={() => void report.refetch()} />
      ) : isMobile ? (
        <TeamActivityTable data={report.data} loading={report.isFetching} range={period} departmentId={departmentId} isMobile onShowIdle={setIdleUser} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <TeamActivityTable data={report.data} loading={report.isFetching} range={period} departmentId={departmentId} isMobile={false} onShowIdle={setIdleUser} />
        </Card>
      )}
      <IdleOrganizationsDrawer user={idleUser} idleDays={idleDays} onClose={() => setIdleUser(null)} />
    </>
  );
};
