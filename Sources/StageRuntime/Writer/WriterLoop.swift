import Foundation
import Kafka
import Logging
import Metrics
import Synchronization
import SyncCore

/// The consume → handle → commit engine of a writer.
///
/// A consumer-group member reads the writer's topics; records are handled concurrently across
/// keys (source issues) and strictly in log order within a key (``KeyedSerialExecutor``);
/// an offset is stored only once every earlier record of its partition is done, so a crash at any
/// point re-delivers what was not finished — and idempotent handlers make the re-delivery harmless.
/// Transient failures are retried for their key only; permanent ones go to the dead-letter topic.
package final class WriterLoop: Sendable {
    /// Settings of the loop.
    package struct Settings: Sendable {
        /// The stage (executable) name, for metrics and dead letters.
        package var stage: String
        /// The consumer group (replicas of one writer share it).
        package var group: String
        /// Topics to consume.
        package var topics: [SyncTopic]
        /// Records handled or queued at once in this process.
        package var concurrency: Int
        /// How long a poll batch may wait to be handed out before the group evicts the member.
        package var maxPollInterval: Duration
        /// How long a rebalance waits for the records in flight of the partitions it takes away
        /// before leaving them to their next owner. (A stop is bounded by the host's drain
        /// timeout instead: see ``WriterLoop/run()``.)
        package var drainTimeout: Duration
        /// How long a record is retried (transient failures: the API down, 5xx, unreadable answers)
        /// before it is dead-lettered as ``SyncCore/DeadLetterCode/retriesExhausted`` with its last
        /// reason (`SYNC_WRITER_RETRY_FOR_SECONDS`, default 24 hours; see ``retryFor(environment:)``).
        package var retryFor: Duration

        /// Creates settings.
        package init(
            stage: String, group: String, topics: [SyncTopic], concurrency: Int = 32,
            maxPollInterval: Duration = .seconds(300), drainTimeout: Duration = .seconds(20),
            retryFor: Duration = Self.defaultRetryFor
        ) {
            self.stage = stage
            self.group = group
            self.topics = topics
            self.concurrency = concurrency
            self.maxPollInterval = maxPollInterval
            self.drainTimeout = drainTimeout
            self.retryFor = retryFor
        }

        /// How often the group membership is served while every handler is busy (see
        /// ``WriterLoop`` `submit`): a quarter of ``maxPollInterval``, at most 30 s.
        package var keepAliveInterval: Duration { min(maxPollInterval / 4, .seconds(30)) }

        /// The default of ``retryFor``: a day.
        package static let defaultRetryFor = Duration.seconds(24 * 3600)

        /// ``retryFor`` from `SYNC_WRITER_RETRY_FOR_SECONDS` (the default when unset).
        /// - Throws: ``StageError/configuration(_:)`` for a value that is not a positive number.
        package static func retryFor(environment: [String: String]) throws(StageError) -> Duration {
            guard let text = environment["SYNC_WRITER_RETRY_FOR_SECONDS"] else { return defaultRetryFor }
            guard let seconds = Int(text), seconds >= 1 else {
                throw StageError.configuration("SYNC_WRITER_RETRY_FOR_SECONDS must be a positive number of seconds, got \(text)")
            }
            return .seconds(seconds)
        }
    }

    private let settings: Settings
    private let kafka: StageKafka
    private let handler: any SyncEventHandler
    private let deadLetters: DeadLetterPublisher
    private let readiness: Readiness?
    private let logger: Logger
    private let stopping = Atomic<Bool>(false)
    private let tracker = PartitionTracker()
    private let running = Mutex<[KafkaTopicPartition: Int]>([:])
    /// Records applied whose follow-up (``FollowUp``) has not ended, per partition, and the tasks
    /// running those follow-ups.
    private let awaitingFollowUp = Mutex<[KafkaTopicPartition: Int]>([:])
    private let followUps = Mutex<[UUID: Task<Void, Never>]>([:])
    /// Notified whenever a record starts, finishes or is stored (see ``finishBeforeRevocation(_:consumer:)``).
    private let progress = ChangeSignal()

    /// Creates a loop; nothing is read until ``run()``. With `readiness`, a dead-letter topic that
    /// cannot be written fails the `dead-letters` check (`/readyz`) until a dead letter goes through.
    package init(
        settings: Settings, kafka: StageKafka, handler: any SyncEventHandler, deadLetters: DeadLetterPublisher,
        readiness: Readiness? = nil, logger: Logger
    ) {
        self.settings = settings
        self.kafka = kafka
        self.handler = handler
        self.deadLetters = deadLetters
        self.readiness = readiness
        self.logger = logger
    }

    /// Consumes until the process stops, then drains and leaves the group.
    ///
    /// On a graceful shutdown (``StageShutdown``) it stops taking records; handlers still running
    /// see their waits (budget, back-off) end and give their record up, calls under way finish;
    /// then the finished prefix of every partition is stored, committed, and the member leaves.
    /// Cancellation (the host's drain timeout, or a caller) also cancels the handlers. Records not
    /// finished are delivered again to the next owner.
    /// - Throws: when the consumer cannot be created or fails fatally.
    package func run() async throws {
        let consumer = try KafkaConsumer(
            configuration: kafka.groupConsumer(group: settings.group, maxPollInterval: settings.maxPollInterval),
            topics: settings.topics.map(\.name), logger: logger)
        let executor = KeyedSerialExecutor<PartitionTracker.Ticket>(capacity: settings.concurrency) { [self] ticket in
            await self.process(ticket, consumer: consumer)
        }
        readiness?.set(Self.deadLetterCheck, ready: true)
        logger.info("writer started", metadata: [
            "group": "\(settings.group)", "topics": "\(settings.topics.map(\.name))",
        ])
        consumer.onRevocation { [self] partitions in
            await finishBeforeRevocation(Set(partitions), consumer: consumer)
        }
        let lagReporter = Task { await reportLag() }
        defer { lagReporter.cancel() }
        var failure: (any Error)?
        do {
            try await consume(consumer, into: executor)
        } catch {
            failure = error
            logger.error("writer stopped consuming: \(error)")
        }
        await drain(executor)
        await consumer.close()
        logger.info("writer stopped", metadata: ["group": "\(settings.group)"])
        if let failure { throw failure }
    }

    /// Hands the consumer's records to the executor until the process stops: a graceful shutdown
    /// cancels this loop (not the handlers, which are the executor's tasks), which ends both the
    /// wait for the next record and the wait for room in the executor.
    private func consume(_ consumer: KafkaConsumer, into executor: KeyedSerialExecutor<PartitionTracker.Ticket>) async throws {
        try await StageShutdown.cancellingAtShutdown { [self] in
            for try await message in consumer.messages {
                let (ticket, forgotten) = tracker.begin(message, owned: consumer.assignedPartitions)
                for (partition, generation) in forgotten {
                    await executor.abandonQueued { $0.message.topicPartition == partition && $0.generation == generation }
                }
                let key = message.keyString ?? "partition-\(message.partition)"
                // Not queued (stopping): left unfinished, so neither it nor a later record of its
                // partition is stored; all are delivered again.
                guard await submit(ticket, key: key, to: executor, consumer: consumer) else { return }
            }
        }
    }

    /// Queues a record. While the executor is full (every slot busy, e.g. an API down or a tiny
    /// budget), the group membership is served from the consumer's poll thread
    /// (``KafkaConsumer/holdMembership(every:)``): every ``Settings/keepAliveInterval`` the
    /// assigned partitions are paused and one poll round runs, so `max.poll.interval.ms` never
    /// runs out because handlers are slow, nor because the concurrency pool is busy. An evicted
    /// member would rejoin and handle its records again, next to their new owner. The partitions
    /// are resumed once the record is queued.
    /// - Returns: `false` when stopping first (the record was not queued).
    private func submit(
        _ ticket: PartitionTracker.Ticket, key: String, to executor: KeyedSerialExecutor<PartitionTracker.Ticket>,
        consumer: KafkaConsumer
    ) async -> Bool {
        if await executor.hasRoom { return await executor.submit(key: key, job: ticket) }
        logger.debug("every handler is busy: partitions paused, the group membership kept", metadata: [
            "group": "\(settings.group)", "records": "\(settings.concurrency)",
        ])
        let hold = consumer.holdMembership(every: settings.keepAliveInterval)
        let queued = await executor.submit(key: key, job: ticket)
        await hold.end()
        return queued
    }

    /// Drops the records not started yet and waits until every running handler has returned;
    /// cancellation (the drain timeout) cancels them.
    private func drain(_ executor: KeyedSerialExecutor<PartitionTracker.Ticket>) async {
        stopping.store(true, ordering: .releasing)
        await executor.abandonQueued { _ in true }
        let pending = await executor.pending
        if pending > 0 {
            logger.info("finishing the records in flight", metadata: ["records": "\(pending)"])
        }
        await withTaskCancellationHandler {
            await executor.waitUntilIdle()
        } onCancel: {
            Task { await executor.cancelAll() }
        }
        // Follow-ups (back-links waiting for budget) are not waited for: they end at the stop and
        // their records are delivered again.
        let followUpTasks = followUps.withLock { Array($0.values) }
        for task in followUpTasks { task.cancel() }
        for task in followUpTasks { await task.value }
        let unfinished = tracker.inFlight
        if unfinished > 0 {
            logger.info("stopping with records not finished; they will be delivered again", metadata: ["records": "\(unfinished)"])
        }
    }

    /// Reports the group's lag per partition as a gauge until cancelled.
    private func reportLag() async {
        guard let admin = try? KafkaAdmin(configuration: kafka.client, logger: logger) else { return }
        while !Task.isCancelled {
            for topic in settings.topics {
                guard let lags = try? await admin.lag(group: settings.group, topic: topic.name) else { continue }
                for lag in lags {
                    Gauge(label: StageMetricName.consumerLag, dimensions: [
                        ("stage", settings.stage), ("topic", topic.name), ("partition", "\(lag.topicPartition.partition)"),
                    ]).record(lag.lag)
                }
            }
            try? await Task.sleep(for: .seconds(15))
        }
        await admin.shutdown()
    }

    /// Runs when `partitions` are about to be revoked (the consumer's poll thread waits for it),
    /// and keeps two replicas from ever working on one issue at once: first it lets the records
    /// handed out for them finish (so their offsets are stored and committed and nothing finished
    /// is delivered again); when that takes too long (a backlog on a loaded machine, a retry loop
    /// while Jira is down) it relinquishes the partitions — no record of them starts any more, the
    /// ones not started go to the next owner (idempotent handlers make the re-delivery harmless) —
    /// and waits only for the handlers already running. Both waits together stay inside the
    /// group's rebalance timeout (`maxPollInterval`), which the coordinator would otherwise end by
    /// evicting this member while its handlers still run. Waits on ``progress``, which every
    /// record's start, end and store notify; nothing polls.
    private func finishBeforeRevocation(_ partitions: Set<KafkaTopicPartition>, consumer: KafkaConsumer) async {
        let busy: @Sendable () -> Bool = { [self] in
            running.withLock { counts in partitions.contains { counts[$0, default: 0] > 0 } }
        }
        // Leaving the group after the drain: every handler has returned; what is unfinished stays
        // unfinished and goes to the next owner.
        if stopping.load(ordering: .acquiring) && !busy() { return }
        let phase = min(settings.drainTimeout, settings.maxPollInterval / 2)
        let awaiting: @Sendable () -> Int = { [self] in
            awaitingFollowUp.withLock { counts in partitions.reduce(0) { $0 + counts[$1, default: 0] } }
        }
        // Finished (tracker) and stored (a job counts as running until after its store), except
        // the records whose follow-up has not ended: those are not waited for (a back-link may
        // wait minutes for budget); they are given up below and their next owner asks again.
        let drained = await progress.wait(until: .now + phase) { [tracker] in
            tracker.inFlight(in: partitions) <= awaiting() && !busy()
        }
        if drained && awaiting() == 0 { return }
        if drained {
            consumer.relinquish(partitions)
            _ = await progress.wait(until: .now + phase) { !busy() }
            logger.info("partitions revoked with follow-ups pending; the next owner asks for them again", metadata: [
                "partitions": "\(partitions.map(\.description).sorted())",
            ])
            return
        }
        consumer.relinquish(partitions)
        let finished = await progress.wait(until: .now + phase) { !busy() }
        logger.warning("partitions revoked before their records were finished; the next owner redoes the rest", metadata: [
            "partitions": "\(partitions.map(\.description).sorted())", "still_running": "\(!finished)",
        ])
    }

    /// Handles one record to completion (applied or dead-lettered), unless the loop stops first.
    private func process(_ ticket: PartitionTracker.Ticket, consumer: KafkaConsumer) async {
        let message = ticket.message
        let partition = message.topicPartition
        running.withLock { $0[partition, default: 0] += 1 }
        defer {
            running.withLock { $0[partition, default: 1] -= 1 }
            progress.notify()
        }
        // Revoked (or reassigned) before it started: its next delivery handles it. Stopping: no
        // record starts any more (nothing is written after `stopping`); it is delivered again.
        guard consumer.isCurrent(message), !StageShutdown.isRequested, !stopping.load(ordering: .acquiring) else {
            return
        }
        let owned: @Sendable () -> Bool = { consumer.isCurrent(message) }
        guard let done = await outcome(of: message, owned: owned) else { return }
        if case .deadLetter(let reason) = done.outcome {
            guard await deadLetter(message, reason: reason, attempts: done.attempts, owned: owned) else { return }
        }
        if case .appliedWithFollowUp(_, let followUp) = done.outcome {
            startFollowUp(followUp, of: ticket, consumer: consumer, owned: owned)
            return
        }
        finish(ticket, consumer: consumer)
    }

    /// Marks `ticket`'s record finished and stores the offset of its partition's finished prefix.
    private func finish(_ ticket: PartitionTracker.Ticket, consumer: KafkaConsumer) {
        guard let storable = tracker.finish(ticket) else { return }
        do {
            if try !consumer.storeOffset(storable) {
                tracker.forget(storable.topicPartition, generation: ticket.generation)
            }
        } catch {
            logger.warning("offset not stored (the record will be delivered again): \(error)")
        }
    }

    /// Runs `followUp` of `ticket`'s applied record in its own task; the record is finished when
    /// it is done (or dead-lettered when it failed), and left to its next delivery when abandoned.
    private func startFollowUp(
        _ followUp: FollowUp, of ticket: PartitionTracker.Ticket, consumer: KafkaConsumer, owned: @escaping @Sendable () -> Bool
    ) {
        let partition = ticket.message.topicPartition
        awaitingFollowUp.withLock { $0[partition, default: 0] += 1 }
        let lease = FollowUpLease(
            owned: { [self] in owned() && !stopping.load(ordering: .acquiring) && !StageShutdown.isRequested },
            enter: { [self] in running.withLock { $0[partition, default: 0] += 1 } },
            leave: { [self] in
                running.withLock { $0[partition, default: 1] -= 1 }
                progress.notify()
            })
        let id = UUID()
        followUps.withLock { tasks in
            tasks[id] = Task { [self] in
                let ending = await followUp.run(lease)
                switch ending {
                case .done:
                    finish(ticket, consumer: consumer)
                case .failed(let reason):
                    // Written as a write of this member: a revocation waits for it, and it is not
                    // written once the partition moved (its next owner decides again).
                    let written = await lease.writing {
                        await deadLetter(ticket.message, reason: reason, attempts: 1, owned: lease.isOwnedCheck)
                    }
                    if written == true { finish(ticket, consumer: consumer) }
                case .abandoned:
                    logger.info("follow-up abandoned; the record is delivered again", metadata: [
                        "follow_up": "\(followUp.name)", "partition": "\(partition)", "offset": "\(ticket.message.offset)",
                    ])
                }
                awaitingFollowUp.withLock { $0[partition, default: 1] -= 1 }
                followUps.withLock { $0[id] = nil }
                progress.notify()
            }
        }
    }

    private struct Done {
        var outcome: HandlingOutcome
        var attempts: Int
    }

    /// Runs the handler until it applies or dead-letters the record; `nil` when stopping first, or
    /// when the partition stopped being this member's between two attempts (a rebalance, a lost
    /// assignment): its next owner handles the record, and this member must not write for it again.
    private func outcome(of message: KafkaConsumerMessage, owned: @Sendable () -> Bool) async -> Done? {
        let event: SyncEvent
        do {
            event = try SyncEventCodec.decode(Data(message.value ?? []))
        } catch {
            return Done(outcome: .deadLetter(DeadLetter.Reason(code: DeadLetterCode.undecodable, message: "\(error)")), attempts: 1)
        }
        Counter(label: StageMetricName.eventsConsumed, dimensions: [
            ("stage", settings.stage), ("topic", message.topic), ("type", event.type.rawValue),
        ]).increment()
        var attempt = 1
        let firstAttempt = ContinuousClock.now
        while true {
            let outcome = await handler.handle(event, attempt: attempt)
            switch outcome {
            case .applied(let effect), .appliedWithFollowUp(let effect, _):
                recordApplied(event, effect: effect)
                return Done(outcome: outcome, attempts: attempt)
            case .deadLetter:
                return Done(outcome: outcome, attempts: attempt)
            case .retry(let delay, let reason):
                // A wait the stop ended (budget, back-off): the record is delivered again.
                if StageShutdown.isRequested { return nil }
                let retrying = ContinuousClock.now - firstAttempt
                if retrying + delay > settings.retryFor {
                    return Done(outcome: .deadLetter(Self.exhausted(reason, attempts: attempt, after: retrying)), attempts: attempt)
                }
                Counter(label: StageMetricName.retries, dimensions: [("stage", settings.stage)]).increment()
                logger.warning("will retry", metadata: [
                    "event.id": "\(event.id.rawValue)", "issue": "\(event.key)", "attempt": "\(attempt)",
                    "delay": "\(delay)", "reason": "\(reason)",
                ])
                guard await pause(for: delay) else { return nil }
                guard owned() else {
                    logger.info("partition no longer owned; the next owner handles the record", metadata: [
                        "event.id": "\(event.id.rawValue)", "issue": "\(event.key)", "attempt": "\(attempt)",
                    ])
                    return nil
                }
                attempt += 1
            }
        }
    }

    /// The dead-letter reason of a record retried for longer than ``Settings/retryFor``.
    package static func exhausted(_ reason: String, attempts: Int, after retrying: Duration) -> DeadLetter.Reason {
        let seconds = Int(retrying.components.seconds)
        return DeadLetter.Reason(
            code: DeadLetterCode.retriesExhausted,
            message: "still failing after \(attempts) attempts in \(seconds) s; last: \(reason)")
    }

    private func recordApplied(_ event: SyncEvent, effect: String) {
        Counter(label: StageMetricName.effects, dimensions: [("stage", settings.stage), ("effect", effect)]).increment()
        guard effect != "noop" else { return }
        let delay = max(0, Date().timeIntervalSince(event.occurredAt))
        Timer(label: StageMetricName.endToEndDelay, dimensions: [("stage", settings.stage)])
            .recordNanoseconds(Int64(delay * 1_000_000_000))
    }

    /// Sleeps `delay`; `false` when the process started stopping (or the task was cancelled) first.
    private func pause(for delay: Duration) async -> Bool {
        do {
            try await StageShutdown.sleep(for: delay)
            return true
        } catch {
            return false
        }
    }

    /// The readiness check a blocked dead-letter path fails.
    package static let deadLetterCheck = "dead-letters"

    /// Writes the dead letter, retrying until Kafka acknowledges it; `false` when stopping first or
    /// the partition is no longer this member's (its next owner decides again).
    private func deadLetter(
        _ message: KafkaConsumerMessage, reason: DeadLetter.Reason, attempts: Int, owned: @Sendable () -> Bool
    ) async -> Bool {
        while owned() {
            do {
                try await deadLetters.publish(message, reason: reason, attempts: attempts)
                readiness?.set(Self.deadLetterCheck, ready: true)
                return true
            } catch {
                logger.error("dead letter not written, retrying: \(error)")
                readiness?.set(
                    Self.deadLetterCheck, ready: false,
                    detail: "\(SyncTopic.deadLetters.name) cannot be written; partition \(message.topic)[\(message.partition)] waits")
                guard await pause(for: .seconds(2)) else { return false }
            }
        }
        return false
    }
}
