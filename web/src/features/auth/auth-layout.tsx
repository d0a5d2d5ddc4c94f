import type { ReactNode } from 'react';
import { Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/language-switch';

/** The frame of the signed-out screens: product name, one card, the language switch. */
export const AuthLayout = ({ title, children }: { title: ReactNode; children: ReactNode }) => {
  const { t } = useTranslation();
  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 16, background: 'linear-gradient(160deg, #eef3fa 0%, #f7f8fa 60%)' }}>
      <div style={{ position: 'absolute', top: 12, right: 12 }}>
        <LanguageSwitch />
      </div>
      <Flex vertical align="center" gap={4} style={{ marginBottom: 24 }}>
        <Typography.Title level={2} style={{ margin: 0, color: '#1f4e8c' }}>
          OpenPSM
        </Typography.Title>
        <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
      </Flex>
      <Card title={title} style={{ width: '100%', maxWidth: 400 }}>
        {children}
      </Card>
    </Flex>
  );
};
