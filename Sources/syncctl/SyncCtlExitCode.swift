import ArgumentParser

/// The exit codes of `syncctl`'s operations commands (documented in `ops/RUNBOOK.md` and in
/// each command's help), so scripts can tell "refused" from "failed".
enum SyncCtlExitCode {
    /// 0: done, or nothing to do.
    static let success = ExitCode.success
    /// 1: a runtime failure (cluster unreachable, a request failed); nothing is known to have changed.
    static let failure = ExitCode.failure
    /// 2: drift between `topics/` and the cluster that `topics apply` must not fix by itself.
    static let unfixableDrift = ExitCode(2)
    /// 3: refused because the consumer group still has live members (stop them, or `--force`).
    static let groupHasLiveMembers = ExitCode(3)
    /// 4: the plan was printed but not confirmed (no `--yes`, no interactive "yes"); nothing changed.
    static let notConfirmed = ExitCode(4)
    /// 64: bad usage (unknown flag, missing or conflicting options).
    static let usage = ExitCode.validationFailure
    /// 78: a configuration problem (the topic catalogue cannot be read or is invalid).
    static let configuration = ExitCode(78)

    /// The table shown in the commands' help.
    static let helpText = """
        Exit codes: 0 done or nothing to do; 1 runtime failure; 2 drift topics apply will not fix; \
        3 refused, the group has live members; 4 not confirmed, nothing changed; 64 usage; \
        78 configuration (topic catalogue) problem.
        """
}
