import Foundation
import SyncCore

/// The record that marks a dead letter as sent back (`syncctl dlq redrive`).
///
/// It is written to `sync.dead-letters.v1` with the dead letter's id as key, right after the
/// original record was re-produced to its source topic and acknowledged. The topic deletes by
/// retention (it is not compacted), so the letter and its marker both stay readable for the
/// retention period: `dlq list` hides letters that have a marker, `dlq show` shows both, and a
/// second redrive of the same id finds the marker and does nothing. The id is derived from the
/// source position, and a redriven record gets a new position, so if it fails again its new dead
/// letter has a new id and is listed again.
package struct DeadLetterRedrive: Sendable, Hashable, Codable {
    /// The record kind, always ``kindValue`` (tells a marker from a dead letter in the topic).
    package var kind: String
    /// The dead letter sent back.
    package var deadLetterID: String
    /// When it was sent back.
    package var redrivenAt: Date
    /// Where the original record was re-produced.
    package var target: DeadLetter.Source

    /// The value of ``kind``.
    package static let kindValue = "dead-letter.redriven"
    /// The header that marks a redrive record (value ``kindValue``); redriven originals carry
    /// ``redrivenFromHeader`` instead.
    package static let kindHeader = "record-kind"
    /// The header added to a re-produced original: the id of the dead letter it came from.
    package static let redrivenFromHeader = "redriven-from"

    /// Creates a marker.
    package init(deadLetterID: String, redrivenAt: Date, target: DeadLetter.Source) {
        kind = Self.kindValue
        self.deadLetterID = deadLetterID
        self.redrivenAt = redrivenAt
        self.target = target
    }
}
