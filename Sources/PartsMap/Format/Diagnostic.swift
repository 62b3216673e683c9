/// A position in a map file: 1-based line, and 1-based column counted in Unicode scalars
/// (what an editor shows as the character position).
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// A problem found in a map: an error (the map cannot be used) or a warning (it can, but
/// something looks wrong in IFS terms).
public struct Diagnostic: Hashable, Sendable {
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    /// The ID of the check rule that found it (`exile-unprotected`), for warnings of `partsmap check`.
    public var rule: String?

    public init(_ severity: Severity, at location: SourceLocation, _ message: String, rule: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.rule = rule
    }

    public static func error(_ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, at: location, message)
    }

    public static func warning(_ message: String, at location: SourceLocation, rule: String? = nil) -> Diagnostic {
        Diagnostic(.warning, at: location, message, rule: rule)
    }
}
