import Foundation

/// A credential (API key, token, password). Its description is always redacted, so it cannot leak
/// through logs, error messages or string interpolation; only ``reveal()`` gives the value, at the
/// one place that puts it in a request header.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    private let value: String

    /// Wraps a credential.
    public init(_ value: String) {
        self.value = value
    }

    /// The credential itself. Call only where it is sent.
    public func reveal() -> String { value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }

    /// Reads a secret from the environment: `NAME`, or the contents of the file named by `NAME_FILE`
    /// (Docker/Compose secrets), trimmed of surrounding whitespace. `nil` when neither is set.
    public static func fromEnvironment(
        _ name: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(SecretError) -> Secret? {
        if let path = environment[name + "_FILE"], !path.isEmpty {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw SecretError(variable: name + "_FILE", reason: "cannot read the file \(path)")
            }
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { throw SecretError(variable: name + "_FILE", reason: "the file \(path) is empty") }
            return Secret(text)
        }
        if let value = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty {
            return Secret(value)
        }
        return nil
    }
}

/// A secret that is configured but unusable.
public struct SecretError: Error, Sendable, CustomStringConvertible {
    /// The environment variable at fault.
    public var variable: String
    /// What is wrong (never the secret itself).
    public var reason: String

    public var description: String { "\(variable): \(reason)" }
}
