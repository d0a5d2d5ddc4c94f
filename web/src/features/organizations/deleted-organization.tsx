// A deleted organisation is gone from lists, but its history stays readable (PLAT-5): the page shows it instead of
// a bare "not found" to anyone whose scope reaches the record — e.g. from the approval that deleted it.
import { Alert, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { PageSkeleton, QueryErrorResult } from '../../components/results';
import { useOrganizationHistory } from './organizations.api';
import { OrganizationHistory } from './organization-history';

export const DeletedOrganization = ({ id, error }: { id: string; error: unknown }) => {
  const { t } = useTranslation();
  const history = useOrganizationHistory(id, true);
  if (history.isPending) return <PageSkeleton />;
  // Not readable either: outside the scope or never existed — the original answer stands.
  if (history.isError) return <QueryErrorResult error={error} />;
  const deleted = history.data.some((entry) => entry.action === 'delete');
  if (!deleted) return <QueryErrorResult error={error} />;
  const lastName = [...history.data]
    .reverse()
    .flatMap((entry) => entry.changes)
    .find((change) => change.field === 'name' && typeof change.new === 'string')?.new as string | undefined;
  return (
    <>
      <PageHeader backTo="/organizations" title={lastName ? t('organizations.deletedTitle', { name: lastName }) : t('organizations.deletedUnknownName')} />
      <Alert type="warning" showIcon title={t('organizations.deletedNotice')} style={{ marginBottom: 16 }} data-testid="org-deleted" />
      <Card>
        <OrganizationHistory id={id} />
      </Card>
    </>
  );
};
