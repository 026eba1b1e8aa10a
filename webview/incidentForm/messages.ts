// Messages between the Start Incident form (browser) and the extension: the only shapes either side sends.
import type { TemplatePreview } from '../../src/features/templates/templatePreview';

export type { TemplatePreview };

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
  /** The traceability template: a URL, a workspace path, or "built-in". */
  template: string;
}

/** The traceability template a new incident uses unless the person changes it, and why. */
export interface TemplateDefault {
  /** As written: the setting's or the runbook's link, or "built-in". */
  readonly value: string;
  readonly origin: 'setting' | 'runbook' | 'builtin';
}

/** The people a runbook's contacts name for the two standard roles: the form's defaults when it is chosen. */
export interface RoleDefaults {
  readonly coordinator?: string;
  readonly technicalLead?: string;
}

export interface FormSuggestions {
  readonly runbooks: readonly { readonly label: string; readonly value: string; readonly roles: RoleDefaults; readonly template: TemplateDefault }[];
  /** The template when no runbook is chosen. */
  readonly template: TemplateDefault;
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
  | { readonly type: 'started'; readonly path: string }
  /** The answer to `preview`: what the chosen template fills and leaves. */
  | { readonly type: 'templatePreview'; readonly preview: TemplatePreview };

export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'validate'; readonly values: FormValues }
  | { readonly type: 'submit'; readonly values: FormValues }
  /** The runbook or the template changed: what would the record be generated from? */
  | { readonly type: 'preview'; readonly runbook: string; readonly template: string }
  | { readonly type: 'cancel' };

export const FIELD_IDS: readonly (keyof FormValues)[] = ['title', 'impact', 'affected', 'errorTypes', 'systems', 'startedAt', 'severity', 'coordinator', 'technicalLead', 'runbook', 'template'];
