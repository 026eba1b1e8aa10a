/** The support shift's commands, registered at activation by the shim and handled once its module is loaded. */
export const SUPPORT_COMMANDS = [
  'runbook.startSupportShift',
  'runbook.handOffShift',
  'runbook.openShiftLog',
  'runbook.noteShiftCheck',
  'runbook.tickShiftCheck',
  'runbook.openShiftLink',
  'runbook.listTickets',
  'runbook.refreshTickets',
  'runbook.openTicket',
  'runbook.openTicketIssue',
  'runbook.copyTicketNumber',
  'runbook.createIssueFromTicket',
  'runbook.resolveTicket',
  'runbook.connectServiceNow',
  'runbook.disconnectServiceNow',
] as const;

export type SupportCommand = (typeof SUPPORT_COMMANDS)[number];
