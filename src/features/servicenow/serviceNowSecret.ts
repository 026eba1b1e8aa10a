/** Credentials of one ServiceNow instance, as kept in SecretStorage. */
export type ServiceNowCredentials = { readonly kind: 'basic'; readonly username: string; readonly password: string } | { readonly kind: 'bearer'; readonly token: string };

const PREFIX = 'runbook.servicenow.credentials:';

/** The SecretStorage key of an instance's credentials: one per instance, so a second instance never receives the first's. */
export function serviceNowSecretKey(instance: string): string {
  return PREFIX + instance.toLowerCase();
}

export function isServiceNowSecretKey(key: string): boolean {
  return key.startsWith(PREFIX);
}

export function readCredentials(stored: string | undefined): ServiceNowCredentials | undefined {
  if (!stored) return undefined;
  try {
    const value = JSON.parse(stored) as Partial<{ kind: string; username: string; password: string; token: string }>;
    if (value.kind === 'basic' && typeof value.username === 'string' && typeof value.password === 'string') return { kind: 'basic', username: value.username, password: value.password };
    if (value.kind === 'bearer' && typeof value.token === 'string') return { kind: 'bearer', token: value.token };
  } catch {
    // Not ours: treated as not connected.
  }
  return undefined;
}

export function authorizationHeader(credentials: ServiceNowCredentials): string {
  return credentials.kind === 'basic' ? `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}` : `Bearer ${credentials.token}`;
}
