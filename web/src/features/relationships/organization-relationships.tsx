// The organisation page's "Relationships" tab: its ties to other organisations (add / remove), the graph around it
// and the shortest chain from one of our people to a contact.
import { App, Button, Card, Flex, Form, Input, Select, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Organization, OrganizationTie, OrganizationTieType, TieDirection } from '@openpsm/contracts';
import { useFormat } from '../../lib/format';
import { translateDynamic } from '../../lib/i18n';
import { useAddOrganizationTie, useOrganizationTies, useRemoveOrganizationTie } from './relationships.api';
import { OrganizationSelect } from './record-pickers';
import { RelationshipGraphPanel } from './relationship-graph-panel';
import { ShortestChainPanel } from './shortest-chain-panel';
import { RemoveTieButton, TieEndLink, useTieErrorHandler } from './tie-parts';

/** What the other organisation is to this one: each choice is a type and which end this organisation is. */
const relationChoices: [OrganizationTieType, TieDirection][] = [
  ['parent_of', 'incoming'],
  ['parent_of', 'outgoing'],
  ['design_institute_of', 'incoming'],
  ['design_institute_of', 'outgoing'],
  ['supplier_to', 'incoming'],
  ['supplier_to', 'outgoing'],
  ['partner', 'outgoing'],
  ['competitor_of', 'outgoing'],
  ['custom', 'outgoing'],
];

export const organizationRoleText = (tie: Pick<OrganizationTie, 'type' | 'direction' | 'label'>) =>
  tie.type === 'custom' && tie.label ? tie.label : translateDynamic(`relationships.organizationRoles.${tie.type}_${tie.direction}`, tie.type);

type TieValues = { relation: string; organizationId: string; label?: string; note?: string };

const AddOrganizationTieForm = ({ organizationId }: { organizationId: string }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TieValues>();
  const add = useAddOrganizationTie(organizationId);
  const handleError = useTieErrorHandler();
  const relation = Form.useWatch('relation', form);

  const onFinish = (values: TieValues) => {
    const [type, direction] = values.relation.split(':') as [OrganizationTieType, TieDirection];
    add.mutate(
      { organizationId: values.organizationId, type, direction, label: type === 'custom' ? values.label : undefined, note: values.note || undefined },
      {
        onSuccess: () => {
          form.resetFields(['organizationId', 'label', 'note']);
          void message.success(t('relationships.ties.added'));
        },
        onError: (error) => handleError(error, form),
      },
    );
  };

  return (
    <Form<TieValues> form={form} layout="inline" initialValues={{ relation: 'partner:outgoing' }} onFinish={onFinish} style={{ rowGap: 8, marginBottom: 16 }} data-testid="org-tie-form">
      <Form.Item name="relation" label={t('relationships.ties.relation')}>
        <Select
          style={{ width: 150 }}
          data-testid="org-tie-relation"
          options={relationChoices.map(([type, direction]) => ({ value: `${type}:${direction}`, label: organizationRoleText({ type, direction, label: null }) }))}
        />
      </Form.Item>
      <Form.Item name="organizationId" rules={[{ required: true, message: t('validation.required') }]} style={{ minWidth: 240, flex: 1 }}>
        <OrganizationSelect excludeIds={[organizationId]} data-testid="org-tie-other" />
      </Form.Item>
      {relation === 'custom:outgoing' && (
        <Form.Item name="label" rules={[{ required: true, message: t('validation.required') }]}>
          <Input placeholder={t('relationships.ties.label')} maxLength={40} style={{ width: 140 }} />
        </Form.Item>
      )}
      <Form.Item name="note">
        <Input placeholder={t('relationships.ties.note')} maxLength={500} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={add.isPending} data-testid="org-tie-add">
          {t('relationships.ties.add')}
        </Button>
      </Form.Item>
    </Form>
  );
};

export const OrganizationRelationships = ({ organization, canEdit }: { organization: Organization; canEdit: boolean }) => {
  const { t } = useTranslation();
  const format = useFormat();
  const ties = useOrganizationTies(organization.id);
  const remove = useRemoveOrganizationTie(organization.id);
  const handleError = useTieErrorHandler();

  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t('relationships.ties.organizationTitle')}>
        {canEdit && <AddOrganizationTieForm organizationId={organization.id} />}
        <Table<OrganizationTie>
          rowKey="id"
          size="middle"
          loading={ties.isPending}
          dataSource={ties.data}
          pagination={false}
          scroll={{ x: 640 }}
          locale={{ emptyText: ties.isError ? t('errors.unexpected') : t('relationships.ties.emptyOrganization') }}
          data-testid="org-ties"
          columns={[
            { title: t('relationships.ties.relation'), key: 'relation', width: 140, render: (_, tie) => organizationRoleText(tie) },
            { title: t('relationships.ties.otherOrganization'), key: 'other', render: (_, tie) => <TieEndLink end={tie.other} /> },
            { title: t('relationships.ties.note'), dataIndex: 'note', render: (note: string | null) => note ?? <Typography.Text type="secondary">—</Typography.Text> },
            { title: t('relationships.ties.addedBy'), dataIndex: 'createdBy', width: 110, render: (name: string | null) => name ?? '—' },
            { title: t('relationships.ties.addedAt'), dataIndex: 'createdAt', width: 170, render: (value: string) => format.dateTime(value) },
            ...(canEdit
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 80,
                    render: (_: unknown, tie: OrganizationTie) => (
                      <RemoveTieButton
                        testId="org-tie-remove"
                        onRemove={(note) => remove.mutateAsync({ tieId: tie.id, note }).catch((error: unknown) => handleError(error))}
                      />
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card size="small" title={t('relationships.graph.title')}>
        <RelationshipGraphPanel kind="organizations" id={organization.id} />
      </Card>
      <ShortestChainPanel />
    </Flex>
  );
};
