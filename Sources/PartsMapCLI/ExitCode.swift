import PartsMap
/// Process exit codes, following the BSD sysexits convention so scripts can tell failures apart.
public enum ExitCode: Int32, Sendable {
    case success = 0
    /// `check` found problems (or, with `--strict`, warnings); `fmt --check` found unformatted maps.
    case checkFailed = 1
    /// The command line was wrong.
    case usage = 64
    /// The map has errors.
    case dataError = 65
    /// The map file does not exist or cannot be read.
    case noInput = 66
    /// Graphviz is not installed or could not run.
    case unavailable = 69
    /// A bug in partsmap.
    case software = 70
    /// An output file could not be created.
    case cannotCreate = 73
}

/// A failure that ends a command: what to tell the person, and the exit code.
public struct CommandError: Error, Sendable, Equatable {
    public var code: ExitCode
    public var message: String

    public init(_ code: ExitCode, _ message: String) {
        self.code = code
        self.message = message
    }
}
