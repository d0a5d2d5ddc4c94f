// From an organisation's page: choose the duplicate to merge into it, then compare field by field on the merge page.
import { useMemo, useState } from 'react';
import { Modal, Select, Spin, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ListResponse, Organization } from '@openpsm/contracts';
import { api } from '../../lib/api-client';
import { useDebouncedValue } from '../../components/use-debounced-value';
import { useOrganizationDuplicates } from './organizations.api';

type OrganizationMergeModalProps = { organization: Organization; open: boolean; onClose: () => void };

export const OrganizationMergeModal = ({ organization, open, onClose }: OrganizationMergeModalProps) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const q = useDebouncedValue(search.trim(), 300);
  // The likely duplicates come first, before anything is typed; the caller's writable ones only.
  const duplicates = useOrganizationDuplicates({ name: organization.name, creditCode: organization.creditCode ?? undefined, phone: organization.phone ?? undefined, excludeId: organization.id });
  const found = useQuery({
    queryKey: ['organizations', 'list', { q, pageSize: 20, mergePicker: true }],
    queryFn: ({ signal }) => api.get<ListResponse<Organization>>('/organizations', { q: q || undefined, pageSize: 20, sort: 'name' }, signal),
    enabled: open && q.length > 0,
  });
  const options = useMemo(() => {
    const seen = new Set<string>([organization.id]);
    const result: { value: string; label: string }[] = [];
    for (const candidate of duplicates.data ?? []) {
      if (candidate.accessible === false || seen.has(candidate.id)) continue;
      seen.add(candidate.id);
      result.push({ value: candidate.id, label: `${candidate.name} (${Math.round(candidate.score * 100)}%)` });
    }
    for (const item of found.data?.items ?? []) {
      if (seen.has(item.id) || !item.access.delete) continue;
      seen.add(item.id);
      result.push({ value: item.id, label: `${item.name} · ${item.number}` });
    }
    return result;
  }, [duplicates.data, found.data, organization.id]);

  return (
    <Modal
      open={open}
      title={t('merge.pickTitle')}
      okText={t('merge.next')}
      okButtonProps={{ disabled: !chosen, 'data-testid': 'merge-pick-next' } as ButtonProps}
      onOk={() => chosen && void navigate(`/merge/organization?keep=${organization.id}&merge=${chosen}`)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('merge.pickHelp')}</Typography.Paragraph>
      <Select
        style={{ width: '100%' }}
        showSearch={{ filterOption: false, onSearch: setSearch }}
        placeholder={t('merge.pickPlaceholder')}
        value={chosen ?? undefined}
        onChange={(value: string) => setChosen(value)}
        options={options}
        notFoundContent={found.isFetching || duplicates.isFetching ? <Spin size="small" /> : undefined}
        data-testid="merge-pick"
      />
    </Modal>
  );
};
