// The bidders of a tender at the opening: a table (ours marked), and an editor replacing the whole list at once.
import { Button, Checkbox, Flex, Form, Input, InputNumber, Modal, Select, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { tenderBidderResults, type Tender, type TenderBidder } from '@openpsm/contracts';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useFormat } from '../../lib/format';
import { OrganizationPicker } from '../projects/project-pickers';
import { useSaveBidders } from './tenders.api';

export const TenderBiddersTable = ({ tender }: { tender: Tender }) => {
  const { t } = useTranslation();
  const format = useFormat();
  const columns: TableColumnsType<TenderBidder> = [
    { key: 'rank', title: t('tenders.bidder.rank'), dataIndex: 'rank', width: 70, render: (rank: number | null) => rank ?? '—' },
    {
      key: 'name',
      title: t('tenders.bidder.name'),
      render: (_, bidder) => (
        <Flex gap={6} align="center" wrap>
          <span>{bidder.organization?.name ?? bidder.bidderName}</span>
          {bidder.isUs && <Tag color="blue">{t('tenders.bidder.isUs')}</Tag>}
        </Flex>
      ),
    },
    { key: 'price', title: t('tenders.bidder.price'), align: 'right', render: (_, bidder) => format.money(bidder.price) },
    { key: 'result', title: t('tenders.bidder.result'), responsive: ['sm'], render: (_, bidder) => (bidder.result ? t(`tenders.bidderResults.${bidder.result}`) : '—') },
  ];
  return (
    <Table
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={tender.bidders}
      pagination={false}
      locale={{ emptyText: t('tenders.noBidders') }}
      rowClassName={(bidder) => (bidder.isUs ? 'tender-bidder-us' : '')}
      data-testid="tender-bidders"
    />
  );
};

type BidderRow = { organizationId?: string | null; bidderName?: string; price?: string; rank?: number | null; result?: TenderBidder['result']; isUs?: boolean };

export const TenderBiddersEditor = ({ projectId, tender, onClose }: { projectId: string; tender: Tender | null; onClose: () => void }) => {
  const { t } = useTranslation();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<{ bidders: BidderRow[] }>();
  const save = useSaveBidders(projectId);
  const initial = {
    bidders: (tender?.bidders ?? []).map((bidder) => ({
      organizationId: bidder.organization?.id ?? null,
      bidderName: bidder.organization ? '' : bidder.bidderName,
      price: bidder.price ?? '',
      rank: bidder.rank,
      result: bidder.result,
      isUs: bidder.isUs,
    })),
  };
  const known = tender?.bidders.map((bidder) => bidder.organization) ?? [];
  const submit = ({ bidders }: { bidders: BidderRow[] }) =>
    save
      .mutateAsync({
        id: tender!.id,
        version: tender!.version,
        bidders: (bidders ?? []).map((row) => ({
          organizationId: row.organizationId ?? null,
          bidderName: row.bidderName?.trim() || null,
          price: row.price?.trim() || null,
          rank: row.rank ?? null,
          result: row.result ?? null,
          isUs: Boolean(row.isUs),
        })),
      })
      .then(onClose, (error) => handleError(error, { form }));
  return (
    <Modal
      open={Boolean(tender)}
      title={t('tenders.biddersTitle')}
      onCancel={onClose}
      width={920}
      okButtonProps={{ htmlType: 'submit', form: 'tender-bidders', loading: save.isPending, ...({ 'data-testid': 'tender-bidders-submit' } as object) }}
      destroyOnHidden
    >
      <Form form={form} id="tender-bidders" initialValues={initial} onFinish={submit} preserve={false}>
        <Form.List name="bidders">
          {(fields, { add, remove }) => (
            <Flex vertical gap={4}>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} wrap align="flex-start" data-testid="tender-bidder-row">
                  <Form.Item name={[field.name, 'organizationId']} style={{ minWidth: 220, flex: '1 1 220px' }}>
                    <OrganizationPicker known={known} data-testid="tender-bidder-organization" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'bidderName']} style={{ flex: '1 1 160px' }}>
                    <Input placeholder={t('tenders.bidder.freeName')} maxLength={200} data-testid="tender-bidder-name" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'price']} rules={[{ pattern: /^\d{1,16}(\.\d{1,2})?$/, message: t('validation.invalid') }]} style={{ width: 140 }}>
                    <Input placeholder={t('tenders.bidder.price')} inputMode="decimal" data-testid="tender-bidder-price" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'rank']} style={{ width: 80 }}>
                    <InputNumber min={1} max={999} placeholder={t('tenders.bidder.rank')} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'result']} style={{ width: 110 }}>
                    <Select allowClear placeholder={t('tenders.bidder.result')} options={tenderBidderResults.map((value) => ({ value, label: t(`tenders.bidderResults.${value}`) }))} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'isUs']} valuePropName="checked">
                    <Checkbox data-testid="tender-bidder-is-us">{t('tenders.bidder.isUs')}</Checkbox>
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.remove')} onClick={() => remove(field.name)} />
                </Flex>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ isUs: false })} data-testid="tender-bidder-add">
                {t('tenders.addBidder')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
};
