import RichText

/// A product-API request as the HTTP layer hands it to the state.
struct ProductRequest: Sendable {
    let method: String
    let path: String
    let apiKey: String?
    let query: [String: String]
    let body: Result<JSONValue?, GuanceSimulatorError>
}

extension SimulatorState {
    /// Authenticates, rate-limits, routes and handles one request, and records it in the log.
    ///
    /// Order: key check (403), rate limits (401), route (400 `RouterNotFound`), body, handler.
    mutating func serve(_ request: ProductRequest, now: Double) -> (status: Int, envelope: JSONValue) {
        let endpoint = ProductEndpoint(method: request.method, path: request.path)
        let key = request.apiKey.flatMap(apiKey(header:))
        let result: Result<ProductReply, GuanceSimulatorError> = Result { () throws(GuanceSimulatorError) in
            guard let key else { throw .invalidAPIKey }
            if let rejection = rateLimiter.admit(keyID: key.id, now: now) {
                log.noteThrottled(rejection)
                throw rejection == .key ? .keyThrottled : .workspaceThrottled
            }
            guard let endpoint else { throw .routeNotFound(request.path) }
            return try handle(
                endpoint, body: request.body.get(), query: request.query, key: key, now: now.rounded(.down)
            )
        }
        let (status, envelope, errorCode): (Int, JSONValue, String) =
            switch result {
            case .success(let reply):
                (200, GuanceSimulator.envelope(code: 200, content: reply.content, pageInfo: reply.pageInfo), "")
            case .failure(let error):
                (error.status, GuanceSimulator.errorEnvelope(error), error.errorCode)
            }
        log.record(
            time: now, method: request.method, path: request.path,
            endpoint: endpoint?.template ?? "\(request.method) \(request.path)", status: status, keyID: key?.id,
            errorCode: errorCode
        )
        return (status, envelope)
    }
}
