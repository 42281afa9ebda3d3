extension String {
    /// The string unchanged when it fits `limit`; otherwise its longest prefix of whole
    /// characters (grapheme clusters, so never half a surrogate pair, ZWJ sequence or flag)
    /// that fits together with `marker`, with trailing whitespace removed, followed by `marker`.
    ///
    /// When even the marker does not fit, the longest fitting prefix of the marker is returned.
    public func truncated(toFit limit: TextLimit, marker: String = TruncationMarker.ellipsis) -> String {
        guard !limit.allows(self) else { return self }
        let markerLength = limit.length(of: marker)
        guard markerLength <= limit.maximum else {
            return marker.longestPrefix(fitting: limit.maximum, in: limit)
        }
        let kept = longestPrefix(fitting: limit.maximum - markerLength, in: limit)
        let trimmed = kept.reversed().drop(while: \.isWhitespace).reversed()
        return String(trimmed) + marker
    }

    /// The longest prefix of whole characters whose length in `limit.unit` is at most `budget`.
    func longestPrefix(fitting budget: Int, in limit: TextLimit) -> String {
        var used = 0
        var end = startIndex
        for character in self {
            let length = limit.length(of: character)
            guard used + length <= budget else { break }
            used += length
            end = index(after: end)
        }
        return String(self[..<end])
    }
}
