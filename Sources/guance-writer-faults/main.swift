// guance-writer with crash points (SYNC_FAULT_CRASH_AT): a test executable, never shipped.
import FaultInjection
import GuanceWriterStage

await FaultInjectedStage.main(GuanceWriterCommand.self)
