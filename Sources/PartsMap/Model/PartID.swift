/// The stable identifier of a part, as written in the map: `fog`, `little-one`, `critic_2`.
///
/// IDs are what relationships, sessions and git diffs refer to, so they never change when a
/// part is renamed. They are limited to ASCII letters, digits, `-` and `_`, which keeps them
/// safe to put into every output format (DOT node names, file names, HTML anchors).
public struct PartID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The ID as written in the map; always valid (see `isValid`).
    public let rawValue: String

    /// Creates an ID, or returns `nil` when `rawValue` is not a valid part ID.
    public init?(_ rawValue: String) {
        guard PartID.isValid(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    package init(unchecked rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    /// Orders IDs by their text, for stable output.
    public static func < (lhs: PartID, rhs: PartID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The word that stands for the Self in relationships (`fog blends self`); no part may use it.
    public static let reservedSelfWord = "self"

    /// Words that start lines of the format, so they cannot be part IDs.
    public static let reservedWords: Set<String> = Set(reservedWordList)

    /// `reservedWords` as a list: five short words are found faster by comparing than by hashing.
    private static let reservedWordList = [reservedSelfWord, "part", "session", "partsmap", "title"]

    /// Whether `text` is one of the `reservedWords`.
    package static func isReserved(_ text: String) -> Bool {
        let count = text.utf8.count
        return reservedWordList.contains { $0.utf8.count == count && $0 == text }
    }

    /// Whether `text` can be a part ID: starts with a letter or digit, then letters, digits, `-`, `_`;
    /// at most 64 characters; not one of the `reservedWords`.
    ///
    /// The reader checks every ID it meets, so this reads the UTF-8 in place (no array, no hashing).
    public static func isValid(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard let first = utf8.first, utf8.count <= 64, isAlphanumeric(first) else { return false }
        guard utf8.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }) else {
            return false
        }
        return !isReserved(text)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
}
