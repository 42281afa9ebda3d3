import ArgumentParser

/// Exit codes of the `syncctl` operations (documented in `docs/ops/syncctl.md`).
enum OutputExitCode {
    /// Done; healthy.
    static let success: Int32 = 0
    /// A runtime failure (Kafka or an API unreachable, a write not acknowledged, …).
    static let failure: Int32 = 1
    /// Done, but something needs a person: `status` found open dead letters or a stale
    /// checkpoint, `links rebuild` found conflicts, `dlq redrive` found no such id.
    static let attention: Int32 = 2
    /// Not found (`dlq show`, `links get`).
    static let notFound: Int32 = 3
    /// Bad command-line usage (ArgumentParser's validation errors).
    static let usage: Int32 = 64
    /// A configuration problem (missing brokers, credentials or configuration file).
    static let configuration: Int32 = 78

    /// Ends the command with `code` (nothing happens for success).
    static func exit(_ code: Int32) throws {
        guard code != success else { return }
        throw ExitCode(code)
    }
}
