internal import Crdkafka
import Synchronization

/// Matches librdkafka delivery reports (delivered on the poll thread) to the `send` calls and
/// callbacks waiting for them. Each tracked message carries its registry ID as the
/// per-message opaque; untracked (fire-and-forget) messages carry none.
final class DeliveryRegistry: Sendable {
    /// What a delivery resolves to.
    typealias Outcome = Result<KafkaDeliveryReport, KafkaError>

    private enum Slot {
        /// Produced, nobody awaits yet (the report may come before the `send` suspends).
        case produced
        /// A `send` awaits the report.
        case awaiting(CheckedContinuation<KafkaDeliveryReport, any Error>)
        /// The report came before anyone awaited it.
        case delivered(Outcome)
        /// Fire-and-forget with a callback.
        case callback(@Sendable (Outcome) -> Void)
    }

    private struct State {
        var nextID: UInt = 1
        var slots: [UInt: Slot] = [:]
        var untrackedFailures = 0
    }

    private let state = Mutex(State())
    private let onUntrackedFailure: @Sendable (KafkaError) -> Void

    init(onUntrackedFailure: @escaping @Sendable (KafkaError) -> Void) {
        self.onUntrackedFailure = onUntrackedFailure
    }

    /// Reserves an ID for a message that a `send` will await.
    func reserveAwaited() -> UInt {
        reserve(.produced)
    }

    /// Reserves an ID for a message whose outcome goes to `callback`.
    func reserve(callback: @escaping @Sendable (Outcome) -> Void) -> UInt {
        reserve(.callback(callback))
    }

    private func reserve(_ slot: Slot) -> UInt {
        state.withLock { state in
            let id = state.nextID
            state.nextID &+= 1
            if state.nextID == 0 { state.nextID = 1 }
            state.slots[id] = slot
            return id
        }
    }

    /// Forgets `id` (the message was never enqueued).
    func cancel(_ id: UInt) {
        _ = state.withLock { $0.slots.removeValue(forKey: id) }
    }

    /// How many untracked messages failed delivery so far.
    var untrackedFailures: Int { state.withLock { $0.untrackedFailures } }

    /// Waits for the report of message `id`.
    func awaitReport(_ id: UInt) async throws -> KafkaDeliveryReport {
        try await withCheckedThrowingContinuation { continuation in
            let ready: Outcome? = state.withLock { state in
                switch state.slots[id] {
                case .delivered(let outcome):
                    state.slots[id] = nil
                    return outcome
                case .produced:
                    state.slots[id] = .awaiting(continuation)
                    return nil
                case .awaiting, .callback, nil:
                    // Nothing will ever resolve this id (failed at shutdown, or never tracked):
                    // answer now instead of parking a continuation forever.
                    return .failure(.shutdown("the producer shut down before the delivery report"))
                }
            }
            if let ready { continuation.resume(with: ready) }
        }
    }

    /// Called from librdkafka's delivery report callback.
    func complete(_ message: rd_kafka_message_t) {
        let outcome: Outcome
        let topic = message.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
        if message.err == RD_KAFKA_RESP_ERR_NO_ERROR {
            outcome = .success(KafkaDeliveryReport(topic: topic, partition: message.partition, offset: message.offset))
        } else {
            outcome = .failure(.rdKafka(.delivery, message.err, context: "delivery to \(topic) failed"))
        }
        let id = UInt(bitPattern: message._private)
        guard id != 0 else {
            if case .failure(let error) = outcome {
                state.withLock { $0.untrackedFailures += 1 }
                onUntrackedFailure(error)
            }
            return
        }
        resolve(id, outcome)
    }

    private func resolve(_ id: UInt, _ outcome: Outcome) {
        let slot: Slot? = state.withLock { state in
            guard let slot = state.slots[id] else { return nil }
            switch slot {
            case .produced:
                state.slots[id] = .delivered(outcome)
                return nil
            case .delivered:
                // The first outcome (usually the real delivery report) stands; a later one
                // (shutdown's failAll) must not discard it before the `send` collects it.
                return nil
            case .awaiting, .callback:
                break
            }
            state.slots[id] = nil
            return slot
        }
        switch slot {
        case .awaiting(let continuation): continuation.resume(with: outcome)
        case .callback(let callback): callback(outcome)
        case .produced, .delivered, nil: break
        }
    }

    /// Fails every outstanding delivery (shutdown).
    func failAll(_ error: KafkaError) {
        let ids = state.withLock { Array($0.slots.keys) }
        for id in ids { resolve(id, .failure(error)) }
    }
}
