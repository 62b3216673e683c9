/// A map read from disk for a command: its text, what the parser made of it, and how to
/// show its diagnostics.
struct MapFile {
    var path: String
    var source: SourceText
    var parsed: ParsedMap

    var map: SystemMap { parsed.map }
    var formatter: DiagnosticFormatter { DiagnosticFormatter(fileName: path, source: source) }

    /// The map named on the command line: the first positional, `--map`, or `map.parts` here.
    static func path(from arguments: ParsedArguments) -> String {
        arguments.positionals.first ?? arguments.value("--map") ?? "map.parts"
    }

    /// Reads and parses without judging: `check` wants to report errors itself.
    static func read(_ path: String) throws(CommandError) -> MapFile {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.readBytes(at: path)
        } catch {
            if case .notFound = error, path == "map.parts" {
                throw CommandError(.noInput, "no map.parts in this folder; name a map, e.g. 'partsmap render Examples/numbness.parts'")
            }
            switch error {
            case .notFound, .cannotRead: throw CommandError(.noInput, error.description)
            case .tooLarge, .cannotWrite: throw CommandError(.dataError, error.description)
            }
        }
        let source = SourceText(bytes)
        return MapFile(path: path, source: source, parsed: MapParser.parse(source))
    }

    /// Reads a map that must be free of errors; otherwise fails with all of them (exit 65).
    static func load(_ path: String) throws(CommandError) -> MapFile {
        let file = try read(path)
        guard !file.parsed.hasErrors else {
            let errors = file.parsed.errors
            let count = errors.count == 1 ? "1 error" : "\(errors.count) errors"
            throw CommandError(.dataError, file.formatter.format(errors) + "\n\(path): \(count); nothing was written")
        }
        return file
    }
}
