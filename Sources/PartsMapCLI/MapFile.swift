import PartsMap
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
            case .notFound, .cannotRead, .notRegularFile: throw CommandError(.noInput, error.description)
            case .tooLarge: throw CommandError(.dataError, error.description)
            case .cannotWrite, .readOnly: throw CommandError(.cannotCreate, error.description)
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

extension MapFile {
    /// Read-modify-write under the map's lock: reads the map (refusing one with errors), lets
    /// `change` edit the model, and writes the result atomically, changing only the lines that
    /// must change. Nothing is written when the change leaves the map as it was. Returns the
    /// edited map.
    ///
    /// A map reached through a symbolic link is edited (and locked) where it really is, so the
    /// link stays and writers through the link and the real path share one lock. A read-only
    /// map is refused (exit 73) before anything else happens. The map keeps its line endings
    /// (LF or CRLF).
    @discardableResult
    static func edit(_ named: String, _ change: (inout SystemMap) throws(CommandError) -> Void) throws(CommandError) -> SystemMap {
        let path = FileSystem.editTarget(named)
        let lock: FileLock
        do {
            _ = try FileSystem.writeTarget(path)
            lock = try FileLock(for: path)
        } catch {
            if case .readOnly = error { throw CommandError(.cannotCreate, FileError.readOnly(path: named).description) }
            throw CommandError(.cannotCreate, error.description)
        }
        defer { lock.release() }
        let file = try load(named)
        var map = file.map
        try change(&map)
        guard map != file.map else { return map }
        var text = MapEditor.text(for: map, original: file.parsed, source: file.source)
        let check = MapParser.parse(text)
        if check.hasErrors {
            throw CommandError(.dataError, "this change would make the map invalid; nothing was written:\n"
                               + DiagnosticFormatter(fileName: path, source: SourceText(text)).format(check.errors))
        }
        if check.map != map {
            // The splice should always reproduce the model; if it ever does not, print canonically.
            text = MapPrinter.print(map)
        }
        text = keepingLineEndings(text, of: file.source)
        do {
            try FileSystem.writeAtomically(text, to: path)
        } catch {
            throw CommandError(.cannotCreate, error.description)
        }
        return map
    }
}

extension MapFile {
    /// Whether the map's lines end in CR LF (judged by its first line break).
    static func usesCRLF(_ source: SourceText) -> Bool {
        guard let newline = source.bytes.firstIndex(of: UInt8(ascii: "\n")) else { return false }
        return newline > 0 && source.bytes[newline - 1] == UInt8(ascii: "\r")
    }

    /// `text` with the line endings of `source`: a CRLF map stays CRLF after an edit.
    static func keepingLineEndings(_ text: String, of source: SourceText) -> String {
        guard usesCRLF(source) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + text.utf8.count / 16)
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") && previous != UInt8(ascii: "\r") { out.append(UInt8(ascii: "\r")) }
            out.append(byte)
            previous = byte
        }
        return String(decoding: out, as: UTF8.self)
    }
}
