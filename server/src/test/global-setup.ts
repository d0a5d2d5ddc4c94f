import { buildTemplate } from './template';

export default async function setup() {
  await buildTemplate();
}
