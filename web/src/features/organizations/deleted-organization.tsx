// A deleted organisation is gone from lists, but its history stays readable (PLAT-5): the page shows it instead of
// a bare "not found" to anyone whose scope reaches the record — e.g. from the approval that deleted it.
import { Alert, Card } from 'antd';
import { Link } from 'react-router';
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
  // A merged organisation is deleted too (CUS-3): its merge line names the one it lives on in.
  const mergedInto = history.data.flatMap((entry) => (entry.action === 'merge' ? entry.changes : [])).find((change) => change.field === 'mergedIntoId')?.new as
    | string
    | undefined;
  const deleted = Boolean(mergedInto) || history.data.some((entry) => entry.action === 'delete');
  if (!deleted) return <QueryErrorResult error={error} />;
  const lastName = [...history.data]
    .reverse()
    .flatMap((entry) => entry.changes)
    .find((change) => change.field === 'name' && typeof change.new === 'string')?.new as string | undefined;
  return (
    <>
      <PageHeader backTo="/organizations" title={lastName ? t('organizations.deletedTitle', { name: lastName }) : t('organizations.deletedUnknownName')} />
      <Alert
        type="warning"
        showIcon
        title={t('organizations.deletedNotice')}
        style={{ marginBottom: 16 }}
        data-testid="org-deleted"
        action={
          mergedInto ? (
            <Link to={`/organizations/${mergedInto}`} data-testid="org-merged-into">
              {t('merge.openKept')}
            </Link>
          ) : undefined
        }
      />
      <Card>
        <OrganizationHistory id={id} />
      </Card>
    </>
  );
};
