// The contact page's "Relationships" tab: the person's ties to other contacts and to our people (add / remove), the
// graph around them, and the shortest chain from one of our people to them.
import { App, Button, Card, Flex, Form, Input, Rate, Select, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Contact, PersonTie, PersonTieType, TieDirection } from '@openpsm/contracts';
import { useFormat } from '../../lib/format';
import { translateDynamic } from '../../lib/i18n';
import { useAddPersonTie, usePersonTies, useRemovePersonTie } from './relationships.api';
import { PersonPicker, type PersonValue } from './record-pickers';
import { RelationshipGraphPanel } from './relationship-graph-panel';
import { ShortestChainPanel } from './shortest-chain-panel';
import { RemoveTieButton, TieEndLink, useTieErrorHandler } from './tie-parts';

/** What the other person is to this contact: the manager they report to, a report, a friend … */
const relationChoices: [PersonTieType, TieDirection][] = [
  ['reports_to', 'outgoing'],
  ['reports_to', 'incoming'],
  ['former_colleague', 'outgoing'],
  ['friend', 'outgoing'],
  ['relative', 'outgoing'],
  ['knows', 'outgoing'],
  ['custom', 'outgoing'],
];

export const personRoleText = (tie: Pick<PersonTie, 'type' | 'direction' | 'label'>) =>
  tie.type === 'custom' && tie.label ? tie.label : translateDynamic(`relationships.personRoles.${tie.type}_${tie.direction}`, tie.type);

type TieValues = { relation: string; person: PersonValue; strength?: number; label?: string; note?: string };

const AddPersonTieForm = ({ contactId }: { contactId: string }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TieValues>();
  const add = useAddPersonTie(contactId);
  const handleError = useTieErrorHandler();
  const relation = Form.useWatch('relation', form);
  const person = Form.useWatch('person', form);

  const onFinish = (values: TieValues) => {
    const [type, direction] = values.relation.split(':') as [PersonTieType, TieDirection];
    if (!values.person.id) return;
    add.mutate(
      {
        person: { kind: values.person.kind, id: values.person.id },
        type,
        direction,
        strength: values.strength || undefined,
        label: type === 'custom' ? values.label : undefined,
        note: values.note || undefined,
      },
      {
        onSuccess: () => {
          form.resetFields(['person', 'label', 'note', 'strength']);
          void message.success(t('relationships.ties.added'));
        },
        onError: (error) => handleError(error, form),
      },
    );
  };

  // Reporting lines are between contacts; our people only know them.
  const choices = relationChoices.filter(([type]) => !(person?.kind === 'user' && type === 'reports_to'));
  return (
    <Form<TieValues>
      form={form}
      layout="vertical"
      initialValues={{ relation: 'former_colleague:outgoing', person: { kind: 'contact' } }}
      onFinish={onFinish}
      onValuesChange={(changed: Partial<TieValues>) => {
        if (changed.person?.kind === 'user' && form.getFieldValue('relation')?.startsWith('reports_to')) form.setFieldValue('relation', 'knows:outgoing');
      }}
      data-testid="person-tie-form"
    >
      <Flex gap={12} wrap align="end">
        <Form.Item name="person" label={t('relationships.ties.otherPerson')} rules={[{ validator: (_, value?: PersonValue) => (value?.id ? Promise.resolve() : Promise.reject(new Error(t('validation.required')))) }]} style={{ minWidth: 300, flex: 2 }}>
          <PersonPicker excludeContactIds={[contactId]} testId="person-tie-other" />
        </Form.Item>
        <Form.Item name="relation" label={t('relationships.ties.relation')}>
          <Select style={{ width: 130 }} options={choices.map(([type, direction]) => ({ value: `${type}:${direction}`, label: personRoleText({ type, direction, label: null }) }))} />
        </Form.Item>
        {relation === 'custom:outgoing' && (
          <Form.Item name="label" label={t('relationships.ties.label')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input maxLength={40} style={{ width: 140 }} />
          </Form.Item>
        )}
        <Form.Item name="strength" label={t('relationships.ties.strength')}>
          <Rate count={5} />
        </Form.Item>
        <Form.Item name="note" label={t('relationships.ties.note')} style={{ minWidth: 180, flex: 1 }}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={add.isPending} data-testid="person-tie-add">
            {t('relationships.ties.add')}
          </Button>
        </Form.Item>
      </Flex>
    </Form>
  );
};

export const ContactRelationships = ({ contact, canEdit }: { contact: Contact; canEdit: boolean }) => {
  const { t } = useTranslation();
  const format = useFormat();
  const ties = usePersonTies(contact.id);
  const remove = useRemovePersonTie(contact.id);
  const handleError = useTieErrorHandler();

  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t('relationships.ties.personTitle')}>
        {canEdit && <AddPersonTieForm contactId={contact.id} />}
        <Table<PersonTie>
          rowKey="id"
          size="middle"
          loading={ties.isPending}
          dataSource={ties.data}
          pagination={false}
          scroll={{ x: 720 }}
          locale={{ emptyText: ties.isError ? t('errors.unexpected') : t('relationships.ties.emptyPerson') }}
          data-testid="person-ties"
          columns={[
            { title: t('relationships.ties.relation'), key: 'relation', width: 110, render: (_, tie) => personRoleText(tie) },
            {
              title: t('relationships.ties.otherPerson'),
              key: 'other',
              render: (_, tie) => (
                <Flex gap={6} align="center" wrap>
                  {tie.other.kind === 'user' && <Tag color="orange">{t('relationships.nodeKinds.user')}</Tag>}
                  <TieEndLink end={tie.other} />
                  {tie.other.subtitle && <Typography.Text type="secondary">{tie.other.subtitle}</Typography.Text>}
                </Flex>
              ),
            },
            { title: t('relationships.ties.strength'), dataIndex: 'strength', width: 150, render: (value: number | null) => (value ? <Rate disabled value={value} style={{ fontSize: 12 }} /> : '—') },
            { title: t('relationships.ties.note'), dataIndex: 'note', render: (note: string | null) => note ?? '—' },
            { title: t('relationships.ties.addedAt'), dataIndex: 'createdAt', width: 170, render: (value: string) => format.dateTime(value) },
            ...(canEdit
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 80,
                    render: (_: unknown, tie: PersonTie) => (
                      <RemoveTieButton testId="person-tie-remove" onRemove={(note) => remove.mutateAsync({ tieId: tie.id, note }).catch((error: unknown) => handleError(error))} />
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card size="small" title={t('relationships.graph.title')}>
        <RelationshipGraphPanel kind="contacts" id={contact.id} />
      </Card>
      <ShortestChainPanel toContactId={contact.id} />
    </Flex>
  );
};
