/// A ready error response thrown by request handlers and returned as is.
struct SimResponseError: Error, Sendable {
    let response: SimResponse
    init(_ response: SimResponse) { self.response = response }
}
