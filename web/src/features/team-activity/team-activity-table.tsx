// The per-rep figures of team visibility (ACT-5): a sortable table with a totals row, or a card per rep on a phone.
// Every count is a link to the records it counted.
import { useMemo } from 'react';
import type { HTMLAttributes, ReactNode } from 'react';
import { Button, Card, Empty, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TeamActivity, TeamActivityRow, UserRef } from '@openpsm/contracts';
import { useFormat } from '../../lib/format';
import { optionLabel, useOptions } from '../../lib/reference-data';
import { activitiesLink, formatMinutes } from './team-activity-period';
import type { ActivityDrillDown, DateRange } from './team-activity-period';

type Counts = TeamActivity['totals'];
type ActivityType = { code: string; label: string };
type TableRow = TeamActivityRow & { key: string };

export type TeamActivityTableProps = {
  data: TeamActivity | undefined;
  loading: boolean;
  range: DateRange;
  departmentId?: string;
  isMobile: boolean;
  onShowIdle: (user: NonNullable<UserRef>) => void;
};

/** The option list's types in its order, then any type counted that the list no longer has (a retired option). */
const useActivityTypes = (data: TeamActivity | undefined): ActivityType[] => {
  const { i18n } = useTranslation();
  const { options } = useOptions('activity_type', true);
  return useMemo(() => {
    const counted = new Set(Object.keys(data?.totals.byType ?? {}));
    const types = options.filter((option) => option.active || counted.has(option.code)).map((option) => ({ code: option.code, label: optionLabel(option, i18n.language) }));
    for (const code of counted) if (!types.some((type) => type.code === code)) types.push({ code, label: code });
    return types;
  }, [data, options, i18n.language]);
};

const CountLink = ({ count, to, label }: { count: number; to: string; label: string }) =>
  count > 0 ? (
    <Link to={to} aria-label={label} title={label} data-testid="team-activity-count">
      {count}
    </Link>
  ) : (
    <Typography.Text type="secondary">0</Typography.Text>
  );

/** What a rep's (or the totals') count links to, in one place for the table and the cards. */
const useDrill = (range: DateRange, departmentId: string | undefined) => {
  const format = useFormat();
  return (user: UserRef | null, drill: Omit<ActivityDrillDown, 'ownerId' | 'departmentId'>) =>
    activitiesLink({ ...drill, ownerId: user?.id, departmentId: user ? undefined : departmentId }, range, format.timeZone);
};

const RepName = ({ row }: { row: TeamActivityRow }) => {
  const { t } = useTranslation();
  if (!row.user) return <>{t('common.empty')}</>;
  return (
    <Flex vertical gap={0}>
      <Tooltip title={t('teamActivity.coach')}>
        <Link to={`/coaching/${row.user.id}`} style={{ fontWeight: 500 }} data-testid="team-activity-rep">
          {row.user.displayName}
        </Link>
      </Tooltip>
      {row.departmentName && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {row.departmentName}
        </Typography.Text>
      )}
    </Flex>
  );
};

const IdleButton = ({ row, onShowIdle }: { row: TeamActivityRow; onShowIdle: (user: NonNullable<UserRef>) => void }) => {
  const { t } = useTranslation();
  const user = row.user;
  if (!user || row.idleOrganizations === 0) return <Typography.Text type="secondary">{row.idleOrganizations}</Typography.Text>;
  return (
    <Button type="link" size="small" danger style={{ padding: 0, height: 'auto' }} onClick={() => onShowIdle(user)} aria-label={t('teamActivity.drill', { name: user.displayName, label: t('teamActivity.columns.idle') })} data-testid="team-activity-idle">
      {row.idleOrganizations}
    </Button>
  );
};

const byNumber = (pick: (row: Counts) => number) => (a: Counts, b: Counts) => pick(a) - pick(b);

export const TeamActivityTable = ({ data, loading, range, departmentId, isMobile, onShowIdle }: TeamActivityTableProps) => {
  const { t } = useTranslation();
  const types = useActivityTypes(data);
  const drill = useDrill(range, departmentId);
  const rows: TableRow[] = useMemo(() => (data?.rows ?? []).map((row, index) => ({ ...row, key: row.user?.id ?? String(index) })), [data]);
  const label = (row: TeamActivityRow | null, what: string) => t('teamActivity.drill', { name: row?.user?.displayName ?? t('teamActivity.totals'), label: what });

  /** The figures of one rep (or of the totals, row null), shared by the table's cells and the phone's cards. */
  const figures = (row: TeamActivityRow | null, counts: Counts) => {
    const user = row?.user ?? null;
    return {
      type: (type: ActivityType) => (
        <CountLink count={counts.byType[type.code] ?? 0} to={drill(user, { type: type.code, status: 'done' })} label={label(row, type.label)} />
      ),
      total: <CountLink count={counts.total} to={drill(user, { status: 'done' })} label={label(row, t('teamActivity.columns.total'))} />,
      planned: <CountLink count={counts.planned} to={drill(user, { status: 'planned' })} label={label(row, t('teamActivity.columns.planned'))} />,
      organizations: <CountLink count={counts.organizationsTouched} to={drill(user, { status: 'done' })} label={label(row, t('teamActivity.columns.organizations'))} />,
      projects: <CountLink count={counts.projectsTouched} to={drill(user, { status: 'done' })} label={label(row, t('teamActivity.columns.projects'))} />,
      time: <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatMinutes(counts.minutes)}</span>,
      checkins: <CountLink count={counts.checkins} to={drill(user, { checkedIn: true })} label={label(row, t('teamActivity.columns.checkins'))} />,
      idle: row ? <IdleButton row={row} onShowIdle={onShowIdle} /> : <Typography.Text>{counts.idleOrganizations}</Typography.Text>,
    };
  };

  const emptyText = loading && !data ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('teamActivity.empty')} />;

  if (isMobile) {
    const card = (row: TeamActivityRow | null, counts: Counts, key: string, title: ReactNode) => {
      const cells = figures(row, counts);
      const stat = (name: string, value: ReactNode) => (
        <Flex vertical align="center" key={name}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {name}
          </Typography.Text>
          <span style={{ fontSize: 16, fontWeight: 500 }}>{value}</span>
        </Flex>
      );
      return (
        <Card
          key={key}
          size="small"
          title={title}
          extra={
            <Flex gap={6} align="baseline">
              <Typography.Text type="secondary">{t('teamActivity.columns.total')}</Typography.Text>
              <strong style={{ fontSize: 18 }}>{cells.total}</strong>
            </Flex>
          }
          data-testid={row ? 'team-activity-card' : 'team-activity-totals'}
        >
          <Flex wrap gap={6} style={{ marginBottom: 8 }}>
            {types
              .filter((type) => (counts.byType[type.code] ?? 0) > 0)
              .map((type) => (
                <Tag key={type.code}>
                  {type.label} {cells.type(type)}
                </Tag>
              ))}
          </Flex>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', rowGap: 8 }}>
            {stat(t('teamActivity.columns.planned'), cells.planned)}
            {stat(t('teamActivity.columns.organizations'), cells.organizations)}
            {stat(t('teamActivity.columns.projects'), cells.projects)}
            {stat(t('teamActivity.columns.time'), cells.time)}
            {stat(t('teamActivity.columns.checkins'), cells.checkins)}
            {stat(t('teamActivity.columns.idle'), cells.idle)}
          </div>
        </Card>
      );
    };
    if (rows.length === 0) return <Card loading={loading}>{emptyText}</Card>;
    return (
      <Flex vertical gap={12} style={{ opacity: loading ? 0.6 : 1 }}>
        {data && card(null, data.totals, 'totals', t('teamActivity.totals'))}
        {rows.map((row) => card(row, row, row.key, <RepName row={row} />))}
      </Flex>
    );
  }

  const numeric = (key: string, title: ReactNode, render: (cells: ReturnType<typeof figures>) => ReactNode, pick: (row: Counts) => number) => ({
    key,
    title,
    align: 'right' as const,
    className: 'psm-nowrap',
    sorter: byNumber(pick),
    sortDirections: ['descend' as const, 'ascend' as const],
    render: (_: unknown, row: TableRow) => render(figures(row, row)),
  });

  const columns: TableColumnsType<TableRow> = [
    {
      key: 'rep',
      title: t('teamActivity.columns.rep'),
      fixed: 'left',
      sorter: (a, b) => (a.user?.displayName ?? '').localeCompare(b.user?.displayName ?? '', 'zh-CN'),
      render: (_, row) => <RepName row={row} />,
    },
    ...types.map((type) => numeric(`type:${type.code}`, type.label, (cells) => cells.type(type), (row) => row.byType[type.code] ?? 0)),
    numeric('total', <strong>{t('teamActivity.columns.total')}</strong>, (cells) => <strong>{cells.total}</strong>, (row) => row.total),
    numeric('planned', t('teamActivity.columns.planned'), (cells) => cells.planned, (row) => row.planned),
    numeric('organizations', t('teamActivity.columns.organizations'), (cells) => cells.organizations, (row) => row.organizationsTouched),
    numeric('projects', t('teamActivity.columns.projects'), (cells) => cells.projects, (row) => row.projectsTouched),
    numeric('time', <Tooltip title={t('teamActivity.timeHelp')}>{t('teamActivity.columns.time')}</Tooltip>, (cells) => cells.time, (row) => row.minutes),
    numeric('checkins', t('teamActivity.columns.checkins'), (cells) => cells.checkins, (row) => row.checkins),
    numeric(
      'idle',
      <Tooltip title={t('teamActivity.idleHelp', { days: data?.idleDays ?? 30 })}>{t('teamActivity.columns.idle')}</Tooltip>,
      (cells) => cells.idle,
      (row) => row.idleOrganizations,
    ),
  ];

  const summary = () => {
    if (!data || rows.length === 0) return null;
    const cells = figures(null, data.totals);
    const values: ReactNode[] = [
      ...types.map((type) => cells.type(type)),
      <strong key="total">{cells.total}</strong>,
      cells.planned,
      cells.organizations,
      cells.projects,
      cells.time,
      cells.checkins,
      cells.idle,
    ];
    return (
      <Table.Summary fixed="bottom">
        <Table.Summary.Row data-testid="team-activity-totals" style={{ fontWeight: 500 }}>
          <Table.Summary.Cell index={0}>
            {t('teamActivity.totals')}
          </Table.Summary.Cell>
          {values.map((value, index) => (
            <Table.Summary.Cell key={index} index={index + 1} align="right">
              {value}
            </Table.Summary.Cell>
          ))}
        </Table.Summary.Row>
      </Table.Summary>
    );
  };

  return (
    <Table<TableRow>
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      sticky={{ offsetHeader: 56 }}
      scroll={{ x: 'max-content' }}
      summary={summary}
      locale={{ emptyText }}
      onRow={(row) => ({ 'data-testid': 'team-activity-row', 'data-user-id': row.user?.id }) as HTMLAttributes<HTMLElement>}
    />
  );
};
