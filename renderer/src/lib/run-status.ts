/**
 * A run's status as the user reads it (badges, lists): the engine's English word is the data (data-status keeps it),
 * the label is translated where shown.
 */
import { msg, t } from '../i18n/index.ts';

const statusLabels: Record<string, string> = {
  running: msg('running'),
  paused: msg('paused'),
  interrupted: msg('interrupted'),
  completed: msg('completed'),
  cancelled: msg('cancelled'),
  failed: msg('failed'),
};

export function statusLabel(status: string): string {
  return t(statusLabels[status] ?? status);
}
