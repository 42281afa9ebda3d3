internal import Crdkafka
import Logging
import Synchronization

/// A Kafka producer: keyed messages with headers, acknowledged by the cluster.
///
/// Two ways to send:
/// - ``send(_:)`` returns only after the delivery report, with the partition and offset
///   (use it when the next step depends on the message being durable, e.g. advancing a cursor);
/// - ``enqueue(_:onDelivery:)`` returns once the message is queued locally (batches, high
///   throughput); the outcome goes to an optional callback, failures are also logged and counted.
///
/// The first messages to a topic the producer has no metadata for yet wait for it (measured
/// with librdkafka 2.0.2: about 1 s for a large burst, as keyed messages sit in the
/// unassigned queue until the next topic scan). Producers are meant to be long-lived; the
/// benchmark sends one message before it starts the clock.
///
/// Delivery reports are served by a dedicated poll thread; ``flush(timeout:)`` and
/// ``shutdown()`` run their blocking librdkafka calls on a private dispatch queue, never on
/// Swift's cooperative pool. Call ``shutdown()`` before dropping the producer: it flushes.
public final class KafkaProducer: Sendable {
    private let client: RDKafkaClient
    private let deliveries: DeliveryRegistry
    private let pollThread: RDKafkaPollThread
    private let blocking: BlockingQueue
    private let configuration: KafkaProducerConfiguration
    private let logger: Logger
    private let isShutDown = Atomic<Bool>(false)

    /// Creates a producer and starts serving its delivery reports.
    /// - Throws: ``KafkaError`` (`.configuration`/`.client`) when librdkafka rejects the settings.
    public init(configuration: KafkaProducerConfiguration, logger: Logger) throws(KafkaError) {
        let properties = configuration.librdkafkaProperties()
        let deliveries = DeliveryRegistry { error in
            logger.warning("fire-and-forget message not delivered", metadata: [KafkaLogMetadataKey.error: "\(error)"])
        }
        let context = RDKafkaClientContext(
            logger: logger,
            properties: properties,
            statisticsHandler: configuration.client.statisticsHandler,
            fatalErrorHandler: configuration.client.fatalErrorHandler,
            deliveries: deliveries
        )
        client = try RDKafkaClient(type: RD_KAFKA_PRODUCER, properties: properties, context: context)
        self.deliveries = deliveries
        self.configuration = configuration
        self.logger = logger
        blocking = BlockingQueue(label: "kafka.producer.blocking")
        pollThread = RDKafkaPollThread(name: "kafka-producer-poll", client: client)
        logger.debug(
            "Kafka producer created",
            metadata: [KafkaLogMetadataKey.properties: "\(KafkaSecretRedaction.describe(properties))"]
        )
    }

    /// Sends `message` and waits for the cluster's acknowledgement.
    ///
    /// librdkafka retries transient failures (broker down, leader change) by itself until
    /// ``KafkaProducerConfiguration/messageTimeout``; with the idempotent producer the retries
    /// neither duplicate nor reorder.
    /// Cancelling the calling task does not cancel the send: once queued, the message is in
    /// flight, and the call returns with its delivery report (bounded by the message timeout).
    /// - Returns: the partition and offset the message was written to.
    /// - Throws: ``KafkaError`` (`.delivery`, with ``KafkaError/isRetriable``/``KafkaError/isFatal``)
    ///   or `.shutdown`.
    public func send(_ message: KafkaProducerMessage) async throws -> KafkaDeliveryReport {
        let id = deliveries.reserveAwaited()
        do {
            try await produceRetryingWhileQueueFull(message, id: id)
        } catch {
            deliveries.cancel(id)
            throw error
        }
        return try await deliveries.awaitReport(id)
    }

    /// Queues `message` and returns without waiting for the acknowledgement.
    ///
    /// Waits (without blocking a thread) only while librdkafka's local queue is full.
    /// - Parameter onDelivery: receives the outcome on the poll thread; keep it quick.
    /// - Throws: ``KafkaError`` when the message cannot be queued (unknown topic, too large, shut down).
    public func enqueue(
        _ message: KafkaProducerMessage,
        onDelivery: (@Sendable (Result<KafkaDeliveryReport, KafkaError>) -> Void)? = nil
    ) async throws {
        let id = onDelivery.map { deliveries.reserve(callback: $0) } ?? 0
        do {
            try await produceRetryingWhileQueueFull(message, id: id)
        } catch {
            if id != 0 { deliveries.cancel(id) }
            throw error
        }
    }

    /// How many ``enqueue(_:onDelivery:)`` messages without a callback failed delivery.
    public var undeliveredMessageCount: Int { deliveries.untrackedFailures }

    /// Waits until every queued message was acknowledged or failed, at most `timeout`.
    /// - Throws: ``KafkaError`` with code `_TIMED_OUT` when messages are still queued.
    public func flush(timeout: Duration) async throws {
        let client = client
        let milliseconds = Int32(clamping: timeout.wholeMilliseconds)
        // On the queue that also destroys the handle, so a flush never overlaps the destroy.
        let error = await blocking.run { client.isDestroyed ? RD_KAFKA_RESP_ERR__DESTROY : rd_kafka_flush(client.handle, milliseconds) }
        if error == RD_KAFKA_RESP_ERR__DESTROY {
            throw KafkaError.shutdown("the producer is shut down")
        }
        if error != RD_KAFKA_RESP_ERR_NO_ERROR {
            throw KafkaError.rdKafka(.delivery, error, context: "flush")
        }
    }

    /// A producer dropped without ``shutdown()``: stop the poll thread, which then drops the last
    /// reference to the client, so `rd_kafka_destroy` runs on that plain thread, never on the
    /// cooperative pool, and nothing leaks. Queued messages are not flushed: call ``shutdown()``.
    deinit {
        pollThread.requestStop()
    }

    /// Flushes (up to ``KafkaProducerConfiguration/shutdownFlushTimeout``), fails sends still
    /// waiting, stops the poll thread and destroys the client. Idempotent.
    public func shutdown() async {
        guard !isShutDown.exchange(true, ordering: .acquiringAndReleasing) else { return }
        do {
            try await flush(timeout: configuration.shutdownFlushTimeout)
        } catch {
            logger.warning("Kafka producer shut down with undelivered messages", metadata: [KafkaLogMetadataKey.error: "\(error)"])
        }
        await pollThread.stop()
        deliveries.failAll(.shutdown("the producer shut down before the delivery report"))
        let client = client
        await blocking.run { client.destroy() }
    }

    private func produceRetryingWhileQueueFull(_ message: KafkaProducerMessage, id: UInt) async throws {
        while true {
            guard !isShutDown.load(ordering: .acquiring) else {
                throw KafkaError.shutdown("the producer is shut down")
            }
            do {
                try RDKafkaProduce.produce(message, client: client, opaqueID: id)
                return
            } catch let error where error.code == RD_KAFKA_RESP_ERR__QUEUE_FULL.rawValue {
                try await Task.sleep(for: .milliseconds(2))
            }
        }
    }
}
