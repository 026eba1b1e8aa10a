/** Where the PagerDuty key is kept in SecretStorage; the activation shim reads it to know whether PagerDuty is connected without loading it. */
export const PAGERDUTY_TOKEN_KEY = 'runbook.pagerduty.token';
