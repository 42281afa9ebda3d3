// jira-poller with crash points (SYNC_FAULT_CRASH_AT): a test executable, never shipped.
import FaultInjection
import JiraPollerStage

await FaultInjectedStage.main(JiraPollerCommand.self)
