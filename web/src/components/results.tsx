import { Button, Result, Skeleton } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../lib/api-client';
import { errorCodeMessage } from '../lib/api-errors';

export const ForbiddenResult = () => {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('errors.forbidden_page')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
};

export const NotFoundResult = () => {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('errors.not_found_page')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
};

/** A failed page load: 404 means missing or out of scope (the server never tells which), 403 not allowed. */
export const QueryErrorResult = ({ error, onRetry }: { error: unknown; onRetry?: () => void }) => {
  const { t } = useTranslation();
  if (isApiError(error) && error.status === 404) return <NotFoundResult />;
  if (isApiError(error) && error.status === 403) return <ForbiddenResult />;
  return (
    <Result
      status="error"
      title={t('errors.load_failed')}
      subTitle={isApiError(error) ? errorCodeMessage(error.code) : t('errors.unexpected')}
      extra={onRetry && <Button onClick={onRetry}>{t('common.retry')}</Button>}
    />
  );
};

export const PageSkeleton = () => <Skeleton active paragraph={{ rows: 8 }} />;
