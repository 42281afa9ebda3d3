import AsyncHTTPClient
import NIOPosix

/// The HTTP client behind every stage's Guance and Jira client: it never follows redirects.
///
/// The Guance key travels in `DF-API-KEY`, a custom header that AsyncHTTPClient keeps on a
/// cross-origin redirect (it strips only `Authorization`, `Cookie` and `Proxy-Authorization`), so a
/// redirect — from a compromised proxy, a misconfigured load balancer, or an `http://` URL upgraded
/// by the server — would hand the key to another host. A 3xx answer is therefore returned as it is,
/// and the API clients report it as a failure naming the status.
package enum StageHTTPClient {
    /// The process-wide client: `HTTPClient.shared`'s settings (certificate verification, timeouts,
    /// pool) except that redirects are not followed; like it, never shut down.
    package static let shared = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)

    /// The settings of ``shared``.
    package static var configuration: HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.redirectConfiguration = .disallow
        return configuration
    }
}
