internal import Crdkafka
import Logging
import Synchronization

/// Owns one `rd_kafka_t` handle and the context its C callbacks use.
///
/// `@unchecked Sendable`, C boundary: `rd_kafka_t` is documented thread-safe for every call we
/// make from several threads (produce, poll, commit, metadata, …); the pointer itself is
/// immutable, and `destroy()` runs exactly once (guarded by an atomic flag), after which the
/// owning Kafka type makes no further calls.
final class RDKafkaClient: @unchecked Sendable {
    /// The librdkafka handle.
    let handle: OpaquePointer
    /// What the C callbacks use.
    let context: RDKafkaClientContext
    private let retainedContext: Unmanaged<RDKafkaClientContext>
    private let destroyed = Atomic<Bool>(false)

    /// Whether ``destroy()`` has run (or is running). Blocking callers check it on the same
    /// serial queue that destroys the handle, so no call can overlap the destroy.
    var isDestroyed: Bool { destroyed.load(ordering: .acquiring) }

    /// Creates a handle of `type` from `properties`; routes logs, errors, statistics and
    /// (when the context has them) delivery reports and rebalances to `context`.
    init(type: rd_kafka_type_t, properties: [String: String], context: RDKafkaClientContext) throws(KafkaError) {
        let conf = try Self.makeConf(properties: properties)
        let retained = Unmanaged.passRetained(context)
        rd_kafka_conf_set_opaque(conf, retained.toOpaque())
        Self.installCallbacks(conf: conf, context: context)
        var errorText = [CChar](repeating: 0, count: 512)
        guard let handle = rd_kafka_new(type, conf, &errorText, errorText.count) else {
            // rd_kafka_new frees the conf only on success.
            rd_kafka_conf_destroy(conf)
            retained.release()
            let reason = errorText.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            throw KafkaError(kind: .client, reason: context.scrubbed(reason))
        }
        self.handle = handle
        self.context = context
        self.retainedContext = retained
    }

    /// Destroys the handle (blocking: joins librdkafka's threads). Idempotent.
    /// Call it off the cooperative pool (the Kafka types do so on their blocking queue).
    func destroy() {
        guard !destroyed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        rd_kafka_destroy(handle)
        retainedContext.release()
    }

    deinit {
        destroy()
    }

    /// The name librdkafka gave this client (e.g. `rdkafka#producer-1`).
    var name: String { String(cString: rd_kafka_name(handle)) }

    private static func makeConf(properties: [String: String]) throws(KafkaError) -> OpaquePointer {
        let conf = rd_kafka_conf_new()!
        var errorText = [CChar](repeating: 0, count: 512)
        for (key, value) in properties.sorted(by: { $0.key < $1.key }) {
            guard rd_kafka_conf_set(conf, key, value, &errorText, errorText.count) != RD_KAFKA_CONF_OK else { continue }
            rd_kafka_conf_destroy(conf)
            let detail = errorText.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            let reason = KafkaSecretRedaction.isSecret(key: key)
                ? "invalid value for \(key) (value redacted)"
                : detail
            throw KafkaError(kind: .configuration, reason: reason)
        }
        return conf
    }

    private static func installCallbacks(conf: OpaquePointer, context: RDKafkaClientContext) {
        rd_kafka_conf_set_log_cb(conf) { client, level, facility, message in
            guard let client, let opaque = rd_kafka_opaque(client) else { return }
            let context = Unmanaged<RDKafkaClientContext>.fromOpaque(opaque).takeUnretainedValue()
            context.log(
                level: level,
                facility: facility.map { String(cString: $0) } ?? "",
                message: message.map { String(cString: $0) } ?? ""
            )
        }
        rd_kafka_conf_set_error_cb(conf) { client, code, reason, opaque in
            guard let opaque else { return }
            let context = Unmanaged<RDKafkaClientContext>.fromOpaque(opaque).takeUnretainedValue()
            let error = rd_kafka_resp_err_t(rawValue: code)
            var text = reason.map { String(cString: $0) } ?? ""
            guard error == RD_KAFKA_RESP_ERR__FATAL, let client else {
                context.logger.warning(
                    "librdkafka error: \(context.scrubbed(text))",
                    metadata: [KafkaLogMetadataKey.error: "\(String(cString: rd_kafka_err2name(error)))"]
                )
                return
            }
            var fatalText = [CChar](repeating: 0, count: 512)
            let underlying = rd_kafka_fatal_error(client, &fatalText, fatalText.count)
            let name = String(cString: rd_kafka_err2name(underlying))
            text += " — fatal: \(name) " + fatalText.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            let fatal = KafkaError(
                kind: .client, reason: context.scrubbed(text), code: underlying.rawValue, codeName: name, isFatal: true)
            context.logger.error("librdkafka fatal error: \(fatal.reason)", metadata: [KafkaLogMetadataKey.error: "\(name)"])
            context.fatalErrorHandler?(fatal)
        }
        if context.statisticsHandler != nil {
            rd_kafka_conf_set_stats_cb(conf) { _, json, length, opaque in
                guard let opaque, let json else { return 0 }
                let context = Unmanaged<RDKafkaClientContext>.fromOpaque(opaque).takeUnretainedValue()
                let text = UnsafeRawBufferPointer(start: json, count: length)
                context.statisticsHandler?(String(decoding: text, as: UTF8.self))
                return 0  // librdkafka frees the JSON buffer
            }
        }
        if context.deliveries != nil {
            rd_kafka_conf_set_dr_msg_cb(conf) { _, message, opaque in
                guard let opaque, let message else { return }
                let context = Unmanaged<RDKafkaClientContext>.fromOpaque(opaque).takeUnretainedValue()
                context.deliveries?.complete(message.pointee)
            }
        }
        if context.assignment != nil {
            rd_kafka_conf_set_rebalance_cb(conf) { client, code, partitions, opaque in
                guard let client, let opaque else { return }
                let context = Unmanaged<RDKafkaClientContext>.fromOpaque(opaque).takeUnretainedValue()
                context.assignment?.rebalance(client: client, code: code, partitions: partitions, logger: context.logger)
            }
        }
    }
}
