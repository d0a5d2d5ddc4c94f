// The record types that can be imported. Each importer lives in this folder and calls its module's exported functions.
import { registerContactImporter } from './contact.importer';
import { registerOrganizationImporter } from './organization.importer';

export { registeredImporters } from './import.registry';

/** Idempotent: the app, the job worker and scripts may each call it. */
export function registerImporters(): void {
  registerOrganizationImporter();
  registerContactImporter();
}
