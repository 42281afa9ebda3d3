import Foundation
import Testing

/// The Prometheus scrape config, alert rules and Grafana dashboard against the metric names of
/// the runtime contract and the Compose services.
@Suite("Prometheus and Grafana files")
struct ObservabilityTests {
    @Test("the metric-name reader finds metrics, not labels, functions or strings")
    func readerFindsMetrics() {
        let names = PromQLNames.metrics(
            in: #"histogram_quantile(0.95, sum by (stage, le) (rate(sync_x_bucket{job="sync_not_a_metric"}[5m]))) / up"#)
        #expect(names == ["sync_x_bucket", "up"])
    }

    @Test("Prometheus scrapes every stage through DNS discovery on its service name and port")
    func scrapeConfigCoversTheStages() throws {
        let config = try Repository.yaml("ops/prometheus/prometheus.yml")
        let jobs = try #require(config["scrape_configs"] as? [[String: Any]])
        let compose = try ComposeFile.load()
        for stage in RuntimeContract.stages {
            let job = try #require(jobs.first { $0["job_name"] as? String == stage }, "no scrape job for \(stage)")
            let discovery = try #require((job["dns_sd_configs"] as? [[String: Any]])?.first, "\(stage): scaled replicas need dns_sd_configs")
            #expect(discovery["names"] as? [String] == [stage])
            #expect(discovery["type"] as? String == "A")
            #expect("\(discovery["port"] ?? "")" == (try compose.environment(of: stage))["SYNC_HTTP_PORT"])
        }
        #expect(config["rule_files"] as? [String] == ["/etc/prometheus/alerts.yml"])
        let prometheus = try compose.service("prometheus")
        #expect((prometheus["volumes"] as? [String])?.contains("./ops/prometheus:/etc/prometheus:ro") == true)
        #expect(prometheus["profiles"] as? [String] == ["observability"])
    }

    @Test("alert rules use only the contract's metrics and cover lag, dead letters, throttling, stuck pollers, delay and down targets")
    func alertsUseContractMetrics() throws {
        let rules = try Repository.yaml("ops/prometheus/alerts.yml")
        let groups = try #require(rules["groups"] as? [[String: Any]])
        let alerts = groups.flatMap { $0["rules"] as? [[String: Any]] ?? [] }
        var used = Set<String>()
        for alert in alerts {
            let name = try #require(alert["alert"] as? String)
            let expression = try #require(alert["expr"] as? String, "\(name) has no expr")
            let metrics = PromQLNames.metrics(in: expression)
            #expect(!metrics.isEmpty, "\(name) reads no metric")
            for metric in metrics where metric != "up" {
                #expect(RuntimeContract.seriesNames.contains(metric), "\(name) uses \(metric), which no stage exports")
            }
            #expect((alert["labels"] as? [String: Any])?["severity"] != nil, "\(name) has no severity")
            used.formUnion(metrics)
        }
        for required in [
            "up", "sync_consumer_lag", "sync_dead_letters_total", "sync_api_throttled_total",
            "sync_poller_checkpoint_age_seconds", "sync_end_to_end_delay_seconds_bucket",
        ] {
            #expect(used.contains(required), "no alert on \(required)")
        }
    }

    @Test("the dashboard parses, queries only contract metrics, shows every one of them, and uses the provisioned data source")
    func dashboardUsesContractMetrics() throws {
        let dashboard = try Repository.json("ops/grafana/dashboards/guance-jira-sync.json")
        let panels = try #require(dashboard["panels"] as? [[String: Any]])
        #expect(!panels.isEmpty)
        let datasources = try Repository.yaml("ops/grafana/provisioning/datasources/prometheus.yml")
        let uid = try #require((datasources["datasources"] as? [[String: Any]])?.first?["uid"] as? String)
        var used = Set<String>()
        for panel in panels {
            let title = panel["title"] as? String ?? "?"
            #expect((panel["datasource"] as? [String: Any])?["uid"] as? String == uid, "panel \(title) data source")
            for target in panel["targets"] as? [[String: Any]] ?? [] {
                let expression = try #require(target["expr"] as? String, "panel \(title) has a target without expr")
                for metric in PromQLNames.metrics(in: expression) where metric != "up" {
                    #expect(RuntimeContract.seriesNames.contains(metric), "panel \(title) uses \(metric), which no stage exports")
                    used.insert(metric)
                }
            }
        }
        for (metric, type) in RuntimeContract.metrics {
            let shown = type == .histogram ? used.contains(metric + "_bucket") : used.contains(metric)
            #expect(shown, "the dashboard does not show \(metric)")
        }
        let provider = try Repository.yaml("ops/grafana/provisioning/dashboards/guance-jira-sync.yml")
        let path = (provider["providers"] as? [[String: Any]])?.first.flatMap { ($0["options"] as? [String: Any])?["path"] as? String }
        let grafana = try ComposeFile.load().service("grafana")
        #expect((grafana["volumes"] as? [String])?.contains("./ops/grafana/dashboards:\(path ?? "?"):ro") == true)
    }
}
