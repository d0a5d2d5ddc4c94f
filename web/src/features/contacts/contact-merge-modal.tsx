// From a contact's page: choose the duplicate person to merge into this one (colleagues at the same organisation first),
// then compare field by field on the merge page (features/merge).
import { useMemo, useState } from 'react';
import { Modal, Select, Spin, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Contact, ListResponse } from '@openpsm/contracts';
import { api } from '../../lib/api-client';
import { useDebouncedValue } from '../../components/use-debounced-value';

type ContactMergeModalProps = { contact: Contact; open: boolean; onClose: () => void };

export const ContactMergeModal = ({ contact, open, onClose }: ContactMergeModalProps) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const q = useDebouncedValue(search.trim(), 300);
  const colleagues = useQuery({
    queryKey: ['contacts', 'list', { organizationId: contact.organization.id, pageSize: 100, mergePicker: true }],
    queryFn: ({ signal }) => api.get<ListResponse<Contact>>('/contacts', { organizationId: contact.organization.id, pageSize: 100, sort: 'name' }, signal),
    enabled: open,
  });
  const found = useQuery({
    queryKey: ['contacts', 'list', { q, pageSize: 20, mergePicker: true }],
    queryFn: ({ signal }) => api.get<ListResponse<Contact>>('/contacts', { q, pageSize: 20 }, signal),
    enabled: open && q.length > 0,
  });
  const options = useMemo(() => {
    const seen = new Set<string>([contact.id]);
    const result: { value: string; label: string }[] = [];
    const lower = q.toLowerCase();
    // Colleagues filtered on the client by what is typed; other organisations' contacts come from the server search.
    for (const item of [...(colleagues.data?.items ?? []).filter((colleague) => !lower || colleague.name.toLowerCase().includes(lower)), ...(found.data?.items ?? [])]) {
      if (seen.has(item.id) || !item.access.delete) continue;
      seen.add(item.id);
      result.push({ value: item.id, label: [item.name, item.title, item.organization.name].filter(Boolean).join(' · ') });
    }
    return result;
  }, [colleagues.data, found.data, contact.id, q]);

  return (
    <Modal
      open={open}
      title={t('merge.pickContactTitle')}
      okText={t('merge.next')}
      okButtonProps={{ disabled: !chosen, 'data-testid': 'contact-merge-next' } as ButtonProps}
      onOk={() => chosen && void navigate(`/merge/contact?keep=${contact.id}&merge=${chosen}`)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('merge.pickContactHelp')}</Typography.Paragraph>
      <Select
        style={{ width: '100%' }}
        showSearch={{ filterOption: false, onSearch: setSearch }}
        placeholder={t('merge.pickContactPlaceholder')}
        value={chosen ?? undefined}
        onChange={(value: string) => setChosen(value)}
        options={options}
        notFoundContent={colleagues.isFetching || found.isFetching ? <Spin size="small" /> : undefined}
        data-testid="contact-merge-pick"
      />
    </Modal>
  );
};
