import Foundation
import SyncCore

/// A discrete-event model of the status path, for exploring orders and interleavings quickly: both
/// services (Guance `updateAt` in whole seconds, Jira times in milliseconds), both pollers (each on
/// its own interval and phase), both writers (each step of a decision — read, write, read back,
/// record — a separate event, so people and the other writer act in between) and the status
/// ledger, with the writers' own decision code (``StatusArbiter``) and record-keeping rules.
///
/// The stage tests run the same orders through the real processes; this model runs every order
/// with many interleavings in seconds.
struct StatusWorld {
    /// A person (or monitor) changing one side's status.
    struct Change: Hashable, CustomStringConvertible {
        var side: EventOrigin
        /// Guance `statusType` (10, 20, 25) or Jira status id (`1` Open, `3` Resolved, `6` Closed).
        var value: String

        var category: StatusCategory {
            side == .guance ? StatusCategory(guanceStatusType: Int(value)!)! : (value == "1" ? .open : .done)
        }

        var description: String {
            let verb = category == .open ? "reopen" : (value == "25" || value == "6" ? "close" : "resolve")
            return "\(side == .guance ? "G" : "J") \(verb)"
        }

        /// Every change a person can make: resolve, close or reopen, on either side.
        static let all: [Change] = [
            Change(side: .guance, value: "20"), Change(side: .guance, value: "25"), Change(side: .guance, value: "10"),
            Change(side: .jira, value: "3"), Change(side: .jira, value: "6"), Change(side: .jira, value: "1"),
        ]
    }

    struct Settings {
        var guancePoll = 2.0
        var jiraPoll = 2.0
        var stepDurations: ClosedRange<Double> = 0.01...0.6
        /// Between reading the target and writing it: one HTTP round trip. Neither API has a
        /// conditional write, so a person acting inside this window is overwritten (a documented limit).
        var readToWrite: ClosedRange<Double> = 0.002...0.02
        var patience = 20.0
        var recheck = 2.0
        var conflictRule = ConflictRule.mostRecent
    }

    /// A write the sync made, for the bounce check.
    struct SyncWrite {
        var time: Double
        var side: EventOrigin
        var category: StatusCategory
    }

    private enum Event {
        case person(Change)
        case guancePoll
        case jiraPoll
        case jiraWriter
        case guanceWriter
    }

    private enum JiraWriterStep {
        case decide
        case pending(change: SideStatus, to: StatusCategory)
        case transition(change: SideStatus, to: StatusCategory)
        case readBack(change: SideStatus, wrote: StatusCategory)
        case record(StatusAgreement)
    }

    private enum GuanceWriterStep {
        case decide
        case pending(change: SideStatus, to: StatusCategory)
        case modify(change: SideStatus, to: StatusCategory)
        case record(StatusAgreement)
    }

    let settings: Settings
    private var random: SeededGenerator
    private var now = 0.0
    private var sequence = 0
    private var agenda: [(time: Double, order: Int, event: Event)] = []

    // The services.
    private(set) var guanceStatus = "10"
    private var guanceUpdated = 0.0
    private(set) var jiraStatus = "1"
    private var jiraCategoryChanged = 0.0
    private var jiraUpdated = 0.0

    // The pollers.
    private var guanceSeen: (value: String, updated: Double, statusChangedAt: Double?)
    private var jiraSeen: (value: String, categoryChanged: Double)
    private var guanceEvents: [SideStatus] = []
    private var jiraEvents: [SideStatus] = []

    // The writers and the ledger.
    private var jiraWriterBusy = false
    private var jiraWriterStep = JiraWriterStep.decide
    private var guanceWriterBusy = false
    private var guanceWriterStep = GuanceWriterStep.decide
    private var waitingSince: Double?
    private var waitingFor: Date?
    private var ledger: [String: StatusAgreement] = [:]

    /// What happened, for a failing run's message.
    private(set) var trace: [String] = []
    private(set) var lastChange: (time: Double, change: Change)?
    private(set) var writes: [SyncWrite] = []
    /// Writes that landed on a person's change made between the writer's read and its write (no
    /// conditional writes in either API: a documented limit; such a run only has to converge).
    private(set) var collisions = 0
    private var personChangedAt: [EventOrigin: Double] = [:]
    private var jiraWriterReadAt = 0.0
    private var guanceWriterReadAt = 0.0
    private(set) var effectiveChanges = 0

    /// A linked pair, both open and agreed (as after jira-writer created the twin).
    init(settings: Settings = Settings(), seed: UInt64) {
        self.settings = settings
        random = SeededGenerator(seed: seed)
        guanceSeen = ("10", 0, nil)
        jiraSeen = ("1", 0)
        // As jira-writer records it when it creates the twin: Guance open without a version (the
        // snapshot may be older than Guance's status), Jira as read right after the create.
        ledger["jira-writer"] = agreement(
            writer: "jira-writer", guance: SideStatus(side: .guance, category: .open, value: "10", version: nil, changedAt: nil),
            jira: jiraReading())
        schedule(.guancePoll, at: Double.random(in: 0.1...settings.guancePoll, using: &random))
        schedule(.jiraPoll, at: Double.random(in: 0.1...settings.jiraPoll, using: &random))
    }

    /// Plays `changes`, each `spacing` seconds after the previous one (Guance changes at least one
    /// Guance poll apart: a Guance status that lasts less than a poll is invisible, see
    /// ``StatusArbiter``), then runs until everything settled.
    mutating func play(_ changes: [Change], spacing: Double, start: Double = 5) {
        play(changes, spacings: Array(repeating: spacing, count: max(0, changes.count - 1)), start: start)
    }

    /// Plays `changes`, the n-th pause after the n-th change being `spacings[n]` (the last one repeated).
    mutating func play(_ changes: [Change], spacings: [Double], start: Double = 5) {
        var time = start
        var lastGuanceChange = -Double.infinity
        for (index, change) in changes.enumerated() {
            if change.side == .guance { time = max(time, lastGuanceChange + settings.guancePoll * 1.05) }
            schedule(.person(change), at: time)
            if change.side == .guance { lastGuanceChange = time }
            time += spacings.isEmpty ? 0 : spacings[min(index, spacings.count - 1)]
        }
        let quietUntil = time + 10 * max(settings.guancePoll, settings.jiraPoll) + settings.patience
        var steps = 0
        while let next = agenda.first, next.time <= quietUntil, steps < 20_000 {
            steps += 1
            agenda.removeFirst()
            now = next.time
            handle(next.event)
        }
    }

    var guanceCategory: StatusCategory { StatusCategory(guanceStatusType: Int(guanceStatus)!)! }
    var jiraCategory: StatusCategory { jiraStatus == "1" ? .open : .done }

    // MARK: - Events

    private mutating func schedule(_ event: Event, at time: Double) {
        sequence += 1
        let entry = (time: time, order: sequence, event: event)
        let index = agenda.firstIndex { ($0.time, $0.order) > (time, sequence) } ?? agenda.endIndex
        agenda.insert(entry, at: index)
    }

    private mutating func step() -> Double { Double.random(in: settings.stepDurations, using: &random) }

    private mutating func writeStep() -> Double { Double.random(in: settings.readToWrite, using: &random) }

    private mutating func handle(_ event: Event) {
        switch event {
        case .person(let change): person(change)
        case .guancePoll: guancePoll()
        case .jiraPoll: jiraPoll()
        case .jiraWriter: jiraWriter()
        case .guanceWriter: guanceWriter()
        }
    }

    private mutating func person(_ change: Change) {
        if change.side == .guance {
            guard guanceStatus != change.value else { return }
            guanceStatus = change.value
            guanceUpdated = now
        } else {
            // The classic workflow: resolve from an open status, close from open or Resolved,
            // reopen from Resolved or Closed.
            let allowed: Set<String> = change.value == "3" ? ["1"] : change.value == "6" ? ["1", "3"] : ["3", "6"]
            guard allowed.contains(jiraStatus) else { return }
            if (jiraStatus == "1") != (change.value == "1") { jiraCategoryChanged = now }
            jiraStatus = change.value
            jiraUpdated = now
        }
        effectiveChanges += 1
        lastChange = (now, change)
        personChangedAt[change.side] = now
        note("person: \(change)")
    }

    private mutating func guancePoll() {
        let updated = guanceSeconds(guanceUpdated)
        if guanceStatus != guanceSeen.value || updated != guanceSeen.updated {
            let changedAt = guanceStatus != guanceSeen.value ? updated : guanceSeen.statusChangedAt
            guanceSeen = (guanceStatus, updated, changedAt)
            guanceEvents.append(guanceReading(statusChangedAt: changedAt))
            note("guance-poller: delivers \(guanceStatus)@\(updated) changed \(changedAt.map { "\($0)" } ?? "-")")
            wakeJiraWriter()
        }
        schedule(.guancePoll, at: now + settings.guancePoll)
    }

    private mutating func jiraPoll() {
        if jiraStatus != jiraSeen.value || jiraCategoryChanged != jiraSeen.categoryChanged {
            jiraSeen = (jiraStatus, jiraCategoryChanged)
            let reading = jiraReading()
            // jira-poller drops what the ledger already accounts for (the sync's own transitions).
            if !StatusArbiter.isStale(reading, entry: entry) {
                note("jira-poller: delivers \(jiraStatus)@\(jiraCategoryChanged)")
                jiraEvents.append(reading)
                wakeGuanceWriter()
            }
        }
        schedule(.jiraPoll, at: now + settings.jiraPoll)
    }

    // MARK: - jira-writer

    private mutating func wakeJiraWriter() {
        guard !jiraWriterBusy else { return }
        jiraWriterBusy = true
        schedule(.jiraWriter, at: now + step())
    }

    private mutating func jiraWriter() {
        switch jiraWriterStep {
        case .decide:
            guard let change = guanceEvents.first else {
                jiraWriterBusy = false
                return
            }
            let entry = entry
            let target = jiraReading()
            jiraWriterReadAt = now
            let verdict = StatusArbiter(conflictRule: settings.conflictRule).decide(change: change, target: target, entry: entry)
            note("jira-writer: \(verdict.reason)")
            switch verdict.action {
            case .stale:
                finishJiraEvent()
            case .unchanged, .agree, .keep, .awaitObservation:
                guard let agreedGuance = entry.agreed(.guance), let agreedJira = entry.agreed(.jira) else {
                    finishJiraEvent()
                    return
                }
                var record = entry.record(of: "jira-writer")
                    ?? agreement(writer: "jira-writer", guance: agreedGuance, jira: agreedJira)
                record.guanceObserved = change
                jiraWriterStep = .record(record)
            case .write(let category, let decidedAt):
                jiraWriterStep = .pending(change: change.decided(at: decidedAt), to: category)
            }
        case .pending(let change, let category):
            let entry = entry
            var record = entry.record(of: "jira-writer")
                ?? agreement(writer: "jira-writer", guance: entry.agreed(.guance)!, jira: entry.agreed(.jira)!)
            record.pendingWrite = SideStatus(
                side: .jira, category: category, value: category == .open ? "1" : "3", version: jiraReading().version,
                changedAt: nil, decidedAt: change.decidedAt)
            ledger["jira-writer"] = record
            jiraWriterStep = .transition(change: change, to: category)
        case .transition(let change, let category):
            if jiraCategory != category {
                jiraStatus = category == .open ? "1" : "3"
                jiraCategoryChanged = now
                jiraUpdated = now
                writes.append(SyncWrite(time: now, side: .jira, category: category))
                if personChangedAt[.jira, default: -1] > jiraWriterReadAt { collisions += 1 }
                note("jira-writer: transitions Jira to \(jiraStatus)")
            }
            jiraWriterStep = .readBack(change: change, wrote: category)
        case .readBack(let change, let category):
            var reading = jiraReading()
            let expected = category == .open ? "1" : "3"
            if reading.category != category || reading.value != expected {
                reading = SideStatus(side: .jira, category: category, value: expected, version: nil, changedAt: nil)
            }
            var record = agreement(writer: "jira-writer", guance: change, jira: reading.decided(at: change.decidedAt))
            record.wrote = .jira
            jiraWriterStep = .record(record)
        case .record(let record):
            ledger["jira-writer"] = record
            finishJiraEvent()
        }
        if jiraWriterBusy {
            let isWrite: Bool
            switch jiraWriterStep {
            case .pending, .transition: isWrite = true
            default: isWrite = false
            }
            schedule(.jiraWriter, at: now + (isWrite ? writeStep() : step()))
        }
    }

    private mutating func finishJiraEvent() {
        guanceEvents.removeFirst()
        jiraWriterStep = .decide
        if guanceEvents.isEmpty { jiraWriterBusy = false }
    }

    // MARK: - guance-writer

    private mutating func wakeGuanceWriter() {
        guard !guanceWriterBusy else { return }
        guanceWriterBusy = true
        schedule(.guanceWriter, at: now + step())
    }

    private mutating func guanceWriter() {
        switch guanceWriterStep {
        case .decide:
            guard let change = jiraEvents.first else {
                guanceWriterBusy = false
                return
            }
            let entry = entry
            if StatusArbiter.isStale(change, entry: entry) {
                finishGuanceEvent()
                break
            }
            if let since = waitingSince, let awaited = waitingFor, now - since + 1e-6 < settings.patience,
                (entry.newestGuanceSeen?.version).map({ $0 < awaited }) ?? true
            {
                schedule(.guanceWriter, at: now + max(0.01, min(settings.recheck, settings.patience - (now - since))))
                return
            }
            let target = guanceReading(statusChangedAt: nil)
            guanceWriterReadAt = now
            let settled = waitingSince.map { now - $0 + 1e-6 >= settings.patience } ?? (settings.patience <= 0)
            let verdict = StatusArbiter(conflictRule: settings.conflictRule)
                .decide(change: change, target: target, entry: entry, targetSettled: settled)
            note("guance-writer: \(verdict.reason)")
            switch verdict.action {
            case .stale:
                finishGuanceEvent()
            case .unchanged, .agree, .keep, .awaitObservation:
                if let agreedGuance = entry.agreed(.guance), let agreedJira = entry.agreed(.jira) {
                    var record = entry.record(of: "guance-writer")
                        ?? agreement(writer: "guance-writer", guance: agreedGuance, jira: agreedJira)
                    record.jiraObserved = change
                    ledger["guance-writer"] = record
                }
                guard case .awaitObservation(let version) = verdict.action else {
                    finishGuanceEvent()
                    break
                }
                if waitingSince == nil { waitingSince = now }
                waitingFor = version
                schedule(.guanceWriter, at: now + min(settings.recheck, settings.patience))
                return
            case .write(let category, let decidedAt):
                guanceWriterStep = .pending(change: change.decided(at: decidedAt), to: category)
            }
        case .pending(let change, let category):
            let entry = entry
            var record = entry.record(of: "guance-writer")
                ?? agreement(writer: "guance-writer", guance: entry.agreed(.guance)!, jira: entry.agreed(.jira)!)
            record.pendingWrite = SideStatus(
                side: .guance, category: category, value: category == .done ? "20" : "10",
                version: guanceReading(statusChangedAt: nil).version, changedAt: nil, decidedAt: change.decidedAt)
            ledger["guance-writer"] = record
            guanceWriterStep = .modify(change: change, to: category)
        case .modify(let change, let category):
            guanceStatus = category == .done ? "20" : "10"
            guanceUpdated = now
            writes.append(SyncWrite(time: now, side: .guance, category: category))
            if personChangedAt[.guance, default: -1] > guanceWriterReadAt { collisions += 1 }
            note("guance-writer: sets Guance \(guanceStatus)")
            var record = agreement(
                writer: "guance-writer", guance: guanceReading(statusChangedAt: nil).decided(at: change.decidedAt), jira: change)
            record.wrote = .guance
            guanceWriterStep = .record(record)
        case .record(let record):
            ledger["guance-writer"] = record
            finishGuanceEvent()
        }
        if guanceWriterBusy {
            let isWrite: Bool
            switch guanceWriterStep {
            case .pending, .modify: isWrite = true
            default: isWrite = false
            }
            schedule(.guanceWriter, at: now + (isWrite ? writeStep() : step()))
        }
    }

    private mutating func finishGuanceEvent() {
        jiraEvents.removeFirst()
        guanceWriterStep = .decide
        waitingSince = nil
        waitingFor = nil
        if jiraEvents.isEmpty { guanceWriterBusy = false }
    }

    private mutating func note(_ text: String) {
        trace.append(String(format: "%7.3f ", now) + text)
    }

    // MARK: - Readings

    private var entry: StatusLedgerEntry {
        StatusLedgerEntry(records: Array(ledger.values), jiraIssueId: "10001")
    }

    private func guanceSeconds(_ time: Double) -> Double { time.rounded(.down) }

    private func guanceReading(statusChangedAt: Double?) -> SideStatus {
        SideStatus.guance(
            statusType: Int(guanceStatus)!, updatedAt: Date(timeIntervalSince1970: guanceSeconds(guanceUpdated)),
            statusChangedAt: statusChangedAt.map { Date(timeIntervalSince1970: $0) })!
    }

    private func jiraReading() -> SideStatus {
        SideStatus.jira(
            categoryKey: jiraStatus == "1" ? "new" : "done", statusId: jiraStatus,
            statusCategoryChangedAt: Date(timeIntervalSince1970: jiraCategoryChanged),
            updated: Date(timeIntervalSince1970: jiraUpdated))!
    }

    private func agreement(writer: String, guance: SideStatus, jira: SideStatus) -> StatusAgreement {
        StatusAgreement(
            guanceIssueUUID: "issue_model", jiraIssueId: "10001", writer: writer, guance: guance, jira: jira,
            recordedAt: Date(timeIntervalSince1970: now))
    }
}

/// A small deterministic random generator (SplitMix64), so a failing seed can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
