import Foundation
import SyncCore

/// The dead-letter topic read into memory: every dead letter by id, and the redrive marker of
/// those already sent back.
package struct DeadLetterTable: Sendable {
    private var letters: [String: DeadLetter] = [:]
    private var redrives: [String: DeadLetterRedrive] = [:]

    /// Creates an empty table.
    package init() {}

    /// One record of the topic, decoded.
    package enum Entry: Sendable, Hashable {
        /// A dead letter written by a writer.
        case letter(DeadLetter)
        /// A marker written by a redrive.
        case redriven(DeadLetterRedrive)

        /// Decodes a record value: a redrive marker when its `kind` says so, else a dead letter.
        package static func decode(_ bytes: [UInt8]) throws -> Entry {
            let decoder = SyncEventCodec.makeDecoder()
            let data = Data(bytes)
            if let marker = try? decoder.decode(DeadLetterRedrive.self, from: data), marker.kind == DeadLetterRedrive.kindValue {
                return .redriven(marker)
            }
            return .letter(try decoder.decode(DeadLetter.self, from: data))
        }
    }

    /// Applies one record (`nil` = a tombstone for `key`, which forgets the letter and its marker).
    package mutating func apply(key: String, entry: Entry?) {
        switch entry {
        case .letter(let letter)?: letters[letter.id] = letter
        case .redriven(let marker)?: redrives[marker.deadLetterID] = marker
        case nil:
            letters[key] = nil
            redrives[key] = nil
        }
    }

    /// The dead letter with `id`, if read.
    package func letter(id: String) -> DeadLetter? { letters[id] }

    /// The redrive marker of `id`, if it was sent back.
    package func redrive(of id: String) -> DeadLetterRedrive? { redrives[id] }

    /// Letters not yet sent back, oldest failure first.
    package var open: [DeadLetter] {
        letters.values.filter { redrives[$0.id] == nil }.sorted { ($0.failedAt, $0.id) < ($1.failedAt, $1.id) }
    }

    /// How many letters were sent back.
    package var redrivenCount: Int { letters.keys.filter { redrives[$0] != nil }.count }
}
