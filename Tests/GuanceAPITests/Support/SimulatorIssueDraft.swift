import GuanceSimulator

/// The simulator's issue draft, named apart from `GuanceAPI.GuanceIssueDraft` (the module and its
/// main class share the name `GuanceSimulator`, so the type cannot be qualified at the use site).
typealias SimulatorIssueDraft = GuanceIssueDraft
