/// Exit codes of the stage executables (documented in the README and the runbook).
package enum StageExitCode {
    /// Stopped cleanly (SIGTERM/SIGINT after draining), or `--check-config` found nothing wrong.
    package static let success: Int32 = 0
    /// A runtime failure (Kafka fatal error, lost topic, …): the orchestrator should restart it.
    package static let failure: Int32 = 1
    /// Bad command-line usage.
    package static let usage: Int32 = 64
    /// A configuration problem: restarting will not help until the configuration is fixed.
    package static let configuration: Int32 = 78
}
