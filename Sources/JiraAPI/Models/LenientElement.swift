/// Decodes an array element without failing the whole array.
struct LenientElement<Element: Decodable>: Decodable {
    var value: Element?

    init(from decoder: any Decoder) throws {
        value = try? Element(from: decoder)
    }
}
