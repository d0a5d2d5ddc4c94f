import { positions } from '@openpsm/contracts';
import type { TFunction } from 'i18next';

export const positionOptions = (t: TFunction) => positions.map((position) => ({ value: position, label: t(`users.positions.${position}`) }));
