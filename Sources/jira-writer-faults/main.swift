// jira-writer with crash points (SYNC_FAULT_CRASH_AT): a test executable, never shipped.
import FaultInjection
import JiraWriterStage

await FaultInjectedStage.main(JiraWriterCommand.self)
