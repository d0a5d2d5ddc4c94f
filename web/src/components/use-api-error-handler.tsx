// One way to report a failed request: form fields for 400, a reload prompt for stale versions, a message otherwise.
import { useCallback } from 'react';
import { App } from 'antd';
import type { FormInstance } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../lib/api-client';
import { errorCodeMessage, toFieldPath, toFormFieldErrors, validationMessage } from '../lib/api-errors';
import type { FieldPath } from '../lib/api-errors';
import { translateDynamic } from '../lib/i18n';

type HandleOptions = {
  /** The form whose fields should show the 400 errors. */
  form?: FormInstance;
  /** Called when the reader chooses to reload after a stale version; all queries refetch by default. */
  onReload?: () => void;
  /** Label prefix for field names in messages (`fields.<recordType>.<name>`). */
  recordType?: string;
};

export const useApiErrorHandler = () => {
  const { message, modal } = App.useApp();
  const { t } = useTranslation();
  const queryClient = useQueryClient();

  return useCallback(
    (error: unknown, options: HandleOptions = {}) => {
      if (!isApiError(error)) {
        console.error(error);
        void message.error(t('errors.unexpected'));
        return;
      }
      // The client already sends the reader to /login.
      if (error.status === 401 && error.code !== 'invalid_credentials') return;

      if (error.code === 'stale_version') {
        modal.confirm({
          title: t('errors.staleTitle'),
          content: t('errors.stale_version'),
          okText: t('common.reload'),
          cancelText: t('common.cancel'),
          onOk: () => {
            if (options.onReload) options.onReload();
            void queryClient.invalidateQueries();
          },
        });
        return;
      }

      if (error.status === 400 && error.fieldErrors.length > 0) {
        const registered = new Set((options.form?.getFieldsError() ?? []).map((field) => field.name.join('.')));
        const isShown = (path: FieldPath) => registered.has(path.join('.'));
        const shown = toFormFieldErrors(error).filter((field) => isShown(field.name));
        if (options.form && shown.length > 0) options.form.setFields(shown);
        const hidden = error.fieldErrors.filter((problem) => !isShown(toFieldPath(problem.path)));
        if (hidden.length === 0) {
          void message.error(t('errors.validation_failed'));
          return;
        }
        const lines = hidden.map((problem) => {
          const label = problem.path
            ? translateDynamic(`fields.${options.recordType ?? 'common'}.${problem.path.split(/[./]/)[0]}`, problem.path)
            : '';
          return label ? `${label}: ${validationMessage(problem)}` : validationMessage(problem);
        });
        void message.error(lines.join('; '));
        return;
      }

      void message.error(errorCodeMessage(error.code));
    },
    [message, modal, queryClient, t],
  );
};
