/// Formats diagnostics the way compilers do, so editors and terminals can jump to them (a
/// warning names its rule: `map.parts:12:1: warning[exile-unprotected]: ...`):
///
///     map.parts:12:9: error: unknown role 'manger'; did you mean 'manager'?
///       role: manger
///             ^
public struct DiagnosticFormatter: Sendable {
    /// The name shown before each position (`fog.parts:3:5: …`).
    public var fileName: String
    private let source: SourceText

    /// A formatter naming the file `fileName` and quoting its lines from `source`.
    public init(fileName: String, source: SourceText) {
        self.fileName = fileName
        self.source = source
    }

    /// The diagnostic as `file:line:column: severity: message`, the source line, and a caret.
    public func format(_ diagnostic: Diagnostic) -> String {
        var out = "\(fileName):\(diagnostic.location.line):\(diagnostic.location.column): "
        out += diagnostic.severity.rawValue + (diagnostic.rule.map { "[\($0)]" } ?? "") + ": " + diagnostic.message
        guard let excerpt = source.excerpt(line: diagnostic.location.line, column: diagnostic.location.column) else {
            return out
        }
        out += "\n  " + excerpt.text + "\n  " + String(repeating: " ", count: excerpt.caretOffset) + "^"
        return out
    }

    /// All diagnostics, sorted by position, one block each.
    public func format(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.sorted { $0.location < $1.location }.map(format).joined(separator: "\n")
    }
}

/// The bytes of a map file, split into lines once so diagnostics can show their line.
public struct SourceText: Sendable {
    /// The file's bytes, exactly as read (they need not be valid UTF-8).
    public let bytes: [UInt8]
    /// Byte offset where each line starts; a final line without a newline counts too.
    let lineStarts: [Int]
    /// Whether every byte is printable ASCII, a tab or a newline (no BOM, no CR): then the text is
    /// valid UTF-8 without control characters, and the parser need not check it line by line.
    let isPlainText: Bool

    /// The text of `bytes`, split into lines.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        isPlainText = bytes.withUnsafeBytes { ByteScan.findLines(in: $0, lineStarts: &starts) }
        if starts.count > 1, starts.last == bytes.count { starts.removeLast() }
        lineStarts = starts
    }

    /// The UTF-8 bytes of `text`, split into lines.
    public init(_ text: String) {
        self.init(Array(text.utf8))
    }

    /// The number of lines; a last line without a newline counts, an empty file has none.
    public var lineCount: Int { bytes.isEmpty ? 0 : lineStarts.count }

    /// Byte range of line `number` (1-based) without its newline or a CR before it.
    func lineRange(_ number: Int) -> Range<Int>? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        let start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return start..<max(start, end)
    }

    /// A printable window of the line around `column`, with control characters made visible
    /// and very long lines cut, plus where the caret goes.
    func excerpt(line: Int, column: Int) -> (text: String, caretOffset: Int)? {
        guard var range = lineRange(line) else { return nil }
        if line == 1, bytes[range].starts(with: [0xEF, 0xBB, 0xBF]) { range = range.lowerBound + 3..<range.upperBound }
        let scalars = Array(String(decoding: bytes[range], as: UTF8.self).unicodeScalars)
        let window = 100
        let target = max(0, column - 1)
        let start = target > window ? target - window / 2 : 0
        let end = min(scalars.count, start + window * 2)
        var text = start > 0 ? "…" : ""
        var caret = start > 0 ? 1 : 0
        for index in start..<max(start, end) {
            let scalar = scalars[index]
            let shown: String
            switch scalar.value {
            case 0x09: shown = " "
            case 0x00..<0x20, 0x7F: shown = "\u{FFFD}"
            default: shown = String(scalar)
            }
            if index < target { caret += shown.unicodeScalars.count }
            text += shown
        }
        if end < scalars.count { text += "…" }
        return (text, caret)
    }
}
