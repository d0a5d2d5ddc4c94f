import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { PageSkeleton, QueryErrorResult } from '../../components/results';
import { usePermission } from '../../lib/session';
import { useCompanySettings } from '../../lib/reference-data';
import { SettingsForm } from './settings-form';

export const SettingsPage = () => {
  const { t } = useTranslation();
  const settings = useCompanySettings();
  const canEdit = usePermission('config.configure');

  return (
    <>
      <PageHeader title={t('settings.title')} />
      {settings.isPending ? (
        <PageSkeleton />
      ) : settings.isError ? (
        <QueryErrorResult error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <SettingsForm key={settings.data.version} settings={settings.data} canEdit={canEdit} />
      )}
    </>
  );
};
