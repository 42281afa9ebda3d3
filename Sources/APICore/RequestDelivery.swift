import AsyncHTTPClient
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a failed HTTP exchange proves about its request.
public enum RequestDelivery {
    /// Whether `error` shows the request never reached the server (the connection was not made),
    /// so even a create may be sent again without risking a duplicate.
    ///
    /// AsyncHTTPClient reports a refused connection this way only when its pool does not retry
    /// connection establishment (`connectionPool.retryConnectionEstablishment = false`); otherwise it
    /// retries until the deadline and reports `deadlineExceeded`, which counts as ambiguous.
    public static func provesNotSent(_ error: any Error) -> Bool {
        if error is NIOConnectionError { return true }
        if let error = error as? HTTPClientError, error == .connectTimeout { return true }
        if case .connectTimeout? = error as? ChannelError { return true }
        if let error = error as? IOError, error.errnoCode == ECONNREFUSED { return true }
        return false
    }
}
