// Likely duplicates (CUS-3) as a table: name, owner, score, reason. Used live in the form and in the save confirmation.
import { Progress, Space, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { DuplicateCandidate } from '@openpsm/contracts';

/** The server's 409 carries candidates as unknown JSON: keep what looks like one. */
export const asCandidates = (values: unknown[] | null | undefined): DuplicateCandidate[] =>
  (values ?? []).filter((value): value is DuplicateCandidate => Boolean(value && typeof value === 'object' && 'name' in value));

const reasonColor: Record<DuplicateCandidate['reason'], string> = { credit_code: 'red', phone: 'volcano', name: 'orange' };

type DuplicateCandidatesTableProps = {
  candidates: DuplicateCandidate[];
  /** When editing: offers to merge an accessible candidate into the record being edited. */
  mergeInto?: string;
  testId?: string;
};

export const DuplicateCandidatesTable = ({ candidates, mergeInto, testId }: DuplicateCandidatesTableProps) => {
  const { t } = useTranslation();
  return (
    <Table<DuplicateCandidate>
      size="small"
      rowKey="id"
      dataSource={candidates}
      pagination={false}
      scroll={{ x: 520 }}
      data-testid={testId}
      columns={[
        {
          title: t('fields.organization.name'),
          key: 'name',
          render: (_, row) =>
            row.accessible === false ? (
              <Space size={4} wrap>
                <span data-testid="duplicate-name">{row.name}</span>
                <Tag>{t('duplicates.notAccessible')}</Tag>
              </Space>
            ) : (
              <Link to={`/organizations/${row.id}`} target="_blank" data-testid="duplicate-name">
                {row.name}
              </Link>
            ),
        },
        {
          title: t('duplicates.owner'),
          key: 'owner',
          render: (_, row) => <span data-testid="duplicate-owner">{row.owner?.displayName ?? row.ownerName ?? t('duplicates.noOwner')}</span>,
        },
        {
          title: t('duplicates.score'),
          key: 'score',
          width: 140,
          render: (_, row) => (
            // status "normal" keeps the number visible at 100 % (success and exception show an icon instead).
            <Progress
              percent={Math.round(row.score * 100)}
              size="small"
              status="normal"
              strokeColor={row.score >= 0.9 ? '#cf1322' : '#fa8c16'}
              format={(percent) => `${percent}%`}
              data-testid="duplicate-score"
            />
          ),
        },
        {
          title: t('organizations.duplicateReason'),
          key: 'reason',
          render: (_, row) => <Tag color={reasonColor[row.reason]}>{t(`duplicates.reasons.${row.reason}`)}</Tag>,
        },
        ...(mergeInto
          ? [
              {
                key: 'merge',
                render: (_: unknown, row: DuplicateCandidate) =>
                  row.accessible === false ? null : (
                    <Link to={`/merge/organization?keep=${mergeInto}&merge=${row.id}`} data-testid="duplicate-merge">
                      {t('duplicates.merge')}
                    </Link>
                  ),
              },
            ]
          : []),
      ]}
    />
  );
};
