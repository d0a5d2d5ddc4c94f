// The unmet entry criteria of a refused move, in the reader's language: each carries a code and its parameters
// (methodology.ts gateCriterionStatusSchema), so the text is built here, never sent by the server.
import { List, Typography } from 'antd';
import { CloseCircleTwoTone } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { GateCriterionStatus } from '@openpsm/contracts';
import { translateDynamic } from '../../lib/i18n';

type StageNames = Map<string, { nameZh: string; nameEn: string }>;

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** One criterion as a sentence; `stages` names the stages by code for checklist items of earlier stages. */
export const useCriterionText = (stages: StageNames) => {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const stageName = (code: string) => {
    const stage = stages.get(code);
    return stage ? (english ? stage.nameEn : stage.nameZh) : code;
  };
  return (status: GateCriterionStatus): string => {
    const params = status.params ?? {};
    switch (status.code) {
      case 'field_missing':
        return t('pipeline.criteria.field_missing', { field: translateDynamic(`pipeline.gateFields.${text(params.field)}`, text(params.field)) });
      case 'checklist_item_open':
        return t('pipeline.criteria.checklist_item_open', {
          stage: stageName(text(params.stage ?? status.stageCode)),
          item: text(english ? (params.labelEn ?? params.item) : (params.labelZh ?? params.item)),
        });
      case 'stakeholder_missing': {
        const roles = (Array.isArray(params.buyingRoles) ? params.buyingRoles : params.buyingRole ? [params.buyingRole] : []).map((role) =>
          translateDynamic(`contacts.buyingRoles.${text(role)}`, text(role)),
        );
        const attitude = params.attitude
          ? t('pipeline.criteria.withAttitude', { attitude: translateDynamic(`contacts.attitudes.${text(params.attitude)}`, text(params.attitude)) })
          : '';
        const who = `${attitude}${roles.length ? roles.join(' / ') : t('pipeline.criteria.anyContact')}`;
        return t('pipeline.criteria.stakeholder_missing', { minCount: text(params.minCount ?? 1), actual: text(params.actual ?? 0), who });
      }
      case 'record_missing':
        return t('pipeline.criteria.record_missing', {
          minCount: text(params.minCount ?? 1),
          actual: text(params.actual ?? 0),
          record: translateDynamic(`pipeline.recordKinds.${text(params.record)}`, text(params.record)),
        });
      default:
        return t('pipeline.criteria.unknown', { code: text((status as { code?: unknown }).code) });
    }
  };
};

type Props = { unmet: GateCriterionStatus[]; stages: StageNames };

/** Grouped by the stage whose gate holds them, in the order the server gave. */
export const UnmetCriteria = ({ unmet, stages }: Props) => {
  const { t, i18n } = useTranslation();
  const describe = useCriterionText(stages);
  const english = i18n.language === 'en';
  return (
    <List
      size="small"
      data-testid="pipeline-unmet-list"
      dataSource={unmet}
      renderItem={(status, index) => {
        const stage = stages.get(status.stageCode);
        return (
          <List.Item key={`${status.stageId}-${index}`} data-testid="pipeline-unmet-item" data-code={status.code}>
            <List.Item.Meta
              avatar={<CloseCircleTwoTone twoToneColor="#ff4d4f" />}
              title={describe(status)}
              description={
                <Typography.Text type="secondary">
                  {t('pipeline.drawer.stageOf', { stage: stage ? (english ? stage.nameEn : stage.nameZh) : status.stageCode })}
                </Typography.Text>
              }
            />
          </List.Item>
        );
      }}
    />
  );
};
