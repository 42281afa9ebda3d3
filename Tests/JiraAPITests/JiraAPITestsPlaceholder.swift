// Skeleton file for JiraAPITests; replace with real tests.
