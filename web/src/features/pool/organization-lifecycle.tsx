// The organisation page's lifecycle card (CUS-4/5/8): stage (editable), grade, pool; release to the pool, hand over.
import { useState } from 'react';
import { App, Button, Descriptions, Select, Space, Typography } from 'antd';
import { InboxOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { organizationStages } from '@openpsm/contracts';
import type { Organization, OrganizationStage } from '@openpsm/contracts';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { usePermission } from '../../lib/session';
import { useFormat } from '../../lib/format';
import { GradeTag } from '../organizations/organization-labels';
import { useUpdateOrganization } from '../organizations/organizations.api';
import { HandoverModal } from '../leads/handover-modal';
import { ReleaseModal } from './release-modal';
import { usePools } from './pool.api';

export const OrganizationLifecycle = ({ organization }: { organization: Organization }) => {
  const format = useFormat();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const canPool = usePermission('pool.view');
  const pools = usePools();
  const update = useUpdateOrganization(organization.id);
  const [releasing, setReleasing] = useState(false);
  const [handing, setHanding] = useState(false);
  const owned = Boolean(organization.owner);
  const canEdit = organization.access.edit;
  const poolName = pools.data?.items.find((pool) => pool.id === organization.poolId)?.name;

  const changeStage = async (stage: OrganizationStage) => {
    try {
      await update.mutateAsync({ stage, version: organization.version });
      void message.success(t('common.saved'));
    } catch (error) {
      handleError(error);
    }
  };

  return (
    <>
      <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
        <Descriptions.Item label={t('lifecycle.stage')}>
          {canEdit ? (
            <Select<OrganizationStage>
              value={organization.stage}
              onChange={changeStage}
              loading={update.isPending}
              style={{ minWidth: 140 }}
              options={organizationStages.map((stage) => ({ value: stage, label: t(`lifecycle.stages.${stage}`) }))}
              data-testid="lifecycle-stage"
            />
          ) : (
            t(`lifecycle.stages.${organization.stage}`)
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('lifecycle.grade')}>
          {organization.grade ? <GradeTag grade={organization.grade} /> : t('lifecycle.notGraded')}
          {organization.gradeScore !== null && (
            <Typography.Text type="secondary" data-testid="lifecycle-grade-score">
              {t('lifecycle.gradeScore', { score: organization.gradeScore, date: organization.gradedAt ? format.dateTime(organization.gradedAt) : '' })}
            </Typography.Text>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('lifecycle.pool')}>{poolName ?? t('lifecycle.notPooled')}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('lifecycle.stageHistory')}
      </Typography.Paragraph>
      {owned && canEdit && (
        <Space wrap>
          <Button icon={<SendOutlined />} onClick={() => setHanding(true)} data-testid="lead-handover">
            {t('lifecycle.handover')}
          </Button>
          {canPool && (
            <Button danger icon={<InboxOutlined />} onClick={() => setReleasing(true)} data-testid="pool-release">
              {t('pool.release')}
            </Button>
          )}
        </Space>
      )}
      <ReleaseModal organization={organization} open={releasing} onClose={() => setReleasing(false)} />
      <HandoverModal organization={organization} open={handing} onClose={() => setHanding(false)} />
    </>
  );
};
