extension Unicode.Scalar {
    var isASCIILetter: Bool {
        ("a"..."z").contains(self) || ("A"..."Z").contains(self)
    }

    var isTagNameCharacter: Bool {
        isASCIILetter || ("0"..."9").contains(self) || self == "-" || self == ":" || self == "_"
    }

    /// The scalar lower-cased when it is an ASCII capital letter; otherwise unchanged.
    var lowercasedASCII: Unicode.Scalar {
        ("A"..."Z").contains(self) ? Unicode.Scalar(value + 32)! : self
    }
}

extension Character {
    var isASCIILetterCharacter: Bool {
        isASCII && isLetter
    }
}
