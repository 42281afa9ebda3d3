#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A local TCP port that refuses every connection for as long as this value lives: a socket bound
/// to it that never listens. For tests of "connection refused".
///
/// Binding a server and closing it gives a port the kernel may hand to the next test that asks for
/// one (tests run in parallel), so a connection meant to be refused reaches someone else's server
/// and times out instead; a bound socket keeps the port to itself.
package final class RefusingPort: Sendable {
    /// The port number on 127.0.0.1.
    package let port: Int
    private let descriptor: Int32

    /// Binds a socket to a free port on 127.0.0.1 without listening.
    package init() throws {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw Failure(operation: "socket", code: errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        guard bound else {
            let code = errno
            close(descriptor)
            throw Failure(operation: "bind", code: code)
        }
        self.descriptor = descriptor
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }

    /// `http://127.0.0.1:<port>`.
    package var baseURL: String { "http://127.0.0.1:\(port)" }

    /// A socket call that failed.
    package struct Failure: Error, CustomStringConvertible {
        /// The call.
        package let operation: String
        /// Its `errno`.
        package let code: Int32
        package var description: String { "\(operation) failed with errno \(code)" }
    }
}
