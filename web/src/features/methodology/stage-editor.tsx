// One stage of a process in a drawer: names and probability, the stage description in both languages, the task
// checklist editor and the entry-criteria builder (field filled, earlier stage's task done, stakeholder map, records).
import { Button, Col, Divider, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { gateRecordKinds, projectGateFields, stageKinds, type GateCriterion, type SalesProcess, type SalesStage, type SalesStageInput } from '@openpsm/contracts';
import { FormDrawer } from '../../components/form-drawer';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useAttitudeOptions, useBuyingRoleOptions } from '../contacts/contact-labels';
import { useSaveStage } from './methodology.api';

type Props = { process: SalesProcess; stage: SalesStage | null; open: boolean; onClose: () => void };

const texts = ['inputs', 'outputs', 'success', 'milestone'] as const;

/** The editor shows one role list: a single `buyingRole` (older criteria, built-ins) becomes a list of one. */
const editableCriterion = (criterion: GateCriterion): GateCriterion =>
  criterion.type === 'stakeholder' && criterion.buyingRole && !criterion.buyingRoles ? { ...criterion, buyingRole: undefined, buyingRoles: [criterion.buyingRole] } : criterion;

/** What the API takes: no empty role list, no leftover keys of another criterion type. */
const cleanCriterion = (criterion: GateCriterion): GateCriterion => {
  switch (criterion.type) {
    case 'field':
      return { type: 'field', field: criterion.field };
    case 'checklist':
      return { type: 'checklist', stage: criterion.stage, item: criterion.item };
    case 'stakeholder':
      return {
        type: 'stakeholder',
        minCount: criterion.minCount ?? 1,
        ...(criterion.buyingRoles?.length ? { buyingRoles: criterion.buyingRoles } : {}),
        ...(criterion.attitude ? { attitude: criterion.attitude } : {}),
      };
    case 'record':
      return { type: 'record', record: criterion.record, minCount: criterion.minCount ?? 1 };
  }
};

export const StageEditor = ({ process, stage, open, onClose }: Props) => {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<SalesStageInput>();
  const handleError = useApiErrorHandler();
  const save = useSaveStage(process.id);
  const roleOptions = useBuyingRoleOptions();
  const attitudeOptions = useAttitudeOptions();
  const english = i18n.language === 'en';
  // A gate can only ask for tasks of stages before this one.
  const position = stage ? process.stages.findIndex((entry) => entry.id === stage.id) : process.stages.length;
  const earlier = process.stages.slice(0, position);
  const criteria = Form.useWatch('criteria', form) ?? [];

  const submit = (values: SalesStageInput) =>
    save.mutate(
      { ...values, criteria: (values.criteria ?? []).map(cleanCriterion), version: process.version, ...(stage ? { stageId: stage.id } : {}) },
      { onSuccess: onClose, onError: (error) => handleError(error, { form }) },
    );

  return (
    <FormDrawer
      open={open}
      width={760}
      title={stage ? t('methodology.admin.editStage', { name: english ? stage.nameEn : stage.nameZh }) : t('methodology.admin.newStage')}
      formId="stage-editor"
      submitting={save.isPending}
      onClose={onClose}
    >
      <Form
        id="stage-editor"
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={stage ? { ...stage, criteria: stage.criteria.map(editableCriterion) } : { code: '', nameZh: '', nameEn: '', probability: 10, kind: 'open', checklist: [], criteria: [] }}
        data-testid="stage-editor-form"
      >
        <Row gutter={12}>
          <Col xs={24} md={6}>
            <Form.Item name="code" label={t('methodology.admin.code')} rules={[{ required: true }]}>
              <Input data-testid="stage-editor-code" />
            </Form.Item>
          </Col>
          <Col xs={24} md={9}>
            <Form.Item name="nameZh" label={t('methodology.admin.nameZh')} rules={[{ required: true }]}>
              <Input data-testid="stage-editor-name-zh" />
            </Form.Item>
          </Col>
          <Col xs={24} md={9}>
            <Form.Item name="nameEn" label={t('methodology.admin.nameEn')} rules={[{ required: true }]}>
              <Input data-testid="stage-editor-name-en" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="probability" label={t('methodology.admin.probability')} rules={[{ required: true }]}>
              <InputNumber min={0} max={100} style={{ width: '100%' }} data-testid="stage-editor-probability" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="kind" label={t('methodology.admin.kind')}>
              <Select options={stageKinds.map((kind) => ({ value: kind, label: t(`methodology.admin.kinds.${kind}`) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">{t('methodology.admin.texts')}</Divider>
        <Row gutter={12}>
          {texts.flatMap((key) => [
            <Col xs={24} md={12} key={`${key}Zh`}>
              <Form.Item name={`${key}Zh`} label={t(`methodology.admin.${key}Zh`)}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
              </Form.Item>
            </Col>,
            <Col xs={24} md={12} key={`${key}En`}>
              <Form.Item name={`${key}En`} label={t(`methodology.admin.${key}En`)}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
              </Form.Item>
            </Col>,
          ])}
        </Row>
        <Divider titlePlacement="start">{t('methodology.admin.checklist')}</Divider>
        <Form.List name="checklist">
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%' }} data-testid="stage-editor-checklist">
              {fields.map((field) => (
                <Row gutter={8} key={field.key} align="top">
                  <Col xs={24} md={5}>
                    <Form.Item name={[field.name, 'key']} rules={[{ required: true }]} tooltip={t('methodology.admin.keyHelp')}>
                      <Input placeholder={t('methodology.admin.checklistKey')} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={9}>
                    <Form.Item name={[field.name, 'labelZh']} rules={[{ required: true }]}>
                      <Input placeholder={t('methodology.admin.checklistLabelZh')} />
                    </Form.Item>
                  </Col>
                  <Col xs={20} md={8}>
                    <Form.Item name={[field.name, 'labelEn']} rules={[{ required: true }]}>
                      <Input placeholder={t('methodology.admin.checklistLabelEn')} />
                    </Form.Item>
                  </Col>
                  <Col xs={4} md={2}>
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(field.name)} />
                  </Col>
                </Row>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ key: '', labelZh: '', labelEn: '' })} data-testid="stage-editor-add-item">
                {t('methodology.admin.addChecklistItem')}
              </Button>
            </Space>
          )}
        </Form.List>
        <Divider titlePlacement="start">{t('methodology.admin.criteria')}</Divider>
        <Form.List name="criteria">
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%' }} data-testid="stage-editor-criteria">
              {fields.map((field) => {
                const type = criteria[field.name]?.type;
                const stageCode = type === 'checklist' ? (criteria[field.name] as { stage?: string }).stage : undefined;
                const owner = earlier.find((entry) => entry.code === stageCode);
                return (
                  <Row gutter={8} key={field.key} align="top">
                    <Col xs={24} md={6}>
                      <Form.Item name={[field.name, 'type']} rules={[{ required: true }]}>
                        <Select
                          placeholder={t('methodology.admin.criterionType')}
                          options={(['field', 'checklist', 'stakeholder', 'record'] as const).map((value) => ({ value, label: t(`methodology.admin.criterionTypes.${value}`) }))}
                        />
                      </Form.Item>
                    </Col>
                    {type === 'field' && (
                      <Col xs={20} md={16}>
                        <Form.Item name={[field.name, 'field']} rules={[{ required: true }]}>
                          <Select placeholder={t('methodology.admin.field')} options={projectGateFields.map((value) => ({ value, label: t(`pipeline.gateFields.${value}`) }))} />
                        </Form.Item>
                      </Col>
                    )}
                    {type === 'checklist' && (
                      <>
                        <Col xs={24} md={6}>
                          <Form.Item name={[field.name, 'stage']} rules={[{ required: true }]}>
                            <Select placeholder={t('methodology.admin.stage')} options={earlier.map((entry) => ({ value: entry.code, label: english ? entry.nameEn : entry.nameZh }))} />
                          </Form.Item>
                        </Col>
                        <Col xs={20} md={10}>
                          <Form.Item name={[field.name, 'item']} rules={[{ required: true }]}>
                            <Select placeholder={t('methodology.admin.item')} options={(owner?.checklist ?? []).map((item) => ({ value: item.key, label: english ? item.labelEn : item.labelZh }))} />
                          </Form.Item>
                        </Col>
                      </>
                    )}
                    {type === 'stakeholder' && (
                      <>
                        <Col xs={24} md={7}>
                          <Form.Item name={[field.name, 'buyingRoles']}>
                            <Select mode="multiple" allowClear placeholder={t('methodology.admin.anyRole')} options={roleOptions} />
                          </Form.Item>
                        </Col>
                        <Col xs={12} md={5}>
                          <Form.Item name={[field.name, 'attitude']}>
                            <Select allowClear placeholder={t('methodology.admin.anyAttitude')} options={attitudeOptions} />
                          </Form.Item>
                        </Col>
                        <Col xs={8} md={4}>
                          <Form.Item name={[field.name, 'minCount']} initialValue={1}>
                            <InputNumber min={1} max={20} aria-label={t('methodology.admin.minCount')} style={{ width: '100%' }} />
                          </Form.Item>
                        </Col>
                      </>
                    )}
                    {type === 'record' && (
                      <>
                        <Col xs={24} md={12}>
                          <Form.Item name={[field.name, 'record']} rules={[{ required: true }]}>
                            <Select placeholder={t('methodology.admin.record')} options={gateRecordKinds.map((value) => ({ value, label: t(`pipeline.recordKinds.${value}`) }))} />
                          </Form.Item>
                        </Col>
                        <Col xs={8} md={4}>
                          <Form.Item name={[field.name, 'minCount']} initialValue={1}>
                            <InputNumber min={1} max={20} aria-label={t('methodology.admin.minCount')} style={{ width: '100%' }} />
                          </Form.Item>
                        </Col>
                      </>
                    )}
                    <Col xs={4} md={2}>
                      <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(field.name)} />
                    </Col>
                  </Row>
                );
              })}
              <Button icon={<PlusOutlined />} onClick={() => add({ type: 'field', field: 'amount' })} data-testid="stage-editor-add-criterion">
                {t('methodology.admin.addCriterion')}
              </Button>
            </Space>
          )}
        </Form.List>
      </Form>
    </FormDrawer>
  );
};
