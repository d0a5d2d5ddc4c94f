import { Card, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { optionListKeys } from '@openpsm/contracts';
import type { OptionListKey } from '@openpsm/contracts';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/results';
import { useOptionLists } from '../../lib/reference-data';
import { usePermission } from '../../lib/session';
import { OptionTable } from './option-table';

export const OptionListsPage = () => {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const lists = useOptionLists();
  const canEdit = usePermission('config.configure');
  const requested = searchParams.get('list');
  const active: OptionListKey = optionListKeys.find((key) => key === requested) ?? 'industry';

  if (lists.isError) return <QueryErrorResult error={lists.error} onRetry={() => void lists.refetch()} />;

  return (
    <>
      <PageHeader title={t('optionLists.title')} subtitle={t('optionLists.subtitle')} />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={active}
          onChange={(key) => setSearchParams({ list: key }, { replace: true })}
          destroyOnHidden
          items={optionListKeys.map((listKey) => ({
            key: listKey,
            label: t(`optionLists.keys.${listKey}`),
            children: (
              <>
                <Typography.Paragraph type="secondary">{t('optionLists.codeHelp')}</Typography.Paragraph>
                <OptionTable
                  listKey={listKey}
                  loading={lists.isPending}
                  canEdit={canEdit}
                  options={(lists.data ?? []).filter((option) => option.listKey === listKey).sort((a, b) => a.sort - b.sort)}
                />
              </>
            ),
          }))}
        />
      </Card>
    </>
  );
};
