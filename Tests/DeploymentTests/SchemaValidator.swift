import Foundation
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
        let output = directory.appendingPathComponent("output.txt")
        try json.write(to: document)
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        defer { try? handle.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, schema.path, document.path]
        process.standardOutput = handle
        process.standardError = handle
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        return Outcome(status: status, output: try String(contentsOf: output, encoding: .utf8))
    }
}
