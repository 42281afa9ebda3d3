/// Decides which librdkafka properties hold secrets and hides their values.
///
/// A key is secret when it mentions a password, secret, token or private key, or belongs to
/// the `sasl.oauthbearer.*`/`sasl.jaas*` families. The rule is deliberately broad: redacting a
/// harmless value costs nothing, leaking a password does.
public enum KafkaSecretRedaction {
    /// What a secret value is replaced with.
    public static let placeholder = "<redacted>"

    private static let secretFragments = [
        "password", "secret", "token", "sasl.oauthbearer.", "sasl.jaas", "ssl.key.pem", "private", "credential",
    ]

    /// Whether the property `key` holds a secret value.
    public static func isSecret(key: String) -> Bool {
        let lowered = key.lowercased()
        return secretFragments.contains { lowered.contains($0) }
    }

    /// `properties` with every secret value replaced by ``placeholder``.
    public static func redacted(_ properties: [String: String]) -> [String: String] {
        properties.reduce(into: [:]) { result, entry in
            result[entry.key] = isSecret(key: entry.key) ? placeholder : entry.value
        }
    }

    /// A stable, redacted `key=value, …` rendering (sorted by key).
    public static func describe(_ properties: [String: String]) -> String {
        redacted(properties).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
    }
}
