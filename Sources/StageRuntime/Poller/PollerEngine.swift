import Foundation
import Kafka
import Logging
import SyncCore

/// The publish → acknowledge → checkpoint → read-back engine of a poller, as ``WriterLoop`` is
/// the writers'; the poller itself is a ``PollerPolicy`` on top of it.
///
/// - **Start**: restores the checkpoint (``PollerCheckpointLayout``; an earlier layout through
///   ``PollerPolicy/restoreLegacy(_:)``; nothing: ``PollerPolicy/initialState(now:)``), then reads
///   the event topic from the offsets the checkpoint reflects to its end and folds every event
///   into the state, streaming (``PublishedEventReader``): what was published after the last
///   checkpoint — a crash between the two — is never emitted again.
/// - **Cycle**: ``PollerPolicy/cycle(from:now:)`` reads the source; its events are published and
///   acknowledged (`acks=all`), and only then is its state adopted and, when events were
///   published (or every ``PollerPolicy/idleCheckpointInterval``), the checkpoint saved. A
///   failed publish leaves the previous state: the next cycle reads the same changes again.
/// - **Read-back while running**: every ``Settings/foldInterval`` the events other producers
///   published (`syncctl backfill`, a redrive) are folded in. The checkpoint's offsets move past
///   the poller's own events when they directly follow what was already folded; otherwise they
///   are read back once more (a no-op: folding is idempotent).
/// - **Schedule**: the next cycle after ``PollCycle/nextCycle``, or when the ``PollTrigger``
///   fires; after a failure, ``PollerPolicy/pause(afterFailures:)``. Waits end at the stop
///   (``StageShutdown``): no cycle starts after it; a cycle under way publishes and checkpoints
///   what it read, or is abandoned if it was still reading.
/// - **Failures**: a failed cycle marks the policy's readiness check failing and is retried; a
///   fatal Kafka error ends the stage (the process exits 1).
package struct PollerEngine<Policy: PollerPolicy>: Sendable {
    /// Tunables.
    package struct Settings: Sendable {
        /// How often events of other producers are folded into the state while running.
        package var foldInterval: Duration
        /// How long a read-back may go without a record before it fails.
        package var readBackStallTimeout: Duration

        /// Creates settings.
        package init(foldInterval: Duration = .seconds(60), readBackStallTimeout: Duration = .seconds(60)) {
            self.foldInterval = foldInterval
            self.readBackStallTimeout = readBackStallTimeout
        }
    }

    private let policy: Policy
    private let context: StageContext
    private let producer: KafkaProducer
    private let trigger: PollTrigger?
    private let settings: Settings

    /// Creates an engine; nothing happens until ``run()``.
    /// - Parameters:
    ///   - producer: publishes the events and the checkpoints (the caller shuts it down).
    ///   - trigger: starts the next cycle early when fired (e.g. a webhook arrived).
    package init(
        policy: Policy, context: StageContext, producer: KafkaProducer, trigger: PollTrigger? = nil,
        settings: Settings = Settings()
    ) {
        self.policy = policy
        self.context = context
        self.producer = producer
        self.trigger = trigger
        self.settings = settings
    }

    /// Runs until the process stops (see the type's documentation).
    /// - Throws: when the checkpoint or the read-back cannot be read on start (missing topics,
    ///   a corrupt checkpoint, Kafka unreachable), or on a fatal Kafka error.
    package func run() async throws {
        let started = ContinuousClock.now
        let checkpoints = try await CheckpointStore(kafka: context.kafka, producer: producer, logger: context.logger)
        do {
            var run = try await Run(engine: self, checkpoints: checkpoints)
            run.started = started
            try await run.loop()
        } catch {
            await checkpoints.close()
            throw error
        }
        await checkpoints.close()
    }

    /// One run's mutable state.
    private struct Run {
        typealias Writer = PollerCheckpointWriter<Policy.Summary, Policy.Item>

        let engine: PollerEngine
        let checkpoints: CheckpointStore
        let reader: PublishedEventReader
        let publisher: EventPublisher
        let gauges: PollerGauges
        var policy: Policy
        var state: Policy.State
        /// Offsets of the event topic the state reflects.
        var offsets: [Int32: Int64]
        var writer: Writer
        var lastSaved: Date?
        var lastFold: ContinuousClock.Instant
        /// Events were published that no saved checkpoint covers yet.
        var unsaved = false
        /// When the engine started; cleared once the first cycle is done (logged: how long a start
        /// takes to catch up — checkpoint, read-back and one cycle).
        var started: ContinuousClock.Instant?

        private var context: StageContext { engine.context }
        private var logger: Logger { engine.context.logger }

        /// Restores the checkpoint and folds what was published after it.
        init(engine: PollerEngine, checkpoints: CheckpointStore) async throws {
            self.engine = engine
            self.checkpoints = checkpoints
            var policy = engine.policy
            let now = engine.context.hostNow()
            reader = PublishedEventReader(kafka: engine.context.kafka, topic: policy.eventTopic.name, logger: engine.context.logger)
            publisher = EventPublisher(producer: engine.producer, stage: engine.context.stage)
            gauges = PollerGauges(stage: engine.context.stage)
            let records = checkpoints.checkpoints(of: policy.name)
            let restored = try PollerCheckpointLayout.restore(
                poller: policy.name, from: records, as: PollerCheckpointParts<Policy.Summary, Policy.Item>.self)
            var state: Policy.State
            var offsets: [Int32: Int64]
            var legacy = false
            var stale = Set(records.keys)
            if let restored {
                state = try policy.restore(restored.parts)
                offsets = restored.offsets
                stale.subtract([PollerCheckpointLayout.headScope] + restored.placement.scopes)
                lastSaved = restored.writtenAt
            } else if let old = try policy.restoreLegacy(records) {
                (state, offsets) = old
                legacy = true
            } else {
                state = policy.initialState(now: now)
                offsets = [:]
            }
            var replayed = 0
            offsets = try await reader.forEach(from: offsets, stallTimeout: engine.settings.readBackStallTimeout) { event in
                policy.fold(event, into: &state)
                replayed += 1
            }
            let start: PollerStart = restored == nil && !legacy
                ? .firstStart : .checkpoint(writtenAt: restored?.writtenAt, legacy: legacy, replayedEvents: replayed)
            policy.resume(&state, from: start, now: now)
            self.policy = policy
            self.state = state
            self.offsets = offsets
            writer = Writer(poller: policy.name, restored: restored, stale: stale)
            lastFold = .now
            if let lastSaved { gauges.recordCheckpoint(savedAt: lastSaved) }
        }

        /// Cycles until the process stops.
        mutating func loop() async throws {
            let gauges = gauges
            let ticker = Task {
                while !Task.isCancelled {
                    gauges.refreshAge()
                    try? await Task.sleep(for: PollerGauges.refreshInterval)
                }
            }
            defer { ticker.cancel() }
            var failures = 0
            while !StageShutdown.isRequested {
                let delay: Duration
                do {
                    delay = try await cycle()
                    failures = 0
                    if let started {
                        self.started = nil
                        logger.info("caught up: first poll cycle done", metadata: [
                            "seconds_since_start": "\(String(format: "%.1f", (ContinuousClock.now - started).seconds))",
                        ])
                    }
                    context.readiness.set(policy.readinessCheck, ready: true)
                } catch {
                    if StageShutdown.isRequested { break }
                    if let kafka = error as? KafkaError, kafka.isFatal { throw error }
                    failures += 1
                    context.readiness.set(policy.readinessCheck, ready: false, detail: policy.readinessDetail(for: error))
                    logger.warning("poll cycle failed; retrying", metadata: ["error": "\(error)", "failures": "\(failures)"])
                    delay = policy.pause(afterFailures: failures)
                }
                await wait(delay)
            }
        }

        /// One cycle: read-back when due, the policy's cycle, publish, adopt, checkpoint.
        /// - Returns: the pause before the next cycle.
        private mutating func cycle() async throws -> Duration {
            if ContinuousClock.now - lastFold >= engine.settings.foldInterval { try await foldPublished() }
            let cycle = try await policy.cycle(from: state, now: context.hostNow())
            let reports = try await publisher.publish(cycle.events)
            if !cycle.events.isEmpty {
                context.crashPoint(policy.publishedCrashPoint)
                logger.info("events published", metadata: [
                    "events": "\(cycle.events.count)", "backlog": "\(cycle.backlog.map(String.init) ?? "-")",
                ])
                unsaved = true
            }
            state = cycle.state
            Self.advance(&offsets, over: reports, topic: policy.eventTopic.name)
            if let backlog = cycle.backlog { gauges.recordBacklog(backlog) }
            let idle = lastSaved.map { Date().timeIntervalSince($0) >= policy.idleCheckpointInterval.seconds } ?? true
            if unsaved || idle { try await save() }
            return cycle.nextCycle
        }

        /// Folds what was published on the topic since ``offsets``.
        private mutating func foldPublished() async throws {
            var state = state
            let policy = policy
            var folded = 0
            let ends = try await reader.forEach(from: offsets, stallTimeout: engine.settings.readBackStallTimeout) { event in
                policy.fold(event, into: &state)
                folded += 1
            }
            self.state = state
            offsets = ends
            lastFold = .now
            if folded > 0 { logger.info("events read back and folded into the state", metadata: ["events": "\(folded)"]) }
        }

        /// Saves the checkpoint: changed item records, then the head, then what it replaced.
        private mutating func save() async throws {
            let writtenAt = Date()
            let plan = try writer.plan(try policy.checkpoint(of: state), offsets: offsets, writtenAt: writtenAt)
            try await checkpoints.save(plan.items)
            try await checkpoints.save(plan.head)
            writer.commit(plan)
            unsaved = false
            lastSaved = writtenAt
            gauges.recordCheckpoint(savedAt: writtenAt)
            for scope in plan.deletions {
                try await checkpoints.delete(poller: policy.name, scope: scope)
                writer.markDeleted(scope)
            }
        }

        /// Waits `delay`, or until the trigger fires; ends at once when the process stops.
        private func wait(_ delay: Duration) async {
            guard delay > .zero else { return }
            if let trigger = engine.trigger {
                await StageShutdown.cancellingAtShutdown { await trigger.wait(upTo: delay) }
            } else {
                try? await StageShutdown.sleep(for: delay)
            }
        }

        /// Moves `offsets` past the poller's own just-acknowledged records of `topic` where they
        /// directly follow what the state already reflects (nothing of another producer between).
        static func advance(_ offsets: inout [Int32: Int64], over reports: [KafkaDeliveryReport], topic: String) {
            let byPartition = Dictionary(grouping: reports.filter { $0.topic == topic }, by: \.partition)
            for (partition, delivered) in byPartition {
                let sorted = delivered.map(\.offset).sorted()
                guard let first = sorted.first, let last = sorted.last, first == offsets[partition],
                    last - first + 1 == Int64(sorted.count)
                else { continue }
                offsets[partition] = last + 1
            }
        }
    }
}
