// Skeleton file for RichTextTests; replace with real tests.
