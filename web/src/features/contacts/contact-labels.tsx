// Tags and choices for a contact's buying role, attitude and relationship level.
import { Rate, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { buyingRoles, contactAttitudes } from '@openpsm/contracts';
import type { BuyingRole, ContactAttitude } from '@openpsm/contracts';

const roleColors: Record<BuyingRole, string> = {
  decision_maker: 'magenta',
  technical_evaluator: 'geekblue',
  user: 'cyan',
  procurement: 'orange',
  finance: 'gold',
  coach: 'purple',
};
const attitudeColors: Record<ContactAttitude, string> = { supporter: 'green', neutral: 'default', opponent: 'red' };
export const relationshipLevels = ['1', '2', '3', '4', '5'] as const;

export const BuyingRoleTag = ({ role }: { role: BuyingRole | null }) => {
  const { t } = useTranslation();
  if (!role) return null;
  return <Tag color={roleColors[role]}>{t(`contacts.buyingRoles.${role}`)}</Tag>;
};

export const AttitudeTag = ({ attitude }: { attitude: ContactAttitude | null }) => {
  const { t } = useTranslation();
  if (!attitude) return null;
  return <Tag color={attitudeColors[attitude]}>{t(`contacts.attitudes.${attitude}`)}</Tag>;
};

/** Five stars read at a glance; the word says what the level means. */
export const RelationshipLevel = ({ level }: { level: number | null }) => {
  const { t } = useTranslation();
  if (!level) return null;
  const key = String(level) as (typeof relationshipLevels)[number];
  return (
    <Tooltip title={t(`contacts.levels.${key}`)}>
      <span>
        <Rate disabled count={5} value={level} style={{ fontSize: 12 }} />
      </span>
    </Tooltip>
  );
};

export const useBuyingRoleOptions = () => {
  const { t } = useTranslation();
  return buyingRoles.map((role) => ({ value: role, label: t(`contacts.buyingRoles.${role}`) }));
};

export const useAttitudeOptions = () => {
  const { t } = useTranslation();
  return contactAttitudes.map((attitude) => ({ value: attitude, label: t(`contacts.attitudes.${attitude}`) }));
};

export const useRelationshipLevelOptions = () => {
  const { t } = useTranslation();
  return relationshipLevels.map((level) => ({ value: Number(level), label: `${level} · ${t(`contacts.levels.${level}`)}` }));
};
