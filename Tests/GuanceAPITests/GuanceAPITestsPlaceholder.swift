// Skeleton file for GuanceAPITests; replace with real tests.
