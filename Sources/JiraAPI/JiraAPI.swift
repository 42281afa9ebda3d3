// The JiraAPI module. (Skeleton file; replace with the module's real contents.)
