public import RichText

/// A description or comment body: an ADF document on Cloud (REST v3) or a wiki-markup string on
/// Data Center (REST v2). The client refuses to send the variant that does not match its flavour.
public enum JiraRichText: Sendable, Hashable {
    /// An Atlassian Document Format tree (root of type `doc`).
    case adf(ADFNode)
    /// Wiki markup, as REST v2 reads and writes it.
    case wiki(String)

    /// The flavour whose API accepts this representation.
    public var nativeFlavor: JiraFlavor {
        switch self {
        case .adf: .cloud
        case .wiki: .dataCenter
        }
    }

    /// The ADF tree, if this is ADF.
    public var adfDocument: ADFNode? {
        if case .adf(let node) = self { return node }
        return nil
    }

    /// The wiki string, if this is wiki markup.
    public var wikiMarkup: String? {
        if case .wiki(let text) = self { return text }
        return nil
    }
}

extension JiraRichText: Codable {
    /// Decodes an object as ADF and a string as wiki markup (Cloud spec examples sometimes carry a
    /// plain string even in v3, so both shapes are accepted on read).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .wiki(text)
        } else {
            self = .adf(try container.decode(ADFNode.self))
        }
    }

    /// Encodes ADF as its JSON object and wiki markup as a string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .adf(let node): try container.encode(node)
        case .wiki(let text): try container.encode(text)
        }
    }
}
