import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { organizationGrades, organizationTypes } from '@openpsm/contracts';
import type { OrganizationType } from '@openpsm/contracts';

const typeColors: Record<OrganizationType, string> = {
  owner: 'volcano',
  general_contractor: 'orange',
  supplier: 'cyan',
  design_institute: 'purple',
  distributor: 'geekblue',
  terminal: 'green',
  competitor: 'red',
  partner: 'blue',
};

const gradeColors: Record<string, string> = { A: 'gold', B: 'blue', C: 'default' };

export const OrganizationTypeTag = ({ type }: { type: OrganizationType }) => {
  const { t } = useTranslation();
  return (
    <Tag color={typeColors[type]} style={{ marginInlineEnd: 0 }}>
      {t(`organizations.types.${type}`)}
    </Tag>
  );
};

export const GradeTag = ({ grade }: { grade: string | null }) => {
  const { t } = useTranslation();
  if (!grade) return null;
  return <Tag color={gradeColors[grade]}>{t('organizations.gradeLabel', { grade })}</Tag>;
};

export const useOrganizationTypeOptions = () => {
  const { t } = useTranslation();
  return organizationTypes.map((type) => ({ value: type, label: t(`organizations.types.${type}`) }));
};

export const gradeOptions = organizationGrades.map((grade) => ({ value: grade, label: grade }));
