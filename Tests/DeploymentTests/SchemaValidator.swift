import Foundation
import ProcessSupport
import Yams

/// Validates a document against a JSON Schema with Python's `jsonschema` (installed by
/// `ops/scripts/install-deps.sh`), run as a child process. YAML is converted to JSON here with
/// Yams, so Python needs no YAML library.
struct SchemaValidator {
    /// What the validator said.
    struct Outcome {
        /// The process's exit status: 0 valid, 1 invalid, 2 validator unavailable.
        var status: Int32
        /// Its output: one line per violation, or why it could not run.
        var output: String
        var isValid: Bool { status == 0 }
    }

    /// The schema file.
    var schema: URL

    private static let script = """
        import json, sys
        try:
            import jsonschema
        except ImportError:
            print("python3 has no jsonschema module: run ops/scripts/install-deps.sh")
            sys.exit(2)
        schema = json.load(open(sys.argv[1]))
        document = json.load(open(sys.argv[2]))
        validator = jsonschema.validators.validator_for(schema)(schema)
        errors = sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
        for error in errors:
            print("/".join(map(str, error.absolute_path)) + ": " + error.message)
        sys.exit(1 if errors else 0)
        """

    /// Validates YAML text (converted to JSON first).
    func validate(yaml: String) async throws -> Outcome {
        let value = try Yams.load(yaml: yaml) ?? NSNull()
        return try await validate(json: JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]))
    }

    /// Validates a JSON document.
    func validate(json: Data) async throws -> Outcome {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let document = directory.appendingPathComponent("document.json")
        try json.write(to: document)
        let (status, output) = try await SpawnedProcess.run(
            "/usr/bin/env", ["python3", "-c", Self.script, schema.path, document.path])
        return Outcome(status: status, output: output)
    }
}
