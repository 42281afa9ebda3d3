import Hummingbird
import NIOCore

extension SimulatorState {
    /// The effect of the first fault matching the request, using up one of its `remaining` count
    /// (exhausted faults are removed).
    /// Without a matching fault, a random one with probability `randomFaultRate`: a 5xx, a key
    /// throttled (401), a connection dropped before or after handling, or a slow answer.
    mutating func takeFault(method: String, path: String) -> GuanceFault.Effect? {
        guard let index = faults.firstIndex(where: { $0.matches(method: method, path: path) }) else {
            guard randomFaultRate > 0, Double.random(in: 0..<1) < randomFaultRate else { return nil }
            log.noteInjectedFault()
            let effects: [GuanceFault.Effect] = [
                .status(500), .status(503), .throttleKey, .dropConnection, .dropAfterHandling,
                .latency(.milliseconds(Int64.random(in: 300...2_000))),
            ]
            return effects.randomElement()
        }
        let effect = faults[index].effect
        if let remaining = faults[index].remaining {
            if remaining <= 1 { faults.remove(at: index) } else { faults[index].remaining = remaining - 1 }
        }
        log.noteInjectedFault()
        return effect
    }
}

extension GuanceSimulator {
    /// Applies an injected fault: the response to send, or `nil` to go on handling the request (latency).
    /// A dropped connection closes the channel and throws.
    func respond(
        to effect: GuanceFault.Effect, method: String, path: String, context: SimulatorRequestContext
    ) async throws -> Response? {
        switch effect {
        case .latency(let duration):
            try await Task.sleep(for: duration)
            return nil
        case .dropAfterHandling:
            return nil
        case .dropConnection:
            logger.debug("Dropping connection (injected fault)", metadata: ["guance.sim.path": "\(path)"])
            recordFault(method: method, path: path, status: 0, errorCode: "dropConnection")
            context.channel.close(promise: nil)
            throw CancellationError()
        case .malformedJSON:
            recordFault(method: method, path: path, status: 200, errorCode: "malformedJSON")
            return Self.response(status: 200, bytes: Array(#"{"code":200,"content":{"data":[{"uuid":"#.utf8))
        case .status(let code):
            return faultEnvelope(
                GuanceSimulatorError(status: code, errorCode: "InternalError", message: "injected fault"),
                method: method, path: path
            )
        case .throttleKey:
            return faultEnvelope(.keyThrottled, method: method, path: path)
        case .throttleWorkspace:
            return faultEnvelope(.workspaceThrottled, method: method, path: path)
        }
    }

    private func faultEnvelope(_ error: GuanceSimulatorError, method: String, path: String) -> Response {
        recordFault(method: method, path: path, status: error.status, errorCode: error.errorCode)
        return Self.response(status: error.status, json: Self.errorEnvelope(error))
    }

    private func recordFault(method: String, path: String, status: Int, errorCode: String) {
        let endpoint = ProductEndpoint(method: method, path: path)?.template ?? "\(method) \(path)"
        let now = clock.now()
        state.withLock {
            $0.log.record(
                time: now, method: method, path: path, endpoint: endpoint, status: status, keyID: nil,
                errorCode: errorCode
            )
        }
    }
}
