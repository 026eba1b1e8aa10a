/** Where the Slack token is kept in SecretStorage; the activation shim reads it to know whether Slack is connected without loading Slack. */
export const SLACK_TOKEN_KEY = 'runbook.slack.token';
