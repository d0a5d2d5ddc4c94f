// The registration check while a project is typed (PRJ-13): protected projects of the same owner with a similar site
// and name show under the name, with whose they are and until when — before anyone presses save.
import { useMemo } from 'react';
import { Alert, Flex, Form, List, Spin, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { RegistrationCheckQuery } from '@openpsm/contracts';
import { useDebouncedValue } from '../../components/use-debounced-value';
import { useFormat } from '../../lib/format';
import { useRegistrationCheck } from './registration.api';

type ProjectRegistrationHintProps = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form holding name / organizationId / site
  form: FormInstance<any>;
  /** The project being edited: not its own conflict. */
  projectId?: string;
};

export const ProjectRegistrationHint = ({ form, projectId }: ProjectRegistrationHintProps) => {
  const { t } = useTranslation();
  const format = useFormat();
  const name = Form.useWatch<string | undefined>('name', form);
  const organizationId = Form.useWatch<string | undefined>('organizationId', form);
  const site = Form.useWatch<string | undefined>('site', form);
  // Debounced as text: a request per pause in typing, not per character.
  const typed = JSON.stringify({ organizationId: organizationId || undefined, name: name?.trim() || undefined, site: site?.trim() || undefined, excludeId: projectId });
  const settled = useDebouncedValue(typed, 400);
  const query = useMemo(() => JSON.parse(settled) as Partial<RegistrationCheckQuery>, [settled]);
  const check = useRegistrationCheck(query);
  const matches = check.data?.items ?? [];

  if (check.isFetching && matches.length === 0) {
    return (
      <Flex gap={8} align="center" style={{ marginBottom: 16 }} data-testid="registration-checking">
        <Spin size="small" />
        <Typography.Text type="secondary">{t('registration.checking')}</Typography.Text>
      </Flex>
    );
  }
  if (!query.organizationId || matches.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="registration-hint"
      title={t('registration.found', { count: matches.length })}
      description={
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('registration.foundHelp')}
          </Typography.Paragraph>
          <List
            size="small"
            dataSource={matches}
            renderItem={(match) => (
              <List.Item data-testid="registration-match" style={{ paddingInline: 0 }}>
                <Flex gap={8} wrap align="center">
                  {match.accessible && match.id ? (
                    <Link to={`/projects/${match.id}`} target="_blank">
                      {match.number} {match.name}
                    </Link>
                  ) : (
                    <Typography.Text>
                      {match.name} <Typography.Text type="secondary">{t('registration.hidden')}</Typography.Text>
                    </Typography.Text>
                  )}
                  {match.ownerName && <Tag>{t('registration.owner', { name: match.ownerName })}</Tag>}
                  {match.protectedUntil && (
                    <Tag color="orange" data-testid="registration-protected-until">
                      {t('registration.protectedUntil', { date: format.date(match.protectedUntil) })}
                    </Tag>
                  )}
                  <Typography.Text type="secondary">{t('registration.score', { score: Math.round(match.score * 100) + '%' })}</Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        </>
      }
    />
  );
};
