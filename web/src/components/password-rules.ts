import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';

const MIN_PASSWORD = 8;

export const newPasswordRules = (t: TFunction): Rule[] => [
  { required: true, message: t('validation.required') },
  { min: MIN_PASSWORD, message: t('validation.password_too_short') },
  { max: 200, message: t('validation.too_big') },
];

/** The repeat field must match the `newPassword` field of the same form. */
export const confirmPasswordRules = (t: TFunction): Rule[] => [
  { required: true, message: t('validation.required') },
  ({ getFieldValue }) => ({
    validator: async (_rule, value: unknown) => {
      if (value && value !== getFieldValue('newPassword')) throw new Error(t('validation.passwords_differ'));
    },
  }),
];
