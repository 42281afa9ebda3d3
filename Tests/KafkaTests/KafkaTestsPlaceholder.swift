// Skeleton file for KafkaTests; replace with real tests.
