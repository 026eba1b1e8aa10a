// Messages between the Start Incident form (browser) and the extension: the only shapes either side sends.

export interface FormValues {
  title: string;
  impact: string;
  affected: string;
  errorTypes: string[];
  systems: string;
  startedAt: string;
  severity: string;
  coordinator: string;
  technicalLead: string;
  runbook: string;
}

/** The people a runbook's contacts name for the two standard roles: the form's defaults when it is chosen. */
export interface RoleDefaults {
  readonly coordinator?: string;
  readonly technicalLead?: string;
}

export interface FormSuggestions {
  readonly runbooks: readonly { readonly label: string; readonly value: string; readonly roles: RoleDefaults }[];
  readonly systems: readonly string[];
  readonly people: readonly string[];
  readonly errorTypes: readonly string[];
}

export interface FieldMessage {
  readonly field: string;
  readonly message: string;
}

export type ToWebview =
  | { readonly type: 'init'; readonly suggestions: FormSuggestions; readonly defaults: Partial<FormValues> }
  /** The answer to `submit`: every field is checked. */
  | { readonly type: 'errors'; readonly errors: readonly FieldMessage[] }
  /** The answer to `validate`: the form shows the errors of the fields edited so far, and the hints (how a value was understood). */
  | { readonly type: 'validation'; readonly errors: readonly FieldMessage[]; readonly hints: readonly FieldMessage[] }
  | { readonly type: 'started'; readonly path: string };

export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'validate'; readonly values: FormValues }
  | { readonly type: 'submit'; readonly values: FormValues }
  | { readonly type: 'cancel' };

export const FIELD_IDS: readonly (keyof FormValues)[] = ['title', 'impact', 'affected', 'errorTypes', 'systems', 'startedAt', 'severity', 'coordinator', 'technicalLead', 'runbook'];
