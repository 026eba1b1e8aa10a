/** Where the Flipper token is kept in SecretStorage; the activation shim reads it without loading the client. */
export const FLIPPER_TOKEN_KEY = 'runbook.flipper.token';
