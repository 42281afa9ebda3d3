import RichText

/// Typed, validating access to a JSON request body. Wrong types are 400 `ft.ParamError`.
struct BodyFields: Sendable {
    let object: [String: JSONValue]

    /// Parses `body`; an absent body is an empty object, anything but an object is rejected.
    init(_ body: JSONValue?) throws(GuanceSimulatorError) {
        switch body {
        case nil: object = [:]
        case .object(let fields)?: object = fields
        case _?: throw .invalid("body must be a JSON object")
        }
    }

    init(object: [String: JSONValue]) {
        self.object = object
    }

    func has(_ key: String) -> Bool {
        object[key] != nil && object[key] != .null
    }

    /// Rejects the body unless every key in `keys` is present and not null.
    func require(_ keys: [String]) throws(GuanceSimulatorError) {
        if let missing = keys.first(where: { !has($0) }) { throw .invalid("\(missing) is required") }
    }

    func string(_ key: String) throws(GuanceSimulatorError) -> String? {
        guard has(key) else { return nil }
        guard let value = object[key]?.stringValue else { throw .invalid("\(key) must be a string") }
        return value
    }

    func requiredString(_ key: String) throws(GuanceSimulatorError) -> String {
        guard let value = try string(key) else { throw .invalid("\(key) is required") }
        return value
    }

    /// An integer; a float with a fractional part is accepted and truncated.
    func int(_ key: String) throws(GuanceSimulatorError) -> Int? {
        guard has(key) else { return nil }
        switch object[key] {
        case .int(let value)?: return Int(value)
        case .double(let value)?: return Int(value)
        default: throw .invalid("\(key) must be an integer")
        }
    }

    func number(_ key: String) throws(GuanceSimulatorError) -> Double? {
        guard has(key) else { return nil }
        switch object[key] {
        case .int(let value)?: return Double(value)
        case .double(let value)?: return value
        default: throw .invalid("\(key) must be a number")
        }
    }

    func stringArray(_ key: String) throws(GuanceSimulatorError) -> [String]? {
        guard has(key) else { return nil }
        guard let values = object[key]?.arrayValue?.compactMap(\.stringValue),
            values.count == object[key]?.arrayValue?.count
        else { throw .invalid("\(key) must be an array of strings") }
        return values
    }

    func objectValue(_ key: String) throws(GuanceSimulatorError) -> JSONValue? {
        guard has(key) else { return nil }
        guard object[key]?.objectValue != nil, let value = object[key] else {
            throw .invalid("\(key) must be an object")
        }
        return value
    }

    func requiredObject(_ key: String) throws(GuanceSimulatorError) -> JSONValue {
        guard let value = try objectValue(key) else { throw .invalid("\(key) is required") }
        return value
    }

    /// `level` as a UUID string or a legacy integer (`2` → `system_level_2`).
    func level(_ key: String) throws(GuanceSimulatorError) -> String? {
        guard has(key), let value = object[key] else { return nil }
        guard let uuid = SimulatorState.levelUUID(of: value) else {
            throw .invalid("\(key) must be a level UUID or integer")
        }
        return uuid
    }
}
