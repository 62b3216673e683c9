import PartsMap
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
        let document = try read(path)
        try refuseNonMap(document)
        guard !document.parsed.hasErrors else {
            let errors = document.parsed.errors
            throw CommandError(.invalid(path: path, report: document.formatter.format(errors), count: errors.count), path: path)
        }
        return document
    }

    /// About how many parts the map at `path` has (its lines starting `part `), counted without
    /// reading the map properly: enough to decide, before it is read, whether Graphviz is worth
    /// priming (`RenderJob`). 0 when the file cannot be read; reading it properly says why.
    static func roughPartCount(_ path: String) -> Int {
        guard let bytes = try? FileSystem.readBytes(at: path) else { return 0 }
        // Line by line with memchr: this runs before Graphviz starts, so it delays everything.
        return bytes.withUnsafeBufferPointer { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            let part = Array("part ".utf8)
            var count = 0
            var lineStart = 0
            while lineStart < buffer.count {
                if buffer.count - lineStart >= part.count && memcmp(base + lineStart, part, part.count) == 0 { count += 1 }
                guard let newline = memchr(base + lineStart, 10, buffer.count - lineStart) else { break }
                lineStart = base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
            }
            return count
        }
    }

    /// A file that is plainly not a map (README.md) gets one line, not an error per line.
    static func refuseNonMap(_ document: MapDocument) throws(CommandError) {
        guard document.parsed.hasErrors, !document.path.hasSuffix(".parts"),
              document.parsed.errors.first?.message.hasPrefix("a map starts with the line 'partsmap") == true else { return }
        throw CommandError(.dataError, "\(document.path): not a partsmap map (a map starts with the line 'partsmap 1'); "
                           + "nothing was read. Maps are .parts files: see 'partsmap init' or docs/format.md")
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
            self.init(.noInput, "no map.parts in this folder: start a workbook here with 'partsmap init', "
                      + "or name a map with --map PATH (e.g. 'partsmap part list --map ~/sam/map.parts')")
        case .file(.notFound) where !path.hasSuffix(".parts") && FileSystem.exists(path + ".parts"):
            self.init(.noInput, "\(path): no such file; did you mean '\(path).parts'?")
        case .file(.notFound), .file(.cannotRead), .file(.notRegularFile):
            self.init(.noInput, error.description)
        case .file(.tooLarge):
            self.init(.dataError, error.description)
        case .file(.cannotWrite), .file(.readOnly), .lock:
            self.init(.cannotCreate, error.description)
        case .invalid, .changeInvalid:
            self.init(.dataError, error.description)
        }
    }
}
