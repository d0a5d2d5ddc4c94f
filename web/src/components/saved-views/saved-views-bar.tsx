// Saved views above a list (PLAT-9): choose one (its filters and sort go into the URL the list reads, its columns
// to the list), save the current state, overwrite, rename, make default, delete. The default view applies when the
// list opens without state of its own.
import { useEffect, useMemo, useRef, useState } from 'react';
import { App, Button, Checkbox, Dropdown, Flex, Form, Input, Modal, Select, Tag, Tooltip, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { DeleteOutlined, EditOutlined, MoreOutlined, SaveOutlined, StarFilled, StarOutlined, SyncOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SavedView, ViewListKey } from '@openpsm/contracts';
import { isApiError } from '../../lib/api-client';
import { useApiErrorHandler } from '../use-api-error-handler';
import { useIsMobile } from '../use-is-mobile';
import { useCreateView, useDeleteView, useSavedViews, useUpdateView } from './saved-views.api';
import { isPristine, searchParamsOf, viewMatches, viewStateOf } from './view-state';

type SavedViewsBarProps = {
  listKey: ViewListKey;
  /** The list's default sort (not written to the URL), as given to useListParams. */
  defaultSort?: string;
  /** The columns the list shows now, and how to show a view's columns; leave out for lists without a chooser. */
  columns?: string[];
  onApplyColumns?: (columns: string[]) => void;
};

type NameForm = { name: string; isDefault?: boolean };

export const SavedViewsBar = ({ listKey, defaultSort, columns = [], onApplyColumns }: SavedViewsBarProps) => {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const isMobile = useIsMobile();
  const handleError = useApiErrorHandler();
  const [searchParams, setSearchParams] = useSearchParams();
  const views = useSavedViews(listKey);
  const createView = useCreateView(listKey);
  const updateView = useUpdateView(listKey);
  const deleteView = useDeleteView(listKey);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'save' | 'rename' | null>(null);
  const [form] = Form.useForm<NameForm>();

  // The chosen view while the URL still shows it; else any view the URL happens to show.
  const active = useMemo(() => {
    const list = views.data ?? [];
    const chosen = list.find((view) => view.id === chosenId);
    if (chosen && viewMatches(chosen, searchParams, defaultSort)) return chosen;
    return list.find((view) => viewMatches(view, searchParams, defaultSort) && !isPristine(searchParams)) ?? null;
  }, [views.data, chosenId, searchParams, defaultSort]);

  const apply = (view: SavedView) => {
    setChosenId(view.id);
    setSearchParams(searchParamsOf(view, searchParams, defaultSort), { replace: true });
    if (onApplyColumns && view.columns.length > 0) onApplyColumns(view.columns);
  };

  // The default view, once, when the list opens without filters or sort of its own (a shared link keeps its state).
  const defaultChecked = useRef(false);
  useEffect(() => {
    if (defaultChecked.current || !views.data) return;
    defaultChecked.current = true;
    const preferred = views.data.find((view) => view.isDefault);
    if (preferred && isPristine(searchParams)) apply(preferred);
    // Runs when the views arrive; later URL changes are the reader's.
  }, [views.data]);

  const showAll = () => {
    setChosenId(null);
    const next = new URLSearchParams();
    const pageSize = searchParams.get('pageSize');
    if (pageSize) next.set('pageSize', pageSize);
    setSearchParams(next, { replace: true });
  };

  const reportNameError = (error: unknown) => {
    if (isApiError(error) && error.code === 'already_exists') form.setFields([{ name: 'name', errors: [t('savedViews.nameTaken')] }]);
    else handleError(error, { form });
  };

  const submitName = async (values: NameForm) => {
    try {
      if (dialog === 'rename' && active) {
        await updateView.mutateAsync({ id: active.id, name: values.name, version: active.version });
      } else {
        const state = viewStateOf(searchParams, defaultSort);
        const created = await createView.mutateAsync({ name: values.name, isDefault: Boolean(values.isDefault), filters: state.filters, sort: state.sort, columns });
        setChosenId((created as SavedView).id);
        void message.success(t('savedViews.saved'));
      }
      setDialog(null);
    } catch (error) {
      reportNameError(error);
    }
  };

  const run = async (action: () => Promise<unknown>, done?: string) => {
    try {
      await action();
      if (done) void message.success(done);
    } catch (error) {
      handleError(error);
    }
  };

  const manageItems: MenuProps['items'] = active
    ? [
        {
          key: 'overwrite',
          icon: <SyncOutlined />,
          label: t('savedViews.update'),
          onClick: () => {
            const state = viewStateOf(searchParams, defaultSort);
            void run(() => updateView.mutateAsync({ id: active.id, version: active.version, filters: state.filters, sort: state.sort, columns }), t('savedViews.updated'));
          },
        },
        {
          key: 'rename',
          icon: <EditOutlined />,
          label: t('savedViews.rename'),
          onClick: () => setDialog('rename'),
        },
        {
          key: 'default',
          icon: active.isDefault ? <StarOutlined /> : <StarFilled />,
          label: active.isDefault ? t('savedViews.unsetDefault') : t('savedViews.setDefault'),
          onClick: () => void run(() => updateView.mutateAsync({ id: active.id, version: active.version, isDefault: !active.isDefault })),
        },
        { type: 'divider' },
        {
          key: 'delete',
          danger: true,
          icon: <DeleteOutlined />,
          label: t('savedViews.delete'),
          onClick: () =>
            modal.confirm({
              title: t('savedViews.deleteConfirm', { name: active.name }),
              okButtonProps: { danger: true },
              okText: t('savedViews.delete'),
              cancelText: t('common.cancel'),
              onOk: () => run(() => deleteView.mutateAsync(active.id), t('savedViews.deleted')),
            }),
        },
      ]
    : [];

  const options = (views.data ?? []).map((view) => ({
    value: view.id,
    label: (
      <Flex align="center" gap={6} data-testid="saved-views-option">
        <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{view.name}</span>
        {view.isDefault && (
          <Tag color="gold" bordered={false} style={{ marginInlineEnd: 0 }}>
            {t('savedViews.defaultTag')}
          </Tag>
        )}
      </Flex>
    ),
    title: view.name,
  }));

  return (
    <Flex align="center" gap={8} wrap style={{ marginBottom: 12 }} data-testid="saved-views">
      <Typography.Text type="secondary">{t('savedViews.label')}</Typography.Text>
      <Select
        value={active?.id ?? null}
        placeholder={views.isError ? t('savedViews.loadFailed') : t('savedViews.choose')}
        loading={views.isPending}
        status={views.isError ? 'error' : undefined}
        allowClear
        onChange={(id: string | null | undefined) => {
          const view = views.data?.find((candidate) => candidate.id === id);
          // Clearing the choice shows the whole list again.
          if (view) apply(view);
          else showAll();
        }}
        options={options}
        notFoundContent={<Typography.Text type="secondary">{t('savedViews.empty')}</Typography.Text>}
        style={{ width: isMobile ? 180 : 220 }}
        aria-label={t('savedViews.choose')}
        data-testid="saved-views-select"
      />
      <Tooltip title={t('savedViews.saveHelp')}>
        <Button
          icon={<SaveOutlined />}
          onClick={() => setDialog('save')}
          data-testid="saved-views-save"
        >
          {isMobile ? null : t('savedViews.save')}
        </Button>
      </Tooltip>
      {active && (
        <Dropdown menu={{ items: manageItems }} trigger={['click']}>
          <Button icon={<MoreOutlined />} aria-label={t('savedViews.manage')} data-testid="saved-views-manage" />
        </Dropdown>
      )}
      <Modal
        open={dialog !== null}
        title={dialog === 'rename' ? t('savedViews.renameTitle') : t('savedViews.saveTitle')}
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={createView.isPending || updateView.isPending}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'saved-views-confirm' } as Record<string, string>}
      >
        <Form<NameForm>
          form={form}
          layout="vertical"
          initialValues={dialog === 'rename' ? { name: active?.name } : { name: '', isDefault: false }}
          onFinish={(values) => void submitName(values)}
          preserve={false}
        >
          {dialog === 'save' && <Typography.Paragraph type="secondary">{t('savedViews.saveHelp')}</Typography.Paragraph>}
          <Form.Item name="name" label={t('savedViews.name')} rules={[{ required: true, whitespace: true, message: t('savedViews.nameRequired') }, { max: 60 }]}>
            <Input autoFocus maxLength={60} data-testid="saved-views-name" />
          </Form.Item>
          {dialog === 'save' && (
            <Form.Item name="isDefault" valuePropName="checked" extra={t('savedViews.defaultHelp')}>
              <Checkbox data-testid="saved-views-default">{t('savedViews.makeDefault')}</Checkbox>
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Flex>
  );
};
