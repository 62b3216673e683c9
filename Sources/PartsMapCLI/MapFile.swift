import PartsMap

/// The command line's way to a map on disk: the library's `MapDocument`, with its errors turned
/// into exit codes and messages here, in one place.
enum MapFile {
    /// The map named on the command line: the first positional, `--map`, or `map.parts` here.
    static func path(from arguments: ParsedArguments) -> String {
        arguments.positionals.first ?? arguments.value("--map") ?? "map.parts"
    }

    /// Reads and parses without judging: `check` wants to report errors itself.
    static func read(_ path: String) throws(CommandError) -> MapDocument {
        do {
            return try MapDocument.read(path)
        } catch {
            throw CommandError(error, path: path)
        }
    }

    /// Reads a map that must be free of errors; otherwise fails with all of them (exit 65).
    static func load(_ path: String) throws(CommandError) -> MapDocument {
        do {
            return try MapDocument.load(path)
        } catch {
            throw CommandError(error, path: path)
        }
    }

    /// `MapDocument.edit` for commands: the change and the save fail as command errors.
    @discardableResult
    static func edit(_ path: String, _ change: (inout SystemMap) throws(CommandError) -> Void) throws(CommandError) -> SystemMap {
        do {
            return try MapDocument.edit(path, change)
        } catch {
            switch error {
            case .change(let reason): throw reason
            case .document(let failure): throw CommandError(failure, path: path)
            }
        }
    }
}

extension CommandError {
    /// The exit code and message for a map that could not be read or saved.
    init(_ error: MapDocumentError, path: String) {
        switch error {
        case .file(.notFound) where path == "map.parts":
            self.init(.noInput, "no map.parts in this folder; name a map, e.g. 'partsmap render Examples/numbness.parts'")
        case .file(.notFound), .file(.cannotRead):
            self.init(.noInput, error.description)
        case .file(.tooLarge):
            self.init(.dataError, error.description)
        case .file(.cannotWrite), .lock:
            self.init(.cannotCreate, error.description)
        case .invalid, .changeInvalid:
            self.init(.dataError, error.description)
        }
    }
}
