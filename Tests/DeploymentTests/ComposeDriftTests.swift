import Foundation
import SyncCore
import Testing

/// `compose.yaml` (and the Dockerfile it builds) against the code's contracts: the topic
/// catalogue, the executables' environment variables and secrets, scaling and health.
@Suite("compose.yaml drift")
struct ComposeDriftTests {
    let compose: ComposeFile

    init() throws {
        compose = try ComposeFile.load()
    }

    @Test("every pipeline stage is a service running the executable of its name")
    func stagesAreServices() throws {
        for stage in RuntimeContract.stages {
            let command = try compose.command(of: stage)
            #expect(command.first == stage, "\(stage) runs \(command)")
        }
    }

    @Test("topics-init applies the topics/ catalogue that the image ships, and every topic named anywhere is in it")
    func topicsMatchTheCatalogue() throws {
        let catalog = try TopicCatalog.load(directory: Repository.url("topics"))
        let names = Set(catalog.topics.map(\.name))
        #expect(names == Set(SyncTopic.allCases.map(\.name)))

        let command = try compose.command(of: "topics-init")
        #expect(Array(command.prefix(3)) == ["syncctl", "topics", "apply"])
        let catalogDirectory = try #require(command.firstIndex(of: "--catalog").map { command[$0 + 1] }, "no --catalog")
        let dockerfile = try Repository.text("ops/docker/Dockerfile")
        #expect(dockerfile.contains("COPY topics \(catalogDirectory)"), "the image must ship topics/ at \(catalogDirectory)")
        let brokers = try #require(command.firstIndex(of: "--brokers").map { command[$0 + 1] }, "no --brokers")
        #expect(try compose.environment(of: "guance-poller")["KAFKA_BROKERS"] == brokers)

        // A topic-like name (`<system>.<what>.v<N>`) in any deployment file must be a catalogue topic.
        let files = [
            "compose.yaml", "ops/prometheus/alerts.yml", "ops/prometheus/prometheus.yml",
            "ops/grafana/dashboards/guance-jira-sync.json", "ops/RUNBOOK.md",
        ]
        let pattern = try Regex(#"\b(?:guance|jira|sync)\.[a-z-]+\.v[0-9]+\b"#)
        for file in files {
            let text = try Repository.text(file)
            for match in text.matches(of: pattern) {
                let name = String(text[match.range])
                // The runbook's example of how a new incompatible version would be named.
                if file == "ops/RUNBOOK.md", name == "guance.events.v2" { continue }
                #expect(names.contains(name), "\(file) names topic \(name), which topics/ does not declare")
            }
        }
    }

    @Test("stages set only the contract's environment variables, and secrets only as *_FILE")
    func environmentFollowsTheContract() throws {
        for stage in RuntimeContract.stages {
            let environment = try compose.environment(of: stage)
            for name in environment.keys {
                #expect(RuntimeContract.environment.contains(name), "\(stage) sets \(name), which is not in the runtime contract")
                #expect(!RuntimeContract.secrets.contains(name), "\(stage) sets the secret \(name) inline; use \(name)_FILE")
            }
            #expect(environment["KAFKA_BROKERS"] != nil, "\(stage) has no KAFKA_BROKERS")
            #expect(environment["SYNC_HTTP_PORT"] == "\(RuntimeContract.httpPort)")
            if let group = RuntimeContract.defaultGroups[stage] {
                #expect(environment["SYNC_CONSUMER_GROUP"] == group, "\(stage) must consume as \(group)")
            } else {
                #expect(environment["SYNC_CONSUMER_GROUP"] == nil, "\(stage) is not a consumer group member")
            }
        }
        let dockerfile = try Repository.text("ops/docker/Dockerfile")
        for secret in RuntimeContract.secrets {
            #expect(!dockerfile.contains(secret + "="), "the image must not bake in \(secret)")
        }
    }

    @Test("every secret a stage mounts arrives as its *_FILE variable, and every *_FILE names a mounted secret")
    func secretsAreFiles() throws {
        let declared = compose.declaredSecretFiles
        for (name, file) in declared {
            #expect(file.hasPrefix("./secrets/"), "secret \(name) must live under ./secrets/ (gitignored), not \(file)")
        }
        let ignore = try Repository.text("secrets/.gitignore")
        #expect(ignore.split(separator: "\n").contains("*"), "secrets/.gitignore must ignore every secret file")
        let envExample = try Repository.text(".env.example")
        for stage in RuntimeContract.stages {
            let environment = try compose.environment(of: stage)
            let mounted = Set(try compose.secrets(of: stage))
            for secret in mounted {
                #expect(declared[secret] != nil, "\(stage) mounts secret \(secret), which is not declared")
                let variable = secret.uppercased() + "_FILE"
                let path = "/run/secrets/\(secret)"
                let value = try #require(environment[variable], "\(stage) mounts \(secret) but does not set \(variable)")
                // Either the fixed path, or a .env choice (`${VAR-path}`, or `${VAR-}` = off unless .env names the path).
                switch ComposeFile.interpolation(value) {
                case nil:
                    #expect(value == path, "\(stage): \(variable)=\(value), expected \(path)")
                case let (name, fallback)?:
                    #expect(name == variable, "\(stage): \(variable) is read from ${\(name)}")
                    #expect(fallback == path || fallback.isEmpty, "\(stage): \(variable) defaults to \(fallback)")
                    #expect(envExample.contains("\(variable)=\(path)"), ".env.example does not show how to set \(variable)=\(path)")
                }
            }
            for variable in environment.keys where variable.hasSuffix("_FILE") {
                let secret = String(variable.dropLast("_FILE".count)).lowercased()
                #expect(mounted.contains(secret), "\(stage) sets \(variable) without mounting the secret \(secret)")
            }
        }
    }

    @Test("writers can be scaled: no container_name and no host ports")
    func writersScale() throws {
        for writer in RuntimeContract.writers {
            let service = try compose.service(writer)
            #expect(service["container_name"] == nil, "\(writer) has a container_name: --scale would collide")
            #expect(service["ports"] == nil, "\(writer) publishes host ports: --scale would collide")
        }
    }

    @Test("stages restart, stop gracefully, wait for the topics, and are health-checked on /healthz or /readyz")
    func stagesAreOperable() throws {
        for stage in RuntimeContract.stages {
            let service = try compose.service(stage)
            #expect(service["restart"] as? String == "unless-stopped", "\(stage) restart policy")
            #expect(service["stop_signal"] as? String == "SIGTERM", "\(stage) stop signal")
            #expect(service["stop_grace_period"] != nil, "\(stage) has no stop_grace_period")
            let dependsOn = service["depends_on"] as? [String: Any]
            #expect((dependsOn?["topics-init"] as? [String: Any])?["condition"] as? String == "service_completed_successfully")

            let healthcheck = try #require(service["healthcheck"] as? [String: Any], "\(stage) has no healthcheck")
            let test = try #require(healthcheck["test"] as? [String], "\(stage) healthcheck test must be a CMD list")
            #expect(Array(test.prefix(3)) == ["CMD", "syncctl", "health"], "\(stage) probes with \(test)")
            let url = try #require(test.firstIndex(of: "--url").map { URL(string: test[$0 + 1]) } ?? nil, "\(stage): no --url")
            #expect(RuntimeContract.healthPaths.contains(url.path), "\(stage) probes \(url.path)")
            #expect(url.port == RuntimeContract.httpPort)

            let volumes = service["volumes"] as? [[String: Any]] ?? []
            let config = volumes.first { $0["target"] as? String == "/etc/guance-jira-sync/sync.yaml" }
            #expect(config?["read_only"] as? Bool == true, "\(stage) must mount the config read-only")
        }
    }

    @Test("the image builds every executable compose runs, and syncctl for the health checks")
    func imageHasTheExecutables() throws {
        let dockerfile = try Repository.text("ops/docker/Dockerfile")
        let productLine = try #require(dockerfile.split(separator: "\n").first { $0.contains("for product in") })
        for executable in RuntimeContract.stages + ["syncctl"] {
            #expect(productLine.contains(" \(executable)"), "the Dockerfile does not install \(executable)")
        }
        #expect(dockerfile.contains("FROM debian:bookworm-slim"))
        #expect(dockerfile.contains("USER 10001"), "the runtime image must not run as root")
        let ignore = try Repository.text(".dockerignore").split(separator: "\n").map(String.init)
        for excluded in [".build", ".git", "secrets", ".env"] {
            #expect(ignore.contains(excluded), ".dockerignore must exclude \(excluded)")
        }
    }
}

extension ComposeDriftTests {
    @Test(".env.example documents every variable compose.yaml interpolates, and holds no secret")
    func envExampleCoversInterpolations() throws {
        let text = try Repository.text("compose.yaml")
        let used = Set(text.matches(of: try Regex(#"\$\{([A-Z0-9_]+)"#)).map { match in
            String(text[match.range].dropFirst(2))
        })
        #expect(!used.isEmpty)
        let example = try Repository.text(".env.example")
        let documented = Set(example.split(separator: "\n").compactMap { line -> String? in
            guard !line.hasPrefix("#"), let equals = line.firstIndex(of: "=") else { return nil }
            return String(line[..<equals])
        })
        #expect(used.subtracting(documented).isEmpty, "not in .env.example: \(used.subtracting(documented).sorted())")
        for secret in RuntimeContract.secrets {
            #expect(!documented.contains(secret), ".env.example must not carry the secret \(secret)")
        }
    }
}
