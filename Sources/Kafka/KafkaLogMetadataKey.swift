/// The dotted swift-log metadata keys this module uses, in one place.
enum KafkaLogMetadataKey {
    static let clientName = "kafka.client.name"
    static let facility = "kafka.log.facility"
    static let topic = "kafka.topic"
    static let partition = "kafka.partition"
    static let offset = "kafka.offset"
    static let error = "kafka.error"
    static let properties = "kafka.properties"
}
