import Foundation
import Testing

@testable import GuanceAPI

@Suite("Classifying answers into typed errors")
struct ErrorClassificationTests {
    private func classify(_ status: Int, _ body: String) -> GuanceAPIError? {
        GuanceAPIError.classify(
            httpStatus: status,
            header: GuanceAPIError.decodeHeader(Fixtures.data(body)),
            endpoint: "POST /api/v1/issue/list"
        )
    }

    private func envelope(code: Int, errorCode: String, success: Bool = false) -> String {
        #"{"code":\#(code),"content":null,"errorCode":"\#(errorCode)","message":"m","success":\#(success),"traceId":"T-1"}"#
    }

    @Test("success envelopes are not errors")
    func success() {
        #expect(classify(200, #"{"code":200,"content":[],"errorCode":"","message":"","success":true,"traceId":"1"}"#) == nil)
        #expect(classify(200, #"{"content":true}"#) == nil)
    }

    @Test(
        "documented and plausible failures map to the right kind",
        arguments: [
            (401, "ft.TriggerApiAkCurrentLimiting", GuanceAPIError.Kind.throttled(.apiKey)),
            (401, "ft.TriggerApiWorkspaceCurrentLimiting", .throttled(.workspace)),
            (401, "SomethingCurrentLimiting", .throttled(.unspecified)),
            (401, "", .throttled(.unspecified)),
            (429, "", .throttled(.unspecified)),
            (403, "ft.InvalidAPIKey", .invalidAPIKey),
            (403, "InvalidApiKey", .invalidAPIKey),
            (403, "", .invalidAPIKey),
            (403, "ft.NoPermission", .rejected),
            (401, "ft.InvalidAPIKey", .invalidAPIKey),
            (404, "", .notFound),
            (400, "ft.IssueNotFound", .notFound),
            (400, "RouterNotFound", .rejected),
            (404, "RouterNotFound", .rejected),
            (503, "InternalError", .serverError),
            (500, "", .serverError),
            (400, "ft.ParamError", .rejected),
        ]
    )
    func kinds(status: Int, errorCode: String, expected: GuanceAPIError.Kind) throws {
        let error = try #require(classify(status, envelope(code: status, errorCode: errorCode)))
        #expect(error.kind == expected)
        #expect(error.traceId == "T-1")
        #expect(error.httpStatus == status)
    }

    @Test("HTTP 200 carrying a failure envelope is classified by its code and errorCode")
    func failureInsideHTTP200() throws {
        let throttled = try #require(classify(200, envelope(code: 401, errorCode: "ft.TriggerApiAkCurrentLimiting")))
        #expect(throttled.kind == .throttled(.apiKey))
        let rejected = try #require(classify(200, envelope(code: 200, errorCode: "ft.Whatever", success: false)))
        #expect(rejected.kind == .rejected)
    }

    @Test(
        "non-JSON bodies: proxies and wrong URLs",
        arguments: [
            (200, GuanceAPIError.Kind.malformedResponse),
            (502, .serverError),
            (401, .throttled(.unspecified)),
            (403, .invalidAPIKey),
            (404, .rejected),
            (400, .rejected),
        ]
    )
    func nonJSON(status: Int, expected: GuanceAPIError.Kind) throws {
        let error = try #require(classify(status, "<html><body>Bad Gateway</body></html>"))
        #expect(error.kind == expected)
    }

    @Test("truncated JSON counts as malformed")
    func truncated() throws {
        let error = try #require(classify(200, #"{"code":200,"content":{"data":[{"uu"#))
        #expect(error.kind == .malformedResponse)
        #expect(error.isRetriable)
    }

    @Test("retriability follows the kind, and an unknown write outcome is never retriable")
    func retriability() {
        let retriable: [GuanceAPIError.Kind] = [.throttled(.apiKey), .serverError, .transport, .malformedResponse]
        let fatal: [GuanceAPIError.Kind] = [.invalidAPIKey, .notFound, .undecodableContent, .rejected]
        for kind in retriable { #expect(GuanceAPIError(kind: kind, endpoint: "e").isRetriable) }
        for kind in fatal { #expect(!GuanceAPIError(kind: kind, endpoint: "e").isRetriable) }
        #expect(!GuanceAPIError(kind: .serverError, endpoint: "e", isOutcomeUnknown: true).isRetriable)
    }

    @Test("descriptions carry errorCode and traceId")
    func description() throws {
        let error = try #require(classify(401, Fixtures.throttled(scope: "Ak")))
        #expect(error.description.contains("errorCode=ft.TriggerApiAkCurrentLimiting"))
        #expect(error.description.contains("traceId=T-401"))
    }
}
