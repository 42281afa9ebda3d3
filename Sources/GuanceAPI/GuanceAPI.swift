// The GuanceAPI module. (Skeleton file; replace with the module's real contents.)
