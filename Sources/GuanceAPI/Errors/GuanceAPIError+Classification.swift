import Foundation

extension GuanceAPIError {
    /// Classifies an HTTP answer. Returns `nil` when the answer is a success (HTTP 2xx and an
    /// envelope that does not report failure); otherwise the error to raise.
    ///
    /// Rules, in order (the docs disagree between versions, so every documented spelling is accepted):
    /// 1. `errorCode` containing `CurrentLimiting` → throttled; scope from `Workspace` / `Ak`.
    /// 2. `errorCode` containing `InvalidAPIKey` (any case) → bad key.
    /// 3. `errorCode` containing `NotFound` → not found, except `RouterNotFound` (a wrong base URL or an
    ///    endpoint the deployment lacks), which is rejected so it is never mistaken for a deleted object.
    /// 4. By status (HTTP status, or the envelope `code` when HTTP said 2xx): 401 → throttled
    ///    (scope unspecified: the only documented 401 is throttling, and a bad key is 403);
    ///    403 → bad key (the docs' "key failure"); 404 → not found; 429 → throttled; 408 and 5xx → server
    ///    error (retriable); anything else → rejected.
    /// 0. A redirect (3xx) → rejected: redirects are never followed (the key would travel with them).
    /// 5. A body that is not a JSON envelope: 2xx → malformed (retriable, typically a proxy page);
    ///    401/429 → throttled; 403 → bad key; 5xx/408 → server error; 404 and other 4xx → rejected
    ///    (an HTML 404 means a wrong URL, not a missing object).
    static func classify(httpStatus: Int, header: GuanceEnvelopeHeader?, endpoint: String) -> GuanceAPIError? {
        if (300..<400).contains(httpStatus) {
            // Never followed: the key header would go wherever the redirect points.
            return GuanceAPIError(
                kind: .rejected, endpoint: endpoint, httpStatus: httpStatus,
                underlying: "redirect not followed (the API key stays with the configured host): set guance.baseURL to the API's final address")
        }
        guard let header else {
            let kind: Kind
            switch httpStatus {
            case 200..<300: kind = .malformedResponse
            case 401, 429: kind = .throttled(.unspecified)
            case 403: kind = .invalidAPIKey
            case 408, 500..<600: kind = .serverError
            default: kind = .rejected
            }
            return GuanceAPIError(kind: kind, endpoint: endpoint, httpStatus: httpStatus, underlying: "response is not a JSON envelope")
        }
        let httpOK = (200..<300).contains(httpStatus)
        if httpOK && header.reportsSuccess { return nil }
        let status = httpOK ? (header.code ?? httpStatus) : httpStatus
        return GuanceAPIError(
            kind: kind(errorCode: header.errorCode ?? "", status: status),
            endpoint: endpoint,
            httpStatus: httpStatus,
            errorCode: header.errorCode,
            message: header.message,
            traceId: header.traceId
        )
    }

    private static func kind(errorCode: String, status: Int) -> Kind {
        let code = errorCode.lowercased()
        if code.contains("currentlimiting") {
            if code.contains("workspace") { return .throttled(.workspace) }
            if code.contains("apiak") || code.contains("akcurrent") { return .throttled(.apiKey) }
            return .throttled(.unspecified)
        }
        if code.contains("invalidapikey") { return .invalidAPIKey }
        if code.contains("routernotfound") { return .rejected }
        if code.contains("notfound") { return .notFound }
        switch status {
        case 401, 429: return .throttled(.unspecified)
        case 403: return code.isEmpty || code.contains("apikey") ? .invalidAPIKey : .rejected
        case 404: return .notFound
        case 408, 500..<600: return .serverError
        default: return .rejected
        }
    }

    /// Decodes the envelope header of `body`, or `nil` if the body is not a JSON object.
    static func decodeHeader(_ body: Data) -> GuanceEnvelopeHeader? {
        guard let first = body.first(where: { !Character(UnicodeScalar($0)).isWhitespace }), first == UInt8(ascii: "{") else {
            return nil
        }
        return try? JSONDecoder().decode(GuanceEnvelopeHeader.self, from: body)
    }
}
