// Skeleton file for SyncCoreTests; replace with real tests.
