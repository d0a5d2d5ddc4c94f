import { Button, Result } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';
import { NotFoundResult } from '../components/results';

/** A render error or a page chunk that failed to load (often after a deploy): offer a reload. */
export const RouteErrorResult = () => {
  const error = useRouteError();
  const { t } = useTranslation();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundResult />;
  console.error(error);
  return (
    <Result
      status="error"
      title={t('errors.page_crashed')}
      subTitle={error instanceof Error ? error.message : undefined}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('common.reload')}
        </Button>
      }
    />
  );
};
