// Field check-in and check-out (ACT-6). The browser is asked for the position only after the user agreed in our own
// dialog, for this one check-in; "without location" checks in with the time alone. The server keeps the position
// only with `consent: true`.
import { useRef, useState } from 'react';
import { Alert, App, Button, Flex, Modal, Spin, Typography } from 'antd';
import { AimOutlined, EnvironmentOutlined, LogoutOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { Activity, GeoPoint } from '@openpsm/contracts';
import { useActivityErrorHandler } from './use-activity-error';
import { useFormat } from '../../lib/format';
import { useCurrentUser } from '../../lib/session';
import { useCheck, type CheckKind } from './activities.api';
import { checkInState, formatPosition, mapLink } from './activity-logic';

type Step = 'ask' | 'locating' | 'failed';
type LocateFailure = 'denied' | 'unavailable' | 'timeout' | 'unsupported';

const locate = () =>
  new Promise<GeoPoint>((resolve, reject: (reason: LocateFailure) => void) => {
    if (!('geolocation' in navigator)) {
      reject('unsupported');
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) => resolve({ latitude: position.coords.latitude, longitude: position.coords.longitude, accuracy: position.coords.accuracy }),
      (error) => reject(error.code === error.PERMISSION_DENIED ? 'denied' : error.code === error.TIMEOUT ? 'timeout' : 'unavailable'),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  });

const CheckModal = ({ activity, kind, onClose }: { activity: Activity; kind: CheckKind; onClose: () => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const handleError = useActivityErrorHandler();
  const check = useCheck();
  const [step, setStep] = useState<Step>('ask');
  const [failure, setFailure] = useState<LocateFailure | null>(null);
  // A late position after the user chose "without location" (or closed) must not check in a second time.
  const attempt = useRef(0);
  const label = kind === 'check-in' ? t('activities.checkin.checkIn') : t('activities.checkin.checkOut');

  const send = (position: GeoPoint | null) =>
    check.mutate(
      { id: activity.id, kind, consent: position !== null, position, version: activity.version },
      {
        onSuccess: (saved) => {
          const point = kind === 'check-in' ? saved.checkin : saved.checkout;
          void message.success(t(kind === 'check-in' ? 'activities.checkin.checkedIn' : 'activities.checkin.checkedOut', { time: format.dateTime(point?.at ?? new Date().toISOString()) }));
          onClose();
        },
        onError: (error) => {
          setStep('ask');
          handleError(error);
        },
      },
    );

  const withLocation = () => {
    const current = ++attempt.current;
    setStep('locating');
    locate().then(
      (position) => {
        if (current === attempt.current) send(position);
      },
      (reason: LocateFailure) => {
        if (current !== attempt.current) return;
        setFailure(reason);
        setStep('failed');
      },
    );
  };
  const withoutLocation = () => {
    attempt.current += 1;
    send(null);
  };
  const close = () => {
    attempt.current += 1;
    onClose();
  };

  return (
    <Modal
      open
      title={label}
      onCancel={close}
      maskClosable={!check.isPending}
      footer={
        <Flex justify="flex-end" gap={8} wrap>
          <Button onClick={withoutLocation} loading={check.isPending && !check.variables?.consent} disabled={check.isPending} data-testid="checkin-without-location">
            {t('activities.checkin.withoutLocation')}
          </Button>
          {step !== 'locating' && (
            <Button type="primary" icon={<AimOutlined />} onClick={withLocation} loading={check.isPending && Boolean(check.variables?.consent)} disabled={check.isPending} data-testid="checkin-allow-location">
              {step === 'failed' ? t('activities.checkin.retry') : t('activities.checkin.allow')}
            </Button>
          )}
        </Flex>
      }
    >
      <div data-testid="checkin-consent">
        {step === 'ask' && (
          <Flex vertical gap={8}>
            <Typography.Paragraph style={{ marginBottom: 0 }}>{t('activities.checkin.consentQuestion')}</Typography.Paragraph>
            <Typography.Text type="secondary">{t('activities.checkin.consentHelp')}</Typography.Text>
          </Flex>
        )}
        {step === 'locating' && (
          <Flex align="center" gap={12} style={{ paddingBlock: 12 }} data-testid="checkin-locating">
            <Spin />
            <Typography.Text>{t('activities.checkin.locating')}</Typography.Text>
          </Flex>
        )}
        {step === 'failed' && failure && <Alert type="warning" showIcon title={t(`activities.checkin.failures.${failure}`)} data-testid="checkin-failed" />}
      </div>
    </Modal>
  );
};

/** The check-in (or check-out) button of an activity, shown only when the reader may use it now. */
export const CheckInButton = ({ activity, block }: { activity: Activity; block?: boolean }) => {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const format = useFormat();
  const [open, setOpen] = useState(false);
  const state = checkInState(activity, user.id, new Date(), format.timeZone);
  if (state === 'none') return null;
  const kind: CheckKind = state === 'check_in' ? 'check-in' : 'check-out';
  return (
    <>
      <Button
        type={kind === 'check-in' ? 'primary' : 'default'}
        icon={kind === 'check-in' ? <EnvironmentOutlined /> : <LogoutOutlined />}
        onClick={() => setOpen(true)}
        block={block}
        data-testid={kind === 'check-in' ? 'activity-check-in' : 'activity-check-out'}
      >
        {kind === 'check-in' ? t('activities.checkin.checkIn') : t('activities.checkin.checkOut')}
      </Button>
      {open && <CheckModal activity={activity} kind={kind} onClose={() => setOpen(false)} />}
    </>
  );
};

const CheckPointLine = ({ label, point, testId }: { label: string; point: NonNullable<Activity['checkin']>; testId: string }) => {
  const { t } = useTranslation();
  const format = useFormat();
  const position = formatPosition(point);
  const link = mapLink(point);
  return (
    <Flex gap={8} wrap align="baseline" data-testid={testId}>
      <Typography.Text strong>{label}</Typography.Text>
      <Typography.Text>{format.dateTime(point.at)}</Typography.Text>
      {position ? (
        link ? (
          <Typography.Link href={link} target="_blank" rel="noreferrer" data-testid={`${testId}-position`}>
            <EnvironmentOutlined /> {position}
          </Typography.Link>
        ) : (
          <Typography.Text>{position}</Typography.Text>
        )
      ) : (
        <Typography.Text type="secondary">{t('activities.checkin.noLocation')}</Typography.Text>
      )}
    </Flex>
  );
};

/** When and where the rep checked in and out, and how long they stayed. */
export const CheckPoints = ({ activity }: { activity: Activity }) => {
  const { t } = useTranslation();
  if (!activity.checkin) return null;
  const minutes = activity.checkout ? dayjs(activity.checkout.at).diff(activity.checkin.at, 'minute') : null;
  return (
    <Flex vertical gap={4} data-testid="activity-checkpoints">
      <CheckPointLine label={t('activities.checkin.in')} point={activity.checkin} testId="activity-checkin" />
      {activity.checkout && <CheckPointLine label={t('activities.checkin.out')} point={activity.checkout} testId="activity-checkout" />}
      {minutes !== null && minutes >= 0 && (
        <Typography.Text type="secondary" data-testid="activity-stayed">
          {minutes >= 60 ? t('activities.checkin.stayedHours', { hours: Math.floor(minutes / 60), minutes: minutes % 60 }) : t('activities.checkin.stayedMinutes', { minutes })}
        </Typography.Text>
      )}
    </Flex>
  );
};
