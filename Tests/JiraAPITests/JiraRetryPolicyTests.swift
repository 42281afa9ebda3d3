import Foundation
import NIOHTTP1
import Synchronization
import Testing

@testable import JiraAPI

@Suite("Retry policy and rate-limit headers")
struct JiraRetryPolicyTests {
    @Test("Back-off doubles from 5 s to a 30 s cap, scaled by jitter 0.7…1.3")
    func backoff() {
        let middle = JiraRetryPolicy(random: { 0.5 })
        #expect(JiraTestSupport.approximatelyEqual((1...6).map { middle.backoffDelay(retry: $0) }, [5, 10, 20, 30, 30, 30]))
        let low = JiraRetryPolicy(random: { 0 })
        #expect(JiraTestSupport.approximatelyEqual([low.backoffDelay(retry: 1)], [3.5]))
        let high = JiraRetryPolicy(random: { 0.999_999 })
        #expect(JiraTestSupport.seconds(high.backoffDelay(retry: 4)) > 38.9)
        #expect(JiraTestSupport.seconds(high.backoffDelay(retry: 4)) <= 39)
        #expect(middle.delay(retry: 1, serverRetryAfter: .seconds(2)) == .seconds(2))
    }

    @Test("Rate-limit headers are parsed, every documented reason classified")
    func headers() throws {
        var headers = HTTPHeaders()
        headers.add(name: "Retry-After", value: "7")
        headers.add(name: "RateLimit-Reason", value: "jira-per-issue-on-write")
        headers.add(name: "X-RateLimit-Reset", value: "2026-01-01T01:01:01Z")
        headers.add(name: "X-RateLimit-Remaining", value: "0")
        headers.add(name: "X-RateLimit-NearLimit", value: "true")
        let info = JiraRateLimitInfo(headers: headers)
        #expect(info.retryAfter == .seconds(7))
        #expect(info.reason == .perIssueWrite)
        #expect(info.reset == JiraTimestamp.parse("2026-01-01T01:01:01Z"))
        #expect(info.remaining == 0)
        #expect(info.nearLimit)
        #expect(JiraRateLimitReason(headerValue: "jira-burst-based") == .burst)
        #expect(JiraRateLimitReason(headerValue: "jira-quota-tenant-based") == .quota)
        #expect(JiraRateLimitReason(headerValue: "jira-quota-global-based") == .quota)
        #expect(JiraRateLimitReason(headerValue: "jira-quota-based") == .quota)
        #expect(JiraRateLimitReason(headerValue: "jira-cost-based") == .cost)
        #expect(JiraRateLimitReason(headerValue: "something-new") == .other("something-new"))
    }

    @Test("An HTTP-date Retry-After is converted to a delay")
    func httpDateRetryAfter() throws {
        var headers = HTTPHeaders()
        headers.add(name: "Retry-After", value: "Wed, 21 Oct 2015 07:28:30 GMT")
        let now = try #require(JiraTimestamp.parse("2015-10-21T07:28:00Z"))
        #expect(JiraRateLimitInfo(headers: headers, now: now).retryAfter == .seconds(30))
    }

    @Test("Throttle gates: per-issue writes, per endpoint for bursts, everything for quotas")
    func throttleScopes() async throws {
        let clock = Mutex<Date>(Date(timeIntervalSince1970: 1_800_000_100))
        let throttle = JiraThrottle(now: { clock.withLock { $0 } })
        let issueA = JiraThrottle.Scope(endpoint: "PUT issue/{key}", issueWriteKey: "OPS-1")
        let issueB = JiraThrottle.Scope(endpoint: "PUT issue/{key}", issueWriteKey: "OPS-2")
        let search = JiraThrottle.Scope(endpoint: "POST search/jql", issueWriteKey: nil)
        await throttle.record(JiraRateLimitInfo(retryAfter: .seconds(2), reason: .perIssueWrite), scope: issueA, fallbackDelay: .seconds(5))
        #expect(await throttle.requiredWait(for: issueA) == .seconds(2))
        #expect(await throttle.requiredWait(for: issueB) == .zero)
        #expect(await throttle.requiredWait(for: search) == .zero)

        await throttle.record(JiraRateLimitInfo(reason: .burst), scope: search, fallbackDelay: .seconds(5))
        #expect(await throttle.requiredWait(for: search) == .seconds(5))
        #expect(await throttle.requiredWait(for: issueB) == .zero)

        await throttle.record(JiraRateLimitInfo(reason: .quota), scope: search, fallbackDelay: .seconds(5))
        // No reset header: blocked until the top of the next UTC hour (1_800_000_000 + 3600).
        #expect(await throttle.requiredWait(for: issueB) == .seconds(3500))
        clock.withLock { $0 = Date(timeIntervalSince1970: 1_800_003_600) }
        #expect(await throttle.requiredWait(for: issueB) == .zero)
    }
}
