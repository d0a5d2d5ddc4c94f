// The activity form in a drawer (ACT-1, ACT-2): the quick log a rep fills in with one thumb right after a visit, the
// same form to plan an activity on the calendar, to edit one, and to complete a planned one as a follow-up record.
// Logging a visit with a photo from a project page takes five taps: the header button, 拜访, the photo, the content,
// save — everything else is prefilled (subject from type and record, start = now, organisation from the project).
import { useRef, useState } from 'react';
import { App, Button, Collapse, DatePicker, Drawer, Flex, Form, Input, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Activity, ActivityInput } from '@openpsm/contracts';
import { useActivityErrorHandler } from './use-activity-error';
import { useIsMobile } from '../../components/use-is-mobile';
import { useFormat } from '../../lib/format';
import { activityKeys, uploadActivityFile, useCreateActivity, useUpdateActivity } from './activities.api';
import { buildActivitySubject, followSubject } from './activity-logic';
import { useActivityTypes } from './activity-labels';
import { ContactsSelect, OrganizationSelect, ProjectSelect, TypeButtons } from './activity-pickers';
import { PhotoPicker, type PendingPhoto } from './photo-picker';
import { shrinkPhoto } from './photo-resize';

type Ref = { id: string; name: string };

/** The record the form is opened from: it prefills the organisation, project and contact. */
export type ActivityContext = { organization?: Ref | null; project?: Ref | null; contact?: Ref | null };

export type ActivityEditorMode = 'log' | 'plan' | 'edit' | 'complete';

type ActivityEditorProps = {
  open: boolean;
  onClose: () => void;
  mode: ActivityEditorMode;
  context?: ActivityContext;
  /** The activity being edited or completed. */
  activity?: Activity;
  /** A slot picked on the calendar (plan). */
  initialTime?: { startsAt: string; endsAt?: string | null; allDay?: boolean };
  onSaved?: (activity: Activity) => void;
};

type Values = {
  type?: string;
  subject?: string;
  startsAt: Dayjs;
  endsAt?: Dayjs | null;
  allDay?: boolean;
  organizationId?: string | null;
  projectId?: string | null;
  contactIds: string[];
  content?: string;
  outcome?: string;
  nextStep?: string;
  nextAt?: Dayjs | null;
};

const FORM_ID = 'activity-editor-form';
const FOLDED_FIELDS = ['subject', 'startsAt', 'endsAt', 'organizationId', 'projectId'] as const;
const textOrNull = (value: string | undefined) => (value && value.trim() ? value.trim() : null);
const knownContactsOf = (activity: Activity | undefined, context: ActivityContext): Ref[] => activity?.contacts ?? (context.contact ? [context.contact] : []);

const EditorForm = ({ mode, context = {}, activity, initialTime, onSaved, onBusy }: Omit<ActivityEditorProps, 'open' | 'onClose'> & { onBusy: (text: string | null) => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const isMobile = useIsMobile();
  const handleError = useActivityErrorHandler();
  const create = useCreateActivity();
  const update = useUpdateActivity();
  const queryClient = useQueryClient();
  const { types } = useActivityTypes();
  const [form] = Form.useForm<Values>();
  const [photos, setPhotos] = useState<PendingPhoto[]>([]);
  // Names of what the form points at, for the proposed subject and the pickers' first render.
  const [names, setNames] = useState({
    organization: activity?.organization ?? context.organization ?? null,
    project: activity?.project ?? context.project ?? null,
  });
  const lastProposal = useRef(activity?.subject ?? '');
  const [moreOpen, setMoreOpen] = useState(false);
  /** The folded section may hide a field the server (or a rule) refused: unfold it so the message is seen. */
  const revealHiddenErrors = () => {
    if (form.getFieldsError([...FOLDED_FIELDS]).some((field) => field.errors.length > 0)) setMoreOpen(true);
  };

  // Read once when the drawer opens; later changes of the props must not reset what the user typed.
  const [initialValues] = useState<Values>(() => {
    if (activity) {
      return {
        type: activity.type,
        subject: activity.subject,
        // Completing a planned activity keeps its time; the rep moves it if it happened at another.
        startsAt: format.toPicker(activity.startsAt),
        endsAt: activity.endsAt ? format.toPicker(activity.endsAt) : null,
        allDay: activity.allDay,
        organizationId: activity.organization?.id ?? null,
        projectId: activity.project?.id ?? null,
        contactIds: activity.contacts.map((contact) => contact.id),
        content: activity.content ?? undefined,
        outcome: activity.outcome ?? undefined,
        nextStep: activity.nextStep ?? undefined,
        nextAt: activity.nextAt ? format.toPicker(activity.nextAt) : null,
      };
    }
    const startsAt = initialTime ? format.toPicker(initialTime.startsAt) : format.toPicker(dayjs());
    const planEnd = initialTime?.endsAt ? format.toPicker(initialTime.endsAt) : mode === 'plan' && !initialTime?.allDay ? startsAt.add(1, 'hour') : null;
    return {
      startsAt,
      endsAt: planEnd,
      allDay: initialTime?.allDay ?? false,
      organizationId: context.organization?.id ?? null,
      projectId: context.project?.id ?? null,
      contactIds: context.contact ? [context.contact.id] : [],
    };
  });

  const organizationId = Form.useWatch('organizationId', form);
  const projectId = Form.useWatch('projectId', form);
  const allDay = Form.useWatch('allDay', form);
  const knownContacts = knownContactsOf(activity, context);

  const [contactNames, setContactNames] = useState<Ref[]>(knownContacts);

  /** Proposes the subject again from what is chosen now, unless the user wrote their own. */
  const refreshSubject = (patch: { type?: string; organization?: Ref | null; project?: Ref | null; contacts?: Ref[] } = {}) => {
    const type = patch.type ?? form.getFieldValue('type');
    const organization = patch.organization !== undefined ? patch.organization : names.organization;
    const project = patch.project !== undefined ? patch.project : names.project;
    const people = (patch.contacts ?? contactNames).map((contact) => contact.name);
    const proposal = buildActivitySubject({
      typeLabel: types.find((item) => item.code === type)?.label,
      organizationName: organization?.name,
      projectName: project?.name,
      contactNames: project ? [] : people,
    });
    form.setFieldValue('subject', followSubject(form.getFieldValue('subject'), lastProposal.current, proposal));
    lastProposal.current = proposal;
  };

  const submit = async (values: Values) => {
    const fields = {
      type: values.type ?? '',
      subject: (values.subject ?? '').trim() || lastProposal.current,
      startsAt: format.fromPicker(values.allDay ? values.startsAt.startOf('day') : values.startsAt),
      endsAt: values.endsAt ? format.fromPicker(values.endsAt) : null,
      allDay: Boolean(values.allDay),
      organizationId: values.organizationId ?? null,
      projectId: values.projectId ?? null,
      contactIds: values.contactIds ?? [],
      content: textOrNull(values.content),
      outcome: mode === 'plan' ? undefined : textOrNull(values.outcome),
      nextStep: mode === 'plan' ? undefined : textOrNull(values.nextStep),
      nextAt: mode === 'plan' ? undefined : values.nextAt ? format.fromPicker(values.nextAt) : null,
    } satisfies Partial<ActivityInput>;
    let saved: Activity;
    try {
      onBusy(t('activities.editor.saving'));
      if (activity) {
        saved = await update.mutateAsync({ id: activity.id, version: activity.version, ...fields, ...(mode === 'complete' ? { status: 'done' as const } : {}) });
      } else {
        saved = await create.mutateAsync({ ...fields, status: mode === 'plan' ? 'planned' : 'done' });
      }
    } catch (error) {
      onBusy(null);
      handleError(error, { form, recordType: 'activity' });
      revealHiddenErrors();
      return;
    }
    // The activity is saved; a photo that fails to go up is reported, and can be added again on the activity.
    let failed = 0;
    for (const [index, photo] of photos.entries()) {
      onBusy(t('activities.photos.uploading', { index: index + 1, total: photos.length }));
      try {
        await uploadActivityFile(saved.id, await shrinkPhoto(photo.file));
      } catch {
        failed += 1;
      }
    }
    onBusy(null);
    // The lists were read again when the activity was saved, before its photos were there.
    if (photos.length > failed) void queryClient.invalidateQueries({ queryKey: activityKeys.all });
    if (failed > 0) void message.warning(t('activities.photos.failed', { count: failed }));
    void message.success(t(mode === 'plan' ? 'activities.editor.planned' : mode === 'edit' ? 'activities.editor.updated' : 'activities.editor.logged'));
    onSaved?.(photos.length > failed ? { ...saved, attachmentCount: saved.attachmentCount + photos.length - failed } : saved);
  };

  const inputSize = isMobile ? 'large' : 'middle';
  const showResult = mode !== 'plan';
  const targetPrefilled = mode === 'log' && Boolean(context.organization || context.project);

  const targetFields = (
    <>
      <Form.Item
        name="organizationId"
        label={t('activities.fields.organization')}
        rules={[
          {
            validator: (_rule, value) =>
              value || form.getFieldValue('projectId') ? Promise.resolve() : Promise.reject(new Error(t('activities.editor.needTarget'))),
          },
        ]}
      >
        <OrganizationSelect
          known={[names.organization]}
          onChange={(id, picked) => {
            form.setFieldsValue({ organizationId: id, contactIds: [] });
            // A project of another organisation no longer fits.
            if (names.project) form.setFieldValue('projectId', null);
            const organization = id && picked ? picked : null;
            setNames({ organization, project: null });
            setContactNames([]);
            refreshSubject({ organization, project: null, contacts: [] });
          }}
          data-testid="activity-organization"
        />
      </Form.Item>
      <Form.Item name="projectId" label={t('activities.fields.project')}>
        <ProjectSelect
          organizationId={organizationId}
          known={[names.project]}
          onChange={(id, project) => {
            form.setFieldValue('projectId', id);
            const next = { organization: names.organization, project: project ? { id: project.id, name: project.name } : null };
            // The project's organisation is the activity's when none is chosen yet.
            if (project?.organization && !form.getFieldValue('organizationId')) {
              form.setFieldValue('organizationId', project.organization.id);
              next.organization = project.organization;
            }
            setNames(next);
            refreshSubject(next);
            void form.validateFields(['organizationId']).catch(() => undefined);
          }}
          data-testid="activity-project"
        />
      </Form.Item>
    </>
  );

  const subjectAndTime = (
    <>
      <Form.Item name="subject" label={t('activities.fields.subject')} rules={[{ max: 200 }]}>
        <Input size={inputSize} maxLength={200} placeholder={t('activities.editor.subjectPlaceholder')} data-testid="activity-subject" />
      </Form.Item>
      <Flex gap={8} wrap>
        <Form.Item name="startsAt" label={t('activities.fields.startsAt')} rules={[{ required: true, message: t('validation.required') }]} style={{ flex: '1 1 180px' }}>
          <DatePicker showTime={allDay ? false : { format: 'HH:mm' }} format={allDay ? format.dateFormat : format.dateTimeFormat} size={inputSize} style={{ width: '100%' }} allowClear={false} data-testid="activity-starts-at" />
        </Form.Item>
        {!allDay && (
          <Form.Item
            name="endsAt"
            label={t('activities.fields.endsAt')}
            dependencies={['startsAt']}
            rules={[
              {
                validator: (_rule, value: Dayjs | null) =>
                  !value || value.isAfter(form.getFieldValue('startsAt')) ? Promise.resolve() : Promise.reject(new Error(t('validation.ends_before_start'))),
              },
            ]}
            style={{ flex: '1 1 180px' }}
          >
            <DatePicker showTime={{ format: 'HH:mm' }} format={format.dateTimeFormat} size={inputSize} style={{ width: '100%' }} data-testid="activity-ends-at" />
          </Form.Item>
        )}
      </Flex>
      {mode === 'plan' && (
        <Form.Item name="allDay" label={t('activities.fields.allDay')} valuePropName="checked">
          <Switch />
        </Form.Item>
      )}
    </>
  );

  return (
    <Form<Values>
      id={FORM_ID}
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={(values) => void submit(values)}
      onFinishFailed={revealHiddenErrors}
      requiredMark={false}
      scrollToFirstError
      data-testid="activity-editor"
    >
      <Form.Item name="type" label={t('activities.fields.type')} rules={[{ required: true, message: t('activities.editor.needType') }]}>
        <TypeButtons
          onChange={(type) => {
            form.setFieldValue('type', type);
            void form.validateFields(['type']).catch(() => undefined);
            refreshSubject({ type });
          }}
        />
      </Form.Item>
      {targetPrefilled ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }} data-testid="activity-target">
          {[names.organization?.name, names.project?.name].filter(Boolean).join(' · ')}
        </Typography.Paragraph>
      ) : (
        targetFields
      )}
      {(mode === 'plan' || mode === 'edit') && subjectAndTime}
      <Form.Item name="content" label={t(mode === 'plan' ? 'activities.fields.agenda' : 'activities.fields.content')} rules={[{ max: 10_000 }]}>
        <Input.TextArea
          autoSize={{ minRows: 3, maxRows: 10 }}
          maxLength={10_000}
          placeholder={t(mode === 'plan' ? 'activities.editor.agendaPlaceholder' : 'activities.editor.contentPlaceholder')}
          style={{ fontSize: 16 }}
          data-testid="activity-content"
        />
      </Form.Item>
      {mode !== 'plan' && (
        <Form.Item label={t('activities.fields.photos')}>
          <PhotoPicker photos={photos} onChange={setPhotos} />
        </Form.Item>
      )}
      <Form.Item name="contactIds" label={t('activities.fields.contacts')}>
        <ContactsSelect
          organizationId={organizationId}
          projectId={projectId}
          known={knownContacts}
          size={inputSize}
          onChange={(_ids, chosen) => {
            setContactNames(chosen);
            refreshSubject({ contacts: chosen });
          }}
        />
      </Form.Item>
      {showResult && (
        <>
          <Form.Item name="outcome" label={t('activities.fields.outcome')} rules={[{ max: 2000 }]}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} maxLength={2000} placeholder={t('activities.editor.outcomePlaceholder')} style={{ fontSize: 16 }} data-testid="activity-outcome" />
          </Form.Item>
          <Flex gap={8} wrap>
            <Form.Item
              name="nextStep"
              label={t('activities.fields.nextStep')}
              dependencies={['nextAt']}
              rules={[{ max: 500 }, { validator: (_rule, value) => (value?.trim() || !form.getFieldValue('nextAt') ? Promise.resolve() : Promise.reject(new Error(t('activities.editor.needNextStep')))) }]}
              style={{ flex: '2 1 220px' }}
            >
              <Input size={inputSize} maxLength={500} placeholder={t('activities.editor.nextStepPlaceholder')} data-testid="activity-next-step" />
            </Form.Item>
            <Form.Item name="nextAt" label={t('activities.fields.nextAt')} extra={t('activities.editor.nextAtHelp')} style={{ flex: '1 1 160px' }}>
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format={format.dateTimeFormat}
                size={inputSize}
                style={{ width: '100%' }}
                presets={[
                  { label: t('activities.editor.tomorrow'), value: format.toPicker(dayjs()).add(1, 'day').hour(9).minute(0).second(0) },
                  { label: t('activities.editor.inThreeDays'), value: format.toPicker(dayjs()).add(3, 'day').hour(9).minute(0).second(0) },
                  { label: t('activities.editor.nextWeek'), value: format.toPicker(dayjs()).add(7, 'day').hour(9).minute(0).second(0) },
                ]}
                inputReadOnly={isMobile}
                data-testid="activity-next-at"
              />
            </Form.Item>
          </Flex>
        </>
      )}
      {(mode === 'log' || mode === 'complete') && (
        <Collapse
          ghost
          size="small"
          activeKey={moreOpen ? ['more'] : []}
          onChange={(keys) => setMoreOpen(keys.includes('more'))}
          items={[
            {
              key: 'more',
              label: t('activities.editor.more'),
              forceRender: true,
              children: (
                <>
                  {subjectAndTime}
                  {targetPrefilled && targetFields}
                </>
              ),
            },
          ]}
          data-testid="activity-more"
        />
      )}
    </Form>
  );
};

const titles: Record<ActivityEditorMode, 'activities.editor.logTitle' | 'activities.editor.planTitle' | 'activities.editor.editTitle' | 'activities.editor.completeTitle'> = {
  log: 'activities.editor.logTitle',
  plan: 'activities.editor.planTitle',
  edit: 'activities.editor.editTitle',
  complete: 'activities.editor.completeTitle',
};

export const ActivityEditor = ({ open, onClose, ...props }: ActivityEditorProps) => {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const [busy, setBusy] = useState<string | null>(null);
  return (
    <Drawer
      open={open}
      title={t(titles[props.mode])}
      onClose={busy ? undefined : onClose}
      maskClosable={!busy}
      size={isMobile ? '100%' : 600}
      destroyOnHidden
      styles={{ body: { paddingTop: 12 } }}
      footer={
        <Flex justify="flex-end" gap={8}>
          {!isMobile && (
            <Button onClick={onClose} disabled={Boolean(busy)}>
              {t('common.cancel')}
            </Button>
          )}
          <Button type="primary" htmlType="submit" form={FORM_ID} loading={Boolean(busy)} size={isMobile ? 'large' : 'middle'} block={isMobile} data-testid="activity-save">
            {busy ?? t(props.mode === 'complete' ? 'activities.editor.completeSubmit' : 'common.save')}
          </Button>
        </Flex>
      }
      data-testid="activity-editor-drawer"
    >
      <EditorForm
        {...props}
        onBusy={setBusy}
        onSaved={(activity) => {
          props.onSaved?.(activity);
          onClose();
        }}
      />
    </Drawer>
  );
};
