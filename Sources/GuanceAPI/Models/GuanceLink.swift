import RichText

/// An entry of `extend.linkList`: `{name, link}`. Unknown keys of the entry are preserved.
public struct GuanceLink: Sendable, Hashable {
    /// The link text.
    public var name: String
    /// The URL.
    public var link: String
    /// Keys of the entry other than `name` and `link`.
    public var otherFields: [String: JSONValue]

    /// Creates a link.
    public init(name: String, link: String, otherFields: [String: JSONValue] = [:]) {
        self.name = name
        self.link = link
        self.otherFields = otherFields
    }

    init?(json: JSONValue) {
        guard var object = json.objectValue, let link = object.removeValue(forKey: "link")?.stringValue else {
            return nil
        }
        self.link = link
        self.name = object.removeValue(forKey: "name")?.stringValue ?? ""
        self.otherFields = object
    }

    var jsonValue: JSONValue {
        var object = otherFields
        object["name"] = .string(name)
        object["link"] = .string(link)
        return .object(object)
    }
}
