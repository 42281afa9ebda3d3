import APICore
import Foundation
import GuanceAPI
import Kafka
import Logging
import Metrics
import StageRuntime
import Synchronization
import SyncCore

/// Shares Guance budget between the processes that use one API key, over `sync.budget.v1`: what
/// each used in the current window (so a restarted process counts its predecessor's requests), and —
/// with `guance.lendBudget` — loans of idle budget (the stages' fixed shares, `guance.stageBudgets`,
/// become what each is sure of, not all it may use).
///
/// **Usage.** Every ``Settings/tick`` (and once more when the stage stops) it reports, for every key
/// the process uses (its own and guance-poller's pool keys), when each request of the current
/// window was sent. On start it reads the topic's last ten minutes and, before the stage sends
/// anything, counts the requests its predecessor — the same stage, any host — reported: a
/// fresh limiter would otherwise spend the whole share again at once and be throttled (seen after
/// a restart with a key pool: 55 s of 401s and pauses). Requests of the last tick before a crash are
/// not reported; SIGTERM reports all.
///
/// **Loans.** Every tick it reports its limiter's ``GuanceLendingState`` (idle, wanted); with
/// idle budget beyond its stage's reserve and nothing of its own waiting, it lends to the other
/// participant that wants it most (``BudgetLendingPlanner``) for ``Settings/loanDuration``.
/// Safety does not depend on anyone answering: the lender lowers its own capacity *before* it
/// publishes the loan and keeps it lowered until a whole window after the loan ends; the borrower
/// uses it only until the loan ends as both its host clock and its receipt time say (less
/// ``Settings/clockMargin``). A restarted lender lowers its capacity again for loans its stage made
/// before it started whose borrowed requests may still be in the window.
///
/// A missing topic or a failing reader turns the exchange off for the process, never the stage.
package final class GuanceBudgetExchange: Sendable {
    /// Timing of the exchange.
    package struct Settings: Sendable {
        /// How often the state is reported and a loan considered.
        package var tick: Duration = .seconds(5)
        /// How long a loan runs.
        package var loanDuration: Duration = .seconds(30)
        /// How much earlier than the lender's end a borrower stops using a loan (host clocks differ).
        package var clockMargin: Duration = .seconds(2)
        /// How old a report may be to count.
        package var staleAfter: Duration = .seconds(15)
        /// Whether loans are made and taken (`guance.lendBudget`); usage is reported either way.
        package var lends = true

        /// The defaults.
        package init() {}
    }

    private struct Peers {
        var states: [String: BudgetRecord.State] = [:]
        /// This process's running loans, by borrower.
        var lending: [String: BudgetRecord.Loan] = [:]
        /// The latest usage report of this stage on this host before this process started, by key.
        var previousUsage: [String: BudgetRecord.Usage] = [:]
    }

    /// This process's participant id: `<stage>@<host>#<random>`.
    package let participant: String
    private let stage: String
    private let host: String
    private let keyFingerprint: String
    private let limiter: GuanceRateLimiter
    /// Every key's limiter (the exchange's own and the pool keys), by fingerprint: usage is reported
    /// and restored for each.
    private let limiters: [String: GuanceRateLimiter]
    private let clock: any APIClock
    private let producer: KafkaProducer
    private let settings: Settings
    private let logger: Logger
    private let startedAt: Double
    private let peers = Mutex(Peers())

    /// Creates an exchange for `client`'s key (lending, usage) and `others`' (usage only: pool
    /// keys); ``run(kafka:ready:)`` does the work.
    package init(
        stage: String, client: GuanceClient, others: [GuanceClient] = [], producer: KafkaProducer, settings: Settings = Settings(),
        host: String = ProcessInfo.processInfo.hostName, logger: Logger
    ) {
        self.stage = stage
        self.host = host
        participant = "\(stage)@\(host)#\(String(UInt32.random(in: .min ... .max), radix: 16))"
        keyFingerprint = client.configuration.apiKey.fingerprint
        limiter = client.rateLimiter
        limiters = Dictionary(([client] + others).map { ($0.configuration.apiKey.fingerprint, $0.rateLimiter) }) { first, _ in first }
        clock = client.configuration.clock
        self.producer = producer
        self.settings = settings
        self.logger = logger
        startedAt = Date().timeIntervalSince1970
    }

    /// Follows the topic and reports, lends and borrows until cancelled; calls `ready` once the
    /// predecessor's usage is counted (or the exchange gave up: then at once). Returns early (logged)
    /// when the topic is missing or its reader fails: the stage goes on with its own share.
    package func run(kafka: StageKafka, ready: @escaping @Sendable () -> Void = {}) async {
        // The reader's failure must not end the stage (the process health would): the exchange just
        // stops — no fresh reports arrive, so no loan is made or run on, and running ones lapse.
        var readerKafka = kafka
        readerKafka.health = StageHealth()
        let tail: CompactedTopicTail<BudgetRecord>
        do {
            tail = try await CompactedTopicTail(
                topic: SyncTopic.budget.name, kafka: readerKafka, logger: logger,
                decode: { key, value in try BudgetRecord.decode(recordKey: key, value: value) },
                keepsValues: false,
                onApply: { [weak self] _, record in if let record { self?.apply(record) } })
        } catch {
            logger.warning("Guance budget exchange is off: \(SyncTopic.budget.name) cannot be read", metadata: ["error": "\(error)"])
            ready()
            return
        }
        do {
            try await tail.catchUp()
        } catch {
            logger.warning("Guance budget exchange is off: \(SyncTopic.budget.name) was not read to its end", metadata: ["error": "\(error)"])
            await tail.close()
            ready()
            return
        }
        restorePreviousUsage()
        ready()
        if settings.lends {
            logger.info("lending idle Guance budget to the stages sharing the key", metadata: ["participant": "\(participant)"])
        }
        while !Task.isCancelled {
            await exchangeOnce()
            guard (try? await Task.sleep(for: settings.tick)) != nil else { break }
        }
        await tail.close()
    }

    /// Counts, in each key's limiter, the requests this stage's predecessor reported for the
    /// current window.
    private func restorePreviousUsage() {
        let previous = peers.withLock { $0.previousUsage }
        let now = Date().timeIntervalSince1970
        for (key, usage) in previous {
            guard let limiter = limiters[key] else { continue }
            let instants = usage.requests.map { instant(secondsFromNow: $0 - now) }
            limiter.restoreGrants(instants)
            let counted = limiter.recentGrants().count
            guard counted > 0 else { continue }
            logger.info("counted the Guance requests the previous process sent in the last minute", metadata: [
                "guance.key.fingerprint": "\(key)", "requests": "\(counted)",
            ])
        }
    }

    /// The limiters' clock reading `seconds` from now (negative: ago). Records carry wall-clock
    /// seconds; the limiters count on the API clock.
    private func instant(secondsFromNow seconds: Double) -> ContinuousClock.Instant {
        clock.now() + .milliseconds(Int64(seconds * 1000))
    }

    /// Reports, for every key, when the requests of its current window were sent.
    func reportUsage() async {
        let now = Date().timeIntervalSince1970
        for (key, limiter) in limiters.sorted(by: { $0.key < $1.key }) {
            let requests = limiter.recentGrants().map { now - (clock.now() - $0).seconds }
            await publish(.usage(BudgetRecord.Usage(
                key: key, participant: participant, stage: stage, host: host, at: now, requests: requests)))
        }
    }

    /// One tick: report the state, run on the loans whose borrowers still want, then lend what is
    /// idle to the next taker.
    func exchangeOnce() async {
        await reportUsage()
        guard settings.lends else { return }
        let now = Date().timeIntervalSince1970
        let state = limiter.lendingState()
        let reserve = BudgetLendingPlanner.reserve(ofStage: stage)
        let report = BudgetRecord.State(
            key: keyFingerprint, participant: participant, stage: stage,
            priority: BudgetLendingPlanner.priority(ofStage: stage),
            idle: max(0, state.idle - reserve), wanted: state.wanted, at: now)
        await publish(.state(report))
        Gauge(label: StageMetricName.guanceBudgetLoans, dimensions: [("stage", stage), ("direction", "lent")]).record(state.lent)
        Gauge(label: StageMetricName.guanceBudgetLoans, dimensions: [("stage", stage), ("direction", "borrowed")]).record(state.borrowed)
        let staleAfter = settings.staleAfter.seconds
        let (others, running) = peers.withLock { peers in
            peers.lending = peers.lending.filter { $0.value.until > now }
            peers.states = peers.states.filter { now - $0.value.at <= staleAfter * 4 }
            return (peers.states, peers.lending)
        }
        let seconds = settings.loanDuration.seconds
        let leaseEnds = clock.now() + settings.loanDuration
        for (borrower, loan) in running {
            guard let peer = others[borrower], peer.wanted > 0, now - peer.at <= staleAfter,
                  limiter.extendLoan(loan.id, leaseEnds: leaseEnds) else { continue }
            var extended = loan
            extended.seconds = seconds
            extended.until = now + seconds
            peers.withLock { $0.lending[borrower] = extended }
            await publish(.loan(extended))
        }
        let planner = BudgetLendingPlanner(staleAfter: staleAfter)
        guard let choice = planner.loan(
            idle: report.idle, wanted: report.wanted, peers: Array(others.values), lending: Set(running.keys), now: now)
        else { return }
        let id = UUID().uuidString.lowercased()
        let lent = limiter.lend(upTo: choice.requests, keeping: reserve, leaseEnds: leaseEnds, id: id)
        guard lent > 0 else { return }
        let loan = BudgetRecord.Loan(
            key: keyFingerprint, id: id, lender: participant, lenderStage: stage,
            lenderHost: host, borrower: choice.borrower, requests: lent, seconds: seconds, until: now + seconds)
        peers.withLock { $0.lending[choice.borrower] = loan }
        logger.debug("lent Guance budget", metadata: [
            "borrower": "\(choice.borrower)", "requests": "\(lent)", "seconds": "\(seconds)",
        ])
        await publish(.loan(loan))
    }

    /// Applies a record read from the topic.
    func apply(_ record: BudgetRecord) {
        let now = Date().timeIntervalSince1970
        switch record {
        case .usage(let usage):
            // The predecessor: this stage (on any host: a recreated container gets a new host name,
            // and a scaled writer's replica counting a sibling's last report only starts slower), a
            // process other than this one, reporting before this one started.
            guard usage.stage == stage, usage.participant != participant, usage.at < startedAt else { return }
            peers.withLock { peers in
                if (peers.previousUsage[usage.key]?.at ?? 0) < usage.at { peers.previousUsage[usage.key] = usage }
            }
        case .state(let state):
            guard settings.lends, state.key == keyFingerprint, state.participant != participant else { return }
            peers.withLock { $0.states[state.participant] = state }
        case .loan(let loan):
            guard loan.key == keyFingerprint, loan.lender != participant else { return }
            if loan.borrower == participant {
                guard settings.lends else { return }
                // Until the earlier of: the end as this host's clock reads it, and receipt + duration.
                let remaining = min(loan.until - now, loan.seconds) - settings.clockMargin.seconds
                guard remaining > 0 else { return }
                limiter.borrow(loan.requests, until: instant(secondsFromNow: remaining), id: loan.id)
                logger.debug("borrowed Guance budget", metadata: [
                    "lender": "\(loan.lender)", "requests": "\(loan.requests)", "seconds": "\(Int(remaining))",
                ])
            } else if loan.lenderStage == stage, loan.until - loan.seconds < startedAt,
                      loan.until + settings.clockMargin.seconds + limiter.policy.effectiveWindow.seconds > now {
                // Made by this stage (any host, as for usage) before this process started, and its
                // borrower's requests may still be in the window (with lending off now too).
                let remaining = loan.until - now + settings.clockMargin.seconds
                limiter.restoreLoan(loan.requests, leaseEnds: instant(secondsFromNow: remaining), id: loan.id)
                logger.debug("a loan of Guance budget made before the restart may still count; keeping its share back", metadata: [
                    "requests": "\(loan.requests)", "seconds": "\(Int(remaining))",
                ])
            }
        }
    }

    /// Queues `record` without waiting for the acknowledgement: a report or loan that never arrives
    /// costs nothing but the loan (the lender lowered its own capacity before), and a Kafka outage
    /// must not hold the exchange, or the stage's stop, for the message timeout.
    private func publish(_ record: BudgetRecord) async {
        let logger = logger
        do {
            try await producer.enqueue(KafkaProducerMessage(
                topic: SyncTopic.budget.name, key: Array(record.recordKey.utf8), value: try record.encoded()
            )) { result in
                if case .failure(let error) = result { logger.debug("budget record not written", metadata: ["error": "\(error)"]) }
            }
        } catch {
            logger.debug("budget record not written", metadata: ["error": "\(error)"])
        }
    }
}
