/// A position in a map file: 1-based line, and 1-based column counted in Unicode scalars
/// (what an editor shows as the character position).
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The line, from 1.
    public var line: Int
    /// The column, from 1, in Unicode scalars.
    public var column: Int

    /// The position at `line` and `column`, both 1-based.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }

    /// Orders positions as they come in the file, so diagnostics list top to bottom.
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// A problem found in a map: an error (the map cannot be used) or a warning (it can, but
/// something looks wrong in IFS terms).
public struct Diagnostic: Hashable, Sendable {
    /// An error means the map cannot be used as it is; a warning is worth a look but stops nothing.
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    /// Whether the problem stops the map from being used.
    public var severity: Severity
    /// Where in the file the problem is.
    public var location: SourceLocation
    /// What is wrong, in words for a person.
    public var message: String
    /// The ID of the check rule that found it (`exile-unprotected`), for warnings of `partsmap check`.
    public var rule: String?

    /// A problem of `severity` at `location`, found by the check rule `rule` if any.
    public init(_ severity: Severity, at location: SourceLocation, _ message: String, rule: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.rule = rule
    }

    /// An error at `location`.
    public static func error(_ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, at: location, message)
    }

    /// A warning at `location`, found by the check rule `rule` if any.
    public static func warning(_ message: String, at location: SourceLocation, rule: String? = nil) -> Diagnostic {
        Diagnostic(.warning, at: location, message, rule: rule)
    }
}
