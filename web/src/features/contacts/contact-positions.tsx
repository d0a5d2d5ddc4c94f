// The job history (CUS-2): every organisation the person worked at, the current position first.
import { Empty, Skeleton, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { QueryErrorResult } from '../../components/results';
import { useContactPositions } from './contacts.api';

export const ContactPositions = ({ id }: { id: string }) => {
  const { t } = useTranslation();
  const format = useFormat();
  const positions = useContactPositions(id);
  if (positions.isError) return <QueryErrorResult error={positions.error} onRetry={() => void positions.refetch()} />;
  if (positions.isPending) return <Skeleton active />;
  if (positions.data.length === 0) return <Empty description={t('contacts.noPositions')} />;
  return (
    <Timeline
      data-testid="contact-positions"
      items={positions.data.map((position) => ({
        key: position.id,
        color: position.endedAt ? 'gray' : 'green',
        content: (
          <div data-testid="contact-position">
            {position.organizationReadable ? (
              <Link to={`/organizations/${position.organization.id}`}>{position.organization.name}</Link>
            ) : (
              <Typography.Text title={t('contacts.formerOrganization')}>{position.organization.name}</Typography.Text>
            )}{' '}
            {!position.endedAt && <Tag color="green">{t('contacts.currentPosition')}</Tag>}
            <div>
              <Typography.Text>{[position.title, position.department].filter(Boolean).join(' · ') || t('common.empty')}</Typography.Text>
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {position.endedAt
                ? t('contacts.positionRange', { from: format.date(position.startedAt), to: format.date(position.endedAt) })
                : t('contacts.positionSince', { from: format.date(position.startedAt) })}
            </Typography.Text>
          </div>
        ),
      }))}
    />
  );
};
