// The tender's dialogs: create / edit (title, tenderer, deadlines, our price …), the bid decision with its reason,
// and the opening result (a lost tender does not close the project: the hint says who does).
import { Alert, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { tenderResults, type Tender, type TenderInput } from '@openpsm/contracts';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useFormat } from '../../lib/format';
import { OptionSelect, OrganizationPicker } from '../projects/project-pickers';
import { useCreateTender, useDecideTender, useSetTenderResult, useUpdateTender } from './tenders.api';

const PRICE = /^\d{1,16}(\.\d{1,2})?$/;

type TenderFormValues = {
  title: string;
  tendererOrganizationId?: string | null;
  noticeOn?: Dayjs | null;
  questionsDueAt?: Dayjs | null;
  submissionDueAt?: Dayjs | null;
  openingAt?: Dayjs | null;
  productLine?: string | null;
  region?: string | null;
  ourPrice?: string | null;
  notes?: string | null;
};

/** Create (tender undefined) or edit a tender. */
export const TenderFormModal = ({ projectId, tender, open, onClose }: { projectId: string; tender?: Tender; open: boolean; onClose: () => void }) => {
  const { t } = useTranslation();
  const format = useFormat();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<TenderFormValues>();
  const create = useCreateTender(projectId);
  const update = useUpdateTender(projectId);
  const instant = (value?: Dayjs | null) => (value ? format.fromPicker(value) : null);
  const submit = (values: TenderFormValues) => {
    const input: TenderInput = {
      title: values.title,
      tendererOrganizationId: values.tendererOrganizationId ?? null,
      noticeOn: values.noticeOn ? values.noticeOn.format('YYYY-MM-DD') : null,
      questionsDueAt: instant(values.questionsDueAt),
      submissionDueAt: instant(values.submissionDueAt),
      openingAt: instant(values.openingAt),
      productLine: values.productLine ?? null,
      region: values.region ?? null,
      ourPrice: values.ourPrice?.trim() || null,
      notes: values.notes?.trim() || null,
    };
    const saved = tender ? update.mutateAsync({ id: tender.id, ...input, version: tender.version }) : create.mutateAsync(input);
    return saved.then(onClose, (error) => handleError(error, { form }));
  };
  const initial: Partial<TenderFormValues> = tender
    ? {
        title: tender.title,
        tendererOrganizationId: tender.tendererOrganization?.id ?? null,
        noticeOn: tender.noticeOn ? dayjs(tender.noticeOn) : null,
        questionsDueAt: tender.questionsDueAt ? format.toPicker(tender.questionsDueAt) : null,
        submissionDueAt: tender.submissionDueAt ? format.toPicker(tender.submissionDueAt) : null,
        openingAt: tender.openingAt ? format.toPicker(tender.openingAt) : null,
        productLine: tender.productLine,
        region: tender.region,
        ourPrice: tender.ourPrice,
        notes: tender.notes,
      }
    : {};
  const dateTime = { showTime: { format: 'HH:mm' }, format: `${format.dateFormat} HH:mm`, style: { width: '100%' } };
  return (
    <Modal
      open={open}
      title={tender ? t('tenders.editTitle') : t('tenders.addTitle')}
      onCancel={onClose}
      okButtonProps={{ htmlType: 'submit', form: 'tender-form', loading: create.isPending || update.isPending, ...({ 'data-testid': 'tender-form-submit' } as object) }}
      destroyOnHidden
      width={640}
    >
      <Form form={form} id="tender-form" layout="vertical" initialValues={initial} onFinish={submit} preserve={false}>
        <Form.Item name="title" label={t('tenders.fields.title')} rules={[{ required: true, whitespace: true, min: 2, message: t('validation.required') }]}>
          <Input maxLength={200} data-testid="tender-form-title" />
        </Form.Item>
        <Form.Item name="tendererOrganizationId" label={t('tenders.fields.tenderer')}>
          <OrganizationPicker known={[tender?.tendererOrganization]} />
        </Form.Item>
        <Form.Item name="noticeOn" label={t('tenders.fields.noticeOn')}>
          <DatePicker format={format.dateFormat} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="questionsDueAt" label={t('tenders.fields.questionsDueAt')}>
          <DatePicker {...dateTime} />
        </Form.Item>
        <Form.Item name="submissionDueAt" label={t('tenders.fields.submissionDueAt')}>
          <DatePicker {...dateTime} data-testid="tender-form-submission" />
        </Form.Item>
        <Form.Item name="openingAt" label={t('tenders.fields.openingAt')}>
          <DatePicker {...dateTime} />
        </Form.Item>
        <Form.Item name="productLine" label={t('tenders.fields.productLine')}>
          <OptionSelect listKey="product_line" />
        </Form.Item>
        <Form.Item name="region" label={t('tenders.fields.region')}>
          <OptionSelect listKey="region" />
        </Form.Item>
        <Form.Item name="ourPrice" label={t('tenders.fields.ourPrice')} rules={[{ pattern: PRICE, message: t('validation.invalid') }]}>
          <Input inputMode="decimal" data-testid="tender-form-our-price" />
        </Form.Item>
        <Form.Item name="notes" label={t('tenders.fields.notes')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
};

export const TenderDecisionModal = ({ projectId, tender, onClose }: { projectId: string; tender: Tender | null; onClose: () => void }) => {
  const { t } = useTranslation();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<{ decision: 'bid' | 'no_bid'; reason: string }>();
  const decide = useDecideTender(projectId);
  return (
    <Modal
      open={Boolean(tender)}
      title={tender ? t('tenders.decideTitle', { title: tender.title }) : ''}
      onCancel={onClose}
      okButtonProps={{ htmlType: 'submit', form: 'tender-decision', loading: decide.isPending, ...({ 'data-testid': 'tender-decision-submit' } as object) }}
      destroyOnHidden
    >
      <Form
        form={form}
        id="tender-decision"
        layout="vertical"
        preserve={false}
        initialValues={tender && tender.bidDecision !== 'pending' ? { decision: tender.bidDecision, reason: tender.decisionReason ?? '' } : {}}
        onFinish={(values) => decide.mutateAsync({ id: tender!.id, ...values, version: tender!.version }).then(onClose, (error) => handleError(error, { form }))}
      >
        <Form.Item name="decision" label={t('tenders.fields.decision')} rules={[{ required: true, message: t('validation.required') }]}>
          <Radio.Group data-testid="tender-decision">
            <Radio value="bid" data-testid="tender-decision-bid">
              {t('tenders.decisions.bid')}
            </Radio>
            <Radio value="no_bid" data-testid="tender-decision-no-bid">
              {t('tenders.decisions.no_bid')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="reason" label={t('tenders.fields.decisionReason')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="tender-decision-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
};

type ResultValues = { result: Tender['result']; winnerOrganizationId?: string | null; winningPrice?: string | null };

export const TenderResultModal = ({ projectId, tender, onClose }: { projectId: string; tender: Tender | null; onClose: () => void }) => {
  const { t } = useTranslation();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<ResultValues>();
  const setResult = useSetTenderResult(projectId);
  const result = Form.useWatch('result', form);
  const known = tender ? [tender.winnerOrganization, ...tender.bidders.map((bidder) => bidder.organization)] : [];
  return (
    <Modal
      open={Boolean(tender)}
      title={tender ? t('tenders.resultTitle', { title: tender.title }) : ''}
      onCancel={onClose}
      okButtonProps={{ htmlType: 'submit', form: 'tender-result', loading: setResult.isPending, ...({ 'data-testid': 'tender-result-submit' } as object) }}
      destroyOnHidden
    >
      <Form
        form={form}
        id="tender-result"
        layout="vertical"
        preserve={false}
        initialValues={tender ? { result: tender.result, winnerOrganizationId: tender.winnerOrganization?.id ?? null, winningPrice: tender.winningPrice } : {}}
        onFinish={(values) =>
          setResult
            .mutateAsync({ id: tender!.id, result: values.result, winnerOrganizationId: values.winnerOrganizationId ?? null, winningPrice: values.winningPrice?.trim() || null, version: tender!.version })
            .then(onClose, (error) => handleError(error, { form }))
        }
      >
        <Form.Item name="result" label={t('tenders.fields.result')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={tenderResults.map((value) => ({ value, label: t(`tenders.results.${value}`) }))} data-testid="tender-result" />
        </Form.Item>
        {(result === 'won' || result === 'lost') && (
          <>
            <Form.Item name="winnerOrganizationId" label={t('tenders.fields.winner')}>
              <OrganizationPicker known={known} data-testid="tender-result-winner" />
            </Form.Item>
            <Form.Item name="winningPrice" label={t('tenders.fields.winningPrice')} rules={[{ pattern: PRICE, message: t('validation.invalid') }]}>
              <Input inputMode="decimal" data-testid="tender-result-price" />
            </Form.Item>
          </>
        )}
        {result === 'lost' && <Alert type="info" showIcon title={t('tenders.lostHint')} />}
      </Form>
    </Modal>
  );
};
