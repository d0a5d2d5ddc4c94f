import type { ReactNode } from 'react';
import { Button, Flex, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';

type PageHeaderProps = {
  title: ReactNode;
  subtitle?: ReactNode;
  /** Buttons on the right; they wrap under the title on narrow screens. */
  extra?: ReactNode;
  backTo?: string;
  tags?: ReactNode;
};

export const PageHeader = ({ title, subtitle, extra, backTo, tags }: PageHeaderProps) => {
  const navigate = useNavigate();
  const { t } = useTranslation();
  return (
    <Flex justify="space-between" align="flex-start" gap={12} wrap style={{ marginBottom: 16 }}>
      <Flex align="flex-start" gap={8} style={{ minWidth: 0, flex: '1 1 260px' }}>
        {backTo && (
          <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('common.back')} onClick={() => navigate(backTo)} />
        )}
        <div style={{ minWidth: 0 }}>
          <Flex align="center" gap={8} wrap>
            <Typography.Title level={4} style={{ margin: 0, wordBreak: 'break-word' }}>
              {title}
            </Typography.Title>
            {tags}
          </Flex>
          {subtitle && <Typography.Text type="secondary">{subtitle}</Typography.Text>}
        </div>
      </Flex>
      {extra && (
        <Flex gap={8} wrap>
          {extra}
        </Flex>
      )}
    </Flex>
  );
};
