// A libFuzzer target for the `.parts` reader: scripts/fuzz.sh builds it together with the
// library's sources (`swiftc -sanitize=fuzzer,address`) and runs it. It lives outside Sources/
// so that `swift build` never sees it.
//
// For every input: the reader returns (it never traps); each diagnostic's line:column lies
// inside the input; there are at most `errorLimit` errors plus the "too many errors" note; the
// diagnostics format. When the input reads without errors: the checker's warnings lie inside
// the input too, the map prints, the printed text reads back to the same model and prints the
// same again, and the map survives the JSON round trip and DOT writing. A broken invariant
// traps, which libFuzzer reports as a crash and saves the input.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func partsMapParserFuzzTest(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let source = SourceText(bytes)
    let parsed = MapParser.parse(source)
    let lines = FuzzLines(bytes)
    // At most `errorLimit` errors, plus one note that the reader stopped. (This fuzzer once
    // found a second note; fixed in the reader, see docs/reliability.md.)
    let notes = parsed.diagnostics.filter { $0.message.hasPrefix("too many errors") }.count
    require(parsed.diagnostics.count - notes <= MapParser.errorLimit, "more errors than the limit")
    require(notes <= 1, "\(notes) 'too many errors' notes")
    for diagnostic in parsed.diagnostics { lines.requireInside(diagnostic) }
    _ = DiagnosticFormatter(fileName: "fuzz.parts", source: source).format(parsed.diagnostics)
    guard !parsed.hasErrors else { return 0 }

    let map = parsed.map
    for warning in MapChecker.check(map, locations: parsed.locations) { lines.requireInside(warning) }
    let printed = MapPrinter.print(map)
    let reread = MapParser.parse(printed)
    require(!reread.hasErrors, "the printed map has errors: \(reread.errors.map { "\($0.location) \($0.message)" })")
    require(reread.map == map, "the printed map reads back as a different model")
    require(MapPrinter.print(reread.map) == printed, "printing twice gives different text")
    do {
        let json = MapJSON.encode(map).serialized()
        let back = try MapJSON.decode(try JSONValue.parse(Array(json.utf8)))
        require(back == map, "the JSON round trip changed the model")
    } catch {
        require(false, "the JSON round trip failed: \(error)")
    }
    _ = DOTWriter().dot(for: map)
    return 0
}

/// Traps with a message on standard error when `condition` is false.
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    guard !condition() else { return }
    let text = Array("invariant broken: \(message())\n".utf8)
    _ = text.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    abort()
}

/// The input's lines as partsmap counts them, computed independently of the parser: split at
/// LF; a final LF starts no line; a CR before the LF and a BOM at the start are not part of a
/// line; lengths in Unicode scalars as a UTF-8 decoder counts them (one U+FFFD per bad sequence).
struct FuzzLines {
    let bytes: [UInt8]
    var starts: [Int] = [0]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        for (offset, byte) in bytes.enumerated() where byte == 0x0A { starts.append(offset + 1) }
        if starts.count > 1, starts.last == bytes.count { starts.removeLast() }
    }

    var count: Int { bytes.isEmpty ? 0 : starts.count }

    func scalars(inLine number: Int) -> Int {
        let start = starts[number - 1]
        var end = number < starts.count ? starts[number] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        var line = bytes[start..<max(start, end)]
        if number == 1, line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
        return String(decoding: line, as: UTF8.self).unicodeScalars.count
    }

    func requireInside(_ diagnostic: Diagnostic) {
        let location = diagnostic.location
        require(location.line >= 1 && location.line <= max(1, count) && location.column >= 1,
                "\(location) is outside the input (\(count) lines): \(diagnostic.message)")
        let length = location.line <= count ? scalars(inLine: location.line) : 0
        require(location.column <= length + 1,
                "\(location) is past the end of its line (\(length) scalars): \(diagnostic.message)")
    }
}
