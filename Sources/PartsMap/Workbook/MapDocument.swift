/// Why a map on disk could not be read, or a change to it could not be saved.
///
/// The messages are written for a person and name no command-line flags, so an app can show
/// them as they are.
public enum MapDocumentError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be read or written (missing, unreadable, too large, disk full…).
    case file(FileError)
    /// The map has errors; `report` lists each as `file:line:column: error: …`.
    case invalid(path: String, report: String, count: Int)
    /// The change would have made the map invalid; nothing was written.
    case changeInvalid(path: String, report: String)
    /// The map's lock file could not be taken.
    case lock(FileError)

    public var description: String {
        switch self {
        case .file(let error), .lock(let error):
            return error.description
        case .invalid(let path, let report, let count):
            return report + "\n\(path): " + (count == 1 ? "1 error" : "\(count) errors") + "; nothing was written"
        case .changeInvalid(_, let report):
            return "this change would make the map invalid; nothing was written:\n" + report
        }
    }
}

/// A failed locked edit: either the map could not be read or saved, or the change itself gave
/// up (with the caller's own error).
public enum MapEditError<Reason: Error>: Error {
    case document(MapDocumentError)
    case change(Reason)
}

/// A `.parts` file read from disk: its bytes, what the parser made of them, and how to show
/// its diagnostics. The way every reader and writer of a map on disk goes, so that reading,
/// locking and atomic writing work the same for the command line and for an app.
public struct MapDocument: Sendable {
    /// The path the map was read from.
    public var path: String
    /// The file's bytes, for diagnostics that quote a line.
    public var source: SourceText
    /// The parse result: the model, its diagnostics and where each item came from.
    public var parsed: ParsedMap

    /// The model. Only trust it when `parsed.hasErrors` is false (`load` guarantees that).
    public var map: SystemMap { parsed.map }
    /// Formats diagnostics as `file:line:column: severity: message` with the source line.
    public var formatter: DiagnosticFormatter { DiagnosticFormatter(fileName: path, source: source) }

    /// Wraps text already in memory (a map from git, a pipe) as a document named `path`.
    public init(path: String, source: SourceText) {
        self.path = path
        self.source = source
        self.parsed = MapParser.parse(source)
    }

    /// Reads and parses without judging, for callers that report the map's errors themselves.
    /// Refuses anything that is not a regular file.
    public static func read(_ path: String) throws(MapDocumentError) -> MapDocument {
        do {
            return MapDocument(path: path, source: SourceText(try FileSystem.readBytes(at: path)))
        } catch {
            throw .file(error)
        }
    }

    /// Reads a map that must be free of errors; otherwise fails with all of them.
    public static func load(_ path: String) throws(MapDocumentError) -> MapDocument {
        let document = try read(path)
        guard !document.parsed.hasErrors else {
            let errors = document.parsed.errors
            throw .invalid(path: path, report: document.formatter.format(errors), count: errors.count)
        }
        return document
    }

    /// Read-modify-write under the map's lock: reads the map (refusing one with errors), lets
    /// `change` edit the model, and writes the result atomically, changing only the lines that
    /// must change (comments, order and untouched items stay byte for byte). Nothing is written
    /// when the change leaves the map as it was, or when it would make the map invalid. Two
    /// processes editing the same map at once both keep their change. Returns the edited map.
    ///
    /// A map reached through a symbolic link is locked and written where it really is, so the
    /// link stays a link and writers through the link and the real path share one lock. A
    /// read-only map is refused (`FileError.readOnly`) before anything else. The map keeps its
    /// line endings (LF or CR LF).
    @discardableResult
    public static func edit<Reason: Error>(
        _ named: String, _ change: (inout SystemMap) throws(Reason) -> Void
    ) throws(MapEditError<Reason>) -> SystemMap {
        let path = FileSystem.editTarget(named)
        do {
            _ = try FileSystem.writeTarget(path)
        } catch {
            if case .readOnly = error { throw .document(.file(.readOnly(path: named))) }
            throw .document(.file(error))
        }
        let lock: FileLock
        do {
            lock = try FileLock(for: path)
        } catch {
            throw .document(.lock(error))
        }
        defer { lock.release() }
        let file: MapDocument
        do {
            file = try load(named)
        } catch {
            throw .document(error)
        }
        var map = file.map
        do {
            try change(&map)
        } catch {
            throw .change(error)
        }
        guard map != file.map else { return map }
        var text = MapEditor.text(for: map, original: file.parsed, source: file.source)
        let check = MapParser.parse(text)
        if check.hasErrors {
            throw .document(.changeInvalid(path: path, report: DiagnosticFormatter(fileName: path, source: SourceText(text)).format(check.errors)))
        }
        if check.map != map {
            // The splice should always reproduce the model; if it ever does not, print canonically.
            text = MapPrinter.print(map)
        }
        text = keepingLineEndings(text, of: file.source)
        do {
            try FileSystem.writeAtomically(text, to: path)
        } catch {
            throw .document(.file(error))
        }
        return map
    }
}

extension MapDocument {
    /// Whether the map's lines end in CR LF (judged by its first line break).
    static func usesCRLF(_ source: SourceText) -> Bool {
        guard let newline = source.bytes.firstIndex(of: UInt8(ascii: "\n")) else { return false }
        return newline > 0 && source.bytes[newline - 1] == UInt8(ascii: "\r")
    }

    /// `text` with the line endings of `source`: a CR LF map stays CR LF after an edit.
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
