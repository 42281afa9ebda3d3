import AsyncHTTPClient
import GuanceAPI
import Logging
import StageRuntime
import Testing

@testable import JiraWriterStage

/// `BacklinkQueue` in-process: what it remembers about posted back-links, and for how long.
@Suite("jira-writer: BacklinkQueue's memory of posted back-links")
struct BacklinkQueueTests {
    static func queue() -> BacklinkQueue {
        let client = GuanceClient(
            httpClient: .shared,
            configuration: GuanceClientConfiguration(
                baseURL: "http://127.0.0.1:9", apiKey: GuanceAPIKey("backlink-queue-tests-key-0123456789"),
                rateLimiterRegistry: GuanceRateLimiterRegistry()),
            logger: Logger(label: "backlink-queue-tests"))
        return BacklinkQueue(guance: client, retryFor: .seconds(60), logger: Logger(label: "backlink-queue-tests"))
    }

    static let owned = FollowUpLease(owned: { true })

    @Test("a posted back-link is not posted again; once the Jira property records it, the queue forgets it (state bounded by what is in flight)")
    func forgetsRecordedBacklinks() async throws {
        let queue = Self.queue()
        let posts = Counted()
        for index in 0..<50 {
            let ending = await queue.post(issue: "issue_\(index)", url: "https://jira/browse/OPS-\(index)", lease: Self.owned) {
                await posts.increment()
                return true
            }
            #expect(ending == .done)
        }
        #expect(await posts.value == 50)
        // Asked again before the property records it: ends at once, nothing posted.
        #expect(await queue.isPosted("issue_7", url: "https://jira/browse/OPS-7"))
        let again = await queue.post(issue: "issue_7", url: "https://jira/browse/OPS-7", lease: Self.owned) {
            await posts.increment()
            return true
        }
        #expect(again == .done)
        #expect(await posts.value == 50)
        #expect(await queue.rememberedCount == 50)

        for index in 0..<50 { await queue.recorded("issue_\(index)", url: "https://jira/browse/OPS-\(index)") }
        #expect(await queue.rememberedCount == 0)
        #expect(await !queue.isPosted("issue_7", url: "https://jira/browse/OPS-7"))
    }

    @Test("a back-link whose partition is no longer owned is abandoned and not remembered")
    func abandonedWhenNotOwned() async throws {
        let queue = Self.queue()
        let ending = await queue.post(issue: "issue_1", url: "https://jira/browse/OPS-1", lease: FollowUpLease(owned: { false })) {
            Issue.record("posted without owning the partition")
            return true
        }
        #expect(ending == .abandoned)
        #expect(await queue.rememberedCount == 0)
    }
}

/// A counter shared with `@Sendable` closures.
private actor Counted {
    private(set) var value = 0
    func increment() { value += 1 }
}
