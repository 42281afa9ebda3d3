import Foundation
import RichText

extension GuanceSimulatorBehaviour {
    /// This behaviour with the settings of a partial JSON object replaced, as `POST /__sim/behaviour`
    /// does (unknown setting names are refused). Used by `sync-dev sim --guance-behaviour`.
    public func applying(jsonPatch text: String) throws(GuanceSimulatorError) -> GuanceSimulatorBehaviour {
        guard let patch = (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)))?.objectValue else {
            throw .invalid("the behaviour patch must be a JSON object")
        }
        return try CodablePatch.apply(patch, to: self)
    }
}
