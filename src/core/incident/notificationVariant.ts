// Its own module, free of imports: the notification preview's page checks variants too, and bundles only this.

/** The first message of the incident's thread, or a follow-up posted in it. */
export type NotificationVariant = 'first' | 'update';
export const NOTIFICATION_VARIANTS: readonly NotificationVariant[] = ['first', 'update'];

export function isNotificationVariant(value: unknown): value is NotificationVariant {
  return (NOTIFICATION_VARIANTS as readonly unknown[]).includes(value);
}
