internal import Crdkafka

/// `rd_kafka_produceva` for one message (the variadic `rd_kafka_producev` does not import).
///
/// Ownership rules of librdkafka 2.0.2 honoured here:
/// - headers go as one `RD_KAFKA_VTYPE_HEADERS` list: librdkafka takes it only on success, so
///   on failure we destroy it ourselves (per-header `VTYPE_HEADER` risks a double free, librdkafka#4627);
/// - the returned `rd_kafka_error_t` is always destroyed (``KafkaError/consuming(_:_:context:)``);
/// - errors come from that return value, never from the thread-local `rd_kafka_last_error()`;
/// - key and value are copied (`RD_KAFKA_MSG_F_COPY`), so Swift buffers need not outlive the call.
enum RDKafkaProduce {
    static func produce(_ message: KafkaProducerMessage, client: RDKafkaClient, opaqueID: UInt) throws(KafkaError) {
        let headers = makeHeaders(message.headers)
        let error: OpaquePointer? = message.topic.withCString { topic in
            withOptionalBytes(message.key) { key in
                withOptionalBytes(message.value) { value in
                    // A stack buffer: no heap allocation per message on the hot path.
                    withUnsafeTemporaryAllocation(of: rd_kafka_vu_t.self, capacity: 7) { buffer in
                        var count = 0
                        func append(_ argument: rd_kafka_vu_t) {
                            buffer.initializeElement(at: count, to: argument)
                            count += 1
                        }
                        append(argument(RD_KAFKA_VTYPE_TOPIC) { $0.cstr = topic })
                        append(argument(RD_KAFKA_VTYPE_MSGFLAGS) { $0.i = RD_KAFKA_MSG_F_COPY })
                        append(argument(RD_KAFKA_VTYPE_VALUE) {
                            $0.mem.ptr = UnsafeMutableRawPointer(mutating: value?.baseAddress)
                            $0.mem.size = value?.count ?? 0
                        })
                        if let key {
                            append(argument(RD_KAFKA_VTYPE_KEY) {
                                $0.mem.ptr = UnsafeMutableRawPointer(mutating: key.baseAddress)
                                $0.mem.size = key.count
                            })
                        }
                        if let partition = message.partition {
                            append(argument(RD_KAFKA_VTYPE_PARTITION) { $0.i32 = partition })
                        }
                        if opaqueID != 0 {
                            append(argument(RD_KAFKA_VTYPE_OPAQUE) { $0.ptr = UnsafeMutableRawPointer(bitPattern: opaqueID) })
                        }
                        if let headers {
                            append(argument(RD_KAFKA_VTYPE_HEADERS) { $0.headers = headers })
                        }
                        return rd_kafka_produceva(client.handle, buffer.baseAddress, count)
                    }
                }
            }
        }
        guard let error else { return }
        if let headers { rd_kafka_headers_destroy(headers) }
        throw KafkaError.consuming(.delivery, error, context: "cannot produce to \(message.topic)")
    }

    private static func argument(_ type: rd_kafka_vtype_t, _ fill: (inout rd_kafka_vu_t.__Unnamed_union_u) -> Void) -> rd_kafka_vu_t {
        var argument = rd_kafka_vu_t()
        argument.vtype = type
        fill(&argument.u)
        return argument
    }

    /// A new header list (librdkafka copies names and values), or `nil` for no headers.
    private static func makeHeaders(_ headers: [KafkaHeader]) -> OpaquePointer? {
        guard !headers.isEmpty else { return nil }
        let list = rd_kafka_headers_new(headers.count)
        for header in headers {
            _ = withOptionalBytes(header.value) { value in
                rd_kafka_header_add(list, header.name, -1, value?.baseAddress, value?.count ?? 0)
            }
        }
        return list
    }

    /// Calls `body` with the bytes of `bytes` (a non-nil buffer even when empty), or `nil`.
    private static func withOptionalBytes<Result>(
        _ bytes: [UInt8]?,
        _ body: (UnsafeRawBufferPointer?) -> Result
    ) -> Result {
        guard let bytes else { return body(nil) }
        if bytes.isEmpty {
            return withUnsafeTemporaryAllocation(byteCount: 1, alignment: 1) { body(UnsafeRawBufferPointer(start: $0.baseAddress, count: 0)) }
        }
        return bytes.withUnsafeBytes { body($0) }
    }
}
