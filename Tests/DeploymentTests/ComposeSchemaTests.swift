import Foundation
import Testing

/// `compose.yaml` against the Compose Specification JSON Schema (a copy kept in
/// `ops/compose/compose-spec.schema.json`), and proof that the check rejects broken files.
@Suite("compose.yaml schema")
struct ComposeSchemaTests {
    let validator = SchemaValidator(schema: Repository.url("ops/compose/compose-spec.schema.json"))

    @Test("compose.yaml is a valid Compose file")
    func composeIsValid() async throws {
        let outcome = try await validator.validate(yaml: try Repository.text("compose.yaml"))
        #expect(outcome.isValid, "\(outcome.output)")
    }

    /// Each broken copy differs from `compose.yaml` by one edit the schema forbids.
    @Test(
        "a broken copy is rejected",
        arguments: [
            ("unknown service key", "    restart: unless-stopped\n", "    restart: unless-stopped\n    restart_policy: always\n"),
            ("bad depends_on condition", "condition: service_completed_successfully", "condition: service_finished"),
            ("unknown healthcheck key, through the shared anchor", "retries: 3\n", "retries: 3\n  test_timeout: 5s\n"),
            ("secret without a source", "  guance_api_key:\n    file: ./secrets/guance_api_key\n", "  guance_api_key:\n    filename: ./secrets/guance_api_key\n"),
        ])
    func brokenCopyIsRejected(_ name: String, _ original: String, _ replacement: String) async throws {
        let text = try Repository.text("compose.yaml")
        let range = try #require(text.range(of: original), "compose.yaml no longer contains \(original.debugDescription) (\(name))")
        let broken = text.replacingCharacters(in: range, with: replacement)
        let outcome = try await validator.validate(yaml: broken)
        #expect(outcome.status == 1, "\(name): expected a schema violation, got status \(outcome.status): \(outcome.output)")
        #expect(!outcome.output.isEmpty)
    }

    @Test("a validator that cannot run (no schema file) fails instead of passing")
    func validatorThatCannotRunFails() async throws {
        let missing = SchemaValidator(schema: Repository.url("ops/compose/no-such-schema.json"))
        let outcome = try await missing.validate(yaml: try Repository.text("compose.yaml"))
        #expect(!outcome.isValid, "a validator that cannot run must not report success")
    }
}
