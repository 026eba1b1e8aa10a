/** The rollout capability's commands, registered at activation by the shim and handled once its module is loaded. */
export const ROLLOUT_COMMANDS = [
  'runbook.getRollout',
  'runbook.startNextStage',
  'runbook.recordStageResults',
  'runbook.rollBack',
  'runbook.openStageDashboards',
  'runbook.whatShippedDuringStage',
  'runbook.connectFlipper',
  'runbook.disconnectFlipper',
  'runbook.copyRolloutValue',
  'runbook.openRolloutLink',
  'runbook.refreshRollout',
] as const;

export type RolloutCommand = (typeof ROLLOUT_COMMANDS)[number];
