// guance-poller with crash points (SYNC_FAULT_CRASH_AT): a test executable, never shipped.
import FaultInjection
import GuancePollerStage

await FaultInjectedStage.main(GuancePollerCommand.self)
