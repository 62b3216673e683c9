/// The comments a person wrote around one line of their map, kept so that editing and
/// reformatting never lose them.
///
/// Each string is the text after `#`, exactly as written (usually starting with a space).
public struct Comments: Hashable, Sendable {
    /// Whole-line comments directly above the line.
    public var leading: [String]
    /// A comment at the end of the line itself (`role: manager  # the loud one`).
    public var trailing: String?

    /// Comments to keep around a line; none by default.
    public init(leading: [String] = [], trailing: String? = nil) {
        self.leading = leading
        self.trailing = trailing
    }

    /// Whether there is nothing to print.
    public var isEmpty: Bool { leading.isEmpty && trailing == nil }
}
