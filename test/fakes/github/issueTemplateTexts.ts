// The issue templates of the follow-up fixture repository (northwind-example/parcel-tracking), as text: the
// integration suites run bundled inside the extension host, where no file beside this one can be read.

/** A Markdown issue template with front matter (labels as a comma string, as GitHub allows) and labelled fields. */
export const INCIDENT_FOLLOW_UP_MD = `---
name: Incident follow-up
about: Work an incident left behind
title: "[Follow-up] "
labels: incident-follow-up, tech-debt
assignees: ''
---

**Incident:** TBD
**Incident record:** TBD
**Severity:** TBD
**Systems:** TBD
**Impact:** TBD

## What needs to be done

_What the incident showed is missing or fragile, and the change that fixes it._

## Acceptance criteria

- [ ] The change is merged and deployed
- [ ] The runbook says what to do if it happens again
`;

/** An issue form: required input and textarea, a dropdown, an optional textarea and a required checkbox. */
export const BUG_REPORT_YML = `name: Bug report
description: Something in Parcel Tracking does not work as it should.
title: "[Bug]: "
labels: ["bug"]
body:
  - type: markdown
    attributes:
      value: |
        Thanks for reporting. For an outage in progress, page the on-call engineer instead.
  - type: input
    id: summary
    attributes:
      label: Summary
      description: One sentence a support agent could read.
      placeholder: Tracking pages show "unknown" for DPD parcels
    validations:
      required: true
  - type: textarea
    id: impact
    attributes:
      label: Impact
      description: Who is affected, how many, since when.
    validations:
      required: true
  - type: dropdown
    id: severity
    attributes:
      label: Severity
      options:
        - Sev 1
        - Sev 2
        - Sev 3
        - Sev 4
  - type: textarea
    id: steps
    attributes:
      label: Steps to reproduce
      placeholder: |
        1. Open a tracking page for a DPD parcel
        2. See the status
    validations:
      required: false
  - type: checkboxes
    id: terms
    attributes:
      label: Before you submit
      options:
        - label: I searched the open issues and this is not a duplicate
          required: true
`;
