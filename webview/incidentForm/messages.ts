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

export interface FormSuggestions {
  readonly runbooks: readonly { readonly label: string; readonly value: string }[];
  readonly systems: readonly string[];
  readonly people: readonly string[];
  readonly errorTypes: readonly string[];
}

export type ToWebview =
  | { readonly type: 'init'; readonly suggestions: FormSuggestions; readonly defaults: Partial<FormValues> }
  | { readonly type: 'errors'; readonly errors: readonly { readonly field: string; readonly message: string }[] }
  | { readonly type: 'started'; readonly path: string };

export type FromWebview = { readonly type: 'ready' } | { readonly type: 'submit'; readonly values: FormValues } | { readonly type: 'cancel' };

export const FIELD_IDS: readonly (keyof FormValues)[] = ['title', 'impact', 'affected', 'errorTypes', 'systems', 'startedAt', 'severity', 'coordinator', 'technicalLead', 'runbook'];
