// The JiraSimulator module. (Skeleton file; replace with the module's real contents.)
