// The Start Incident form's page, rendered by the extension. Every value is escaped by `html`; what comes
// from runbooks (suggestions, runbook names) arrives later through messages.ts and is set as text.
import { type Html, html } from '../../src/core/htmlTemplate';
import { pageHead, type PageResources } from '../pageHead';


export const HINTS = {
  title: 'Checkout 500s',
  impact: 'Who is affected, and how?',
  affected: '12% or 340 users',
  systems: 'Comma-separated; suggestions below',
  startedAt: 'Empty for now, "25 minutes ago", or 2026-03-01 14:05',
  person: 'Name',
  template: 'A URL (https://…), a workspace path, or built-in',
} as const;

/** A field's error and its hint (how its value was understood), shown under it. */
function helpers(id: string): Html {
  return html`<vscode-form-helper class="hint" id="${id}-hint"></vscode-form-helper>
        <vscode-form-helper class="error" id="${id}-error"></vscode-form-helper>`;
}

function textField(id: string, label: string, hint: string): Html {
  return html`
      <vscode-form-group variant="vertical" id="${id}-group">
        <vscode-label for="${id}">${label}</vscode-label>
        <vscode-textfield id="${id}" name="${id}" placeholder="${hint}"></vscode-textfield>
        <div class="chips" id="${id}-suggestions"></div>
        ${helpers(id)}
      </vscode-form-group>`;
}

export function incidentFormPage(resources: PageResources): string {
  return html`<!DOCTYPE html>
<html lang="en">
${pageHead(resources, 'Start Incident')}
<body>
  <h1>Start Incident</h1>
  <p class="lead">Collect what the team needs to triage. The record is created in the repository, where everyone sees it.</p>
  <form id="incident-form" novalidate>
    ${textField('title', 'Title', HINTS.title)}
    <vscode-form-group variant="vertical" id="impact-group">
      <vscode-label for="impact">Impact</vscode-label>
      <vscode-textarea id="impact" name="impact" rows="2" placeholder="${HINTS.impact}"></vscode-textarea>
      ${helpers('impact')}
    </vscode-form-group>
    <div class="row">
      ${textField('affected', 'Affected users', HINTS.affected)}
      <vscode-form-group variant="vertical" id="severity-group">
        <vscode-label for="severity">Severity</vscode-label>
        <vscode-single-select id="severity" name="severity">
          <vscode-option value="1">1: critical</vscode-option>
          <vscode-option value="2">2: major</vscode-option>
          <vscode-option value="3" selected>3: minor</vscode-option>
          <vscode-option value="4">4: low</vscode-option>
        </vscode-single-select>
        ${helpers('severity')}
      </vscode-form-group>
    </div>
    <vscode-form-group variant="vertical" id="errorTypes-group">
      <vscode-label>Error types</vscode-label>
      <vscode-checkbox-group id="errorTypes"></vscode-checkbox-group>
      ${helpers('errorTypes')}
    </vscode-form-group>
    ${textField('systems', 'Systems involved', HINTS.systems)}
    ${textField('startedAt', 'Started', HINTS.startedAt)}
    <div class="row">
      ${textField('coordinator', 'Coordinator', HINTS.person)}
      ${textField('technicalLead', 'Technical lead', HINTS.person)}
    </div>
    <vscode-form-group variant="vertical" id="runbook-group">
      <vscode-label for="runbook">Runbook</vscode-label>
      <vscode-single-select id="runbook" name="runbook"></vscode-single-select>
      ${helpers('runbook')}
    </vscode-form-group>
    <vscode-form-group variant="vertical" id="template-group">
      <vscode-label for="template">Traceability template</vscode-label>
      <div class="with-action">
        <vscode-textfield id="template" name="template" placeholder="${HINTS.template}"></vscode-textfield>
        <vscode-button id="template-reset" secondary disabled title="Back to the template the runbook or the settings give">Reset</vscode-button>
      </div>
      ${helpers('template')}
      <div class="preview" id="template-preview" role="status" aria-live="polite"></div>
      <ul class="notes" id="template-notes"></ul>
    </vscode-form-group>
    <div class="actions">
      <vscode-button id="submit">Start Incident</vscode-button>
      <vscode-button id="cancel" secondary>Cancel</vscode-button>
    </div>
    <div id="status" role="status"></div>
  </form>
  <script nonce="${resources.nonce}" src="${resources.scriptUri}"></script>
</body>
</html>`.text;
}
