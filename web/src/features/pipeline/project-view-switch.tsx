// List ⇄ board: the projects list (/projects) and the pipeline board (/pipeline) are two views of the same projects.
// Exported for the projects list page to show the same switch.
import { Segmented } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';

export const ProjectViewSwitch = ({ current }: { current: 'list' | 'board' }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Segmented
      value={current}
      onChange={(value) => {
        if (value !== current) navigate(value === 'list' ? '/projects' : '/pipeline');
      }}
      options={[
        { value: 'list', label: <span data-testid="project-view-list">{t('pipeline.viewList')}</span> },
        { value: 'board', label: <span data-testid="project-view-board">{t('pipeline.viewBoard')}</span> },
      ]}
      data-testid="project-view-switch"
    />
  );
};
