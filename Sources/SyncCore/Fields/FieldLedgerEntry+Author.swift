import Foundation

extension FieldLedgerEntry {
    /// Who made the Guance change a snapshot shows, for a change note.
    ///
    /// A snapshot that names the sync's own key as its updator (or is at a version one of the sync's
    /// writes produced) carries a change that is someone else's: the sync's write only re-sent it (a
    /// reply may have moved `updateAt` since without changing the updator). The author is whoever the
    /// sync's latest write up to that version displaced, followed back through its earlier writes.
    /// - Parameters:
    ///   - updator: the snapshot's `updator`.
    ///   - version: the snapshot's `updatedAt`.
    /// - Returns: the author, or `nil` when only the sync is known to have written.
    public func guanceAuthor(of updator: GuanceActor?, version: Date?) -> GuanceActor? {
        let marks = records.compactMap(\.lastGuanceWrite).sorted { FieldArbiter.later($0.version, than: $1.version) }
        var syncKeys = Set(marks.compactMap(\.writer?.id))
        var author = updator
        var at = version
        for _ in 0...marks.count {
            // A write that produced this version (unless a person wrote in the same second), or, when
            // the sync's key is the updator, its latest write up to this version.
            let mark = marks.first { $0.produced(at) && Self.mayHaveWritten(author, $0) }
                ?? author.flatMap { author in marks.first { $0.madeBy(at) && $0.writer?.id == author.id } }
            guard let mark else { break }
            if let author { syncKeys.insert(author.id) }
            author = mark.displaced
            at = mark.displacedVersion
        }
        guard let author, !syncKeys.contains(author.id) else { return nil }
        return author
    }

    /// Whether the updator a snapshot names can be the one who made `mark`'s write.
    private static func mayHaveWritten(_ updator: GuanceActor?, _ mark: GuanceWriteMark) -> Bool {
        guard let updator else { return true }
        guard updator.isAPIKey else { return false }
        return mark.writer.map { $0.id == updator.id } ?? true
    }
}
