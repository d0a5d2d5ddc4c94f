// Business refusals of activities and tasks (409 / 422, e.g. "already checked in") name their reason in the problem's
// field code; the reader gets that reason rather than the generic "conflict" / "business rule" sentence.
import { useCallback } from 'react';
import { App } from 'antd';
import { isApiError } from '../../lib/api-client';
import { validationMessage } from '../../lib/api-errors';
import { useApiErrorHandler } from '../../components/use-api-error-handler';

type Options = Parameters<ReturnType<typeof useApiErrorHandler>>[1];

export const useActivityErrorHandler = () => {
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  return useCallback(
    (error: unknown, options?: Options) => {
      const reason = isApiError(error) && (error.status === 409 || error.status === 422) && error.code !== 'stale_version' ? error.fieldErrors[0] : undefined;
      if (reason) void message.error(validationMessage(reason));
      else handleError(error, options);
    },
    [handleError, message],
  );
};
