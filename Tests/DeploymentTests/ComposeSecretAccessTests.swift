import Foundation
import Testing

/// The documented secrets setup has to work: Compose bind-mounts file secrets with their host
/// owner, group and mode (the long syntax's `uid`/`gid`/`mode` are ignored for files), and the
/// containers run as other users (the stages 10001, Grafana 472). No Docker engine runs here, so
/// the POSIX permission check a container would make is evaluated on what the files say.
@Suite("compose.yaml: secrets are readable by the containers that mount them, and only by them")
struct ComposeSecretAccessTests {
    let compose: ComposeFile

    init() throws {
        compose = try ComposeFile.load()
    }

    /// Every `umask NNN` the setup steps show (README, secrets/README.md, the runbook, compose.yaml).
    private func documentedUmasks() throws -> [String: Set<Int>] {
        var found: [String: Set<Int>] = [:]
        for file in ["README.md", "secrets/README.md", "ops/RUNBOOK.md", "compose.yaml"] {
            let text = try Repository.text(file)
            for match in text.matches(of: try Regex(#"umask ([0-7]{3,4})"#)) {
                let digits = String(text[match.range].dropFirst("umask ".count))
                found[file, default: []].insert(Int(digits, radix: 8) ?? -1)
            }
        }
        return found
    }

    @Test("every setup step creates secrets with one mode: group-readable, not world-readable")
    func oneDocumentedMode() throws {
        let umasks = try documentedUmasks()
        #expect(Set(umasks.keys) == ["README.md", "secrets/README.md", "ops/RUNBOOK.md", "compose.yaml"],
                "each place that shows the setup shows its umask")
        let all = umasks.values.reduce(into: Set<Int>()) { $0.formUnion($1) }
        #expect(all.count == 1, "the documents disagree: \(all.map { String($0, radix: 8) })")
        let mode = 0o666 & ~(all.first ?? 0o777)
        #expect(mode & 0o004 == 0, "secrets must not be world-readable (mode \(String(mode, radix: 8)))")
    }

    @Test("a container that mounts a secret can read the file the documented steps create")
    func containersCanRead() throws {
        let umask = try documentedUmasks().values.reduce(into: Set<Int>()) { $0.formUnion($1) }.first ?? 0o777
        let mode = 0o666 & ~umask
        // The steps set the group the files get (the creator's primary group) as SYNC_SECRETS_GID.
        let secretsReadme = try Repository.text("secrets/README.md")
        #expect(secretsReadme.contains(#"SYNC_SECRETS_GID=$(id -g)"#))
        let envExample = try Repository.text(".env.example")
        #expect(envExample.split(separator: "\n").contains { $0.hasPrefix("SYNC_SECRETS_GID=") })
        let dockerfile = try Repository.text("ops/docker/Dockerfile")
        #expect(dockerfile.contains("USER \(RuntimeContract.imageUsers["guance-jira-sync"] ?? -1)"))

        for (name, service) in compose.services.sorted(by: { $0.key < $1.key }) {
            guard !(try compose.secrets(of: name)).isEmpty else { continue }
            let image = (service["image"] as? String ?? "").split(separator: ":").first.map(String.init) ?? ""
            let user = service["user"] as? String
            #expect(user == nil, "\(name) overrides its user; the secrets contract assumes the image's")
            #expect(RuntimeContract.imageUsers[image] != nil, "\(name): unknown image user for \(image)")
            let groups = (service["group_add"] as? [Any] ?? []).map { "\($0)" }
            let joinsSecretsGroup = groups.contains { ComposeFile.interpolation($0)?.name == "SYNC_SECRETS_GID" }
            // The owner is the operator, never the container's user: only the group or "others" can grant it.
            let readable = (joinsSecretsGroup && mode & 0o040 != 0) || mode & 0o004 != 0
            #expect(readable, "\(name) (uid \(RuntimeContract.imageUsers[image] ?? -1), groups \(groups)) cannot read a secret of mode \(String(mode, radix: 8))")
        }
    }

    @Test("health and metrics are never published on the host; only jira-poller's webhook listener is")
    func onlyTheWebhookIsPublished() throws {
        for stage in RuntimeContract.stages {
            let service = try compose.service(stage)
            let ports = (service["ports"] as? [Any] ?? []).map { "\($0)" }
            for port in ports {
                #expect(!port.hasSuffix(":\(RuntimeContract.httpPort)"), "\(stage) publishes the health/metrics port: \(port)")
            }
            if stage == "jira-poller" {
                let environment = try compose.environment(of: stage)
                #expect(environment["SYNC_WEBHOOK_PORT"] == "\(RuntimeContract.webhookPort)")
                #expect(ports.count == 1 && ports[0].hasSuffix(":\(RuntimeContract.webhookPort)"), "\(ports)")
                #expect(ports.first?.hasPrefix("${JIRA_WEBHOOK_BIND_ADDRESS:-127.0.0.1}:") == true,
                        "the webhook is published on 127.0.0.1 unless .env says otherwise")
            } else {
                #expect(ports.isEmpty, "\(stage) publishes \(ports)")
            }
        }
    }
}
