/// The envelope around every Guance answer:
/// `{"code":200,"content":…,"pageInfo":…,"errorCode":"","message":"","success":true,"traceId":"…"}`.
struct GuanceEnvelopeHeader: Decodable {
    var code: Int?
    var success: Bool?
    var errorCode: String?
    var message: String?
    var traceId: String?
    var pageInfo: GuancePageInfo?

    private enum CodingKeys: String, CodingKey {
        case code, success, errorCode, message, traceId, pageInfo
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = container.lenientInt(.code)
        success = container.lenientBool(.success)
        errorCode = container.lenientString(.errorCode)
        message = container.lenientString(.message)
        traceId = container.lenientString(.traceId)
        pageInfo = container.lenient(GuancePageInfo.self, .pageInfo)
    }

    /// Whether the envelope reports success: `success` is not `false` and `code` is absent or 2xx.
    var reportsSuccess: Bool {
        if success == false { return false }
        if let code, !(200..<300).contains(code) { return false }
        return true
    }
}
