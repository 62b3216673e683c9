// Uses only PartsMap's public API (`import PartsMap`, no `@testable`): builds a map in code,
// writes it, edits it safely (locked, only the changed line rewritten), checks it, and writes
// DOT, an SVG through Graphviz, a Mermaid diagram and data-shaped JSON.
//
//   swift run Embedding [FOLDER]     writes into FOLDER (default: a new folder in /tmp)

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PartsMap

/// What went wrong, for the exit message.
struct Failure: Error, CustomStringConvertible {
    var description: String
}

func id(_ text: String) throws(Failure) -> PartID {
    guard let id = PartID(text) else { throw Failure(description: "'\(text)' is not a part ID") }
    return id
}

func write(_ text: String, to path: String) throws(Failure) {
    do { try FileSystem.writeAtomically(text, to: path) } catch { throw Failure(description: error.description) }
    print("wrote \(path)")
}

/// 1. A map, built in code.
func makeMap() throws(Failure) -> SystemMap {
    let fog = try id("fog"), little = try id("little")
    return SystemMap(items: [
        .field(MapField(key: "title", value: "Built by an app")),
        .part(Part(id: fog, name: "The Fog", fields: [
            PartField(.role(.manager)),
            PartField(.feelings(["flat", "tired"])),
            PartField(.intent("keeps grief from flooding")),
            PartField(.status(.known)),
        ])),
        .part(Part(id: little, name: "Little One", fields: [
            PartField(.role(.exile)),
            PartField(.burden(Burden(.personal, "I don't matter"))),
        ])),
        .relationship(Relationship(.part(fog), .protects, .part(little), note: "keeps the grief away")),
        .relationship(Relationship(.part(fog), .blends, .theSelf)),
    ])
}

/// 2. A safe edit: hold the map's lock, read it, change the model, write back only what changed.
func edit(_ path: String, _ change: (inout SystemMap) -> Void) throws(Failure) {
    let lock: FileLock
    do { lock = try FileLock(for: path) } catch { throw Failure(description: error.description) }
    defer { lock.release() }
    let bytes: [UInt8]
    do { bytes = try FileSystem.readBytes(at: path) } catch { throw Failure(description: error.description) }
    let source = SourceText(bytes)
    let parsed = MapParser.parse(source)
    guard !parsed.hasErrors else {
        throw Failure(description: DiagnosticFormatter(fileName: path, source: source).format(parsed.errors))
    }
    var map = parsed.map
    change(&map)
    try write(MapEditor.text(for: map, original: parsed, source: source), to: path)
}

func run() throws(Failure) {
    let folder: String
    if CommandLine.arguments.count > 1 {
        folder = CommandLine.arguments[1]
    } else {
        var template = Array("/tmp/partsmap-embedding-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ buffer in buffer.baseAddress.flatMap(mkdtemp) }) else {
            throw Failure(description: "cannot make a folder in /tmp")
        }
        folder = String(cString: made)
    }
    let path = folder + "/map.parts"
    try write(MapPrinter.print(try makeMap()), to: path)

    try edit(path) { map in
        guard let fog = PartID("fog") else { return }
        map.updatePart(fog) { part in part.setSingle(.status(.befriended)) }
    }

    // 3. Check: errors and IFS warnings, as `partsmap check` shows them.
    let bytes: [UInt8]
    do { bytes = try FileSystem.readBytes(at: path) } catch { throw Failure(description: error.description) }
    let parsed = MapParser.parse(SourceText(bytes))
    let diagnostics = parsed.diagnostics + MapChecker.check(parsed.map, locations: parsed.locations)
    let formatter = DiagnosticFormatter(fileName: path, source: SourceText(bytes))
    for diagnostic in diagnostics { print(formatter.format(diagnostic)) }
    guard !parsed.hasErrors else { throw Failure(description: "the edited map has errors") }
    guard parsed.map.part(try id("fog"))?.status == .befriended else { throw Failure(description: "the edit did not land") }
    print("checked: \(diagnostics.filter { $0.severity == .error }.count) errors, "
          + "\(diagnostics.filter { $0.severity == .warning }.count) warnings")

    // 4. DOT, and an SVG drawn by the system's Graphviz.
    let dot = DOTWriter(options: DOTOptions(showsLegend: true)).dot(for: parsed.map)
    try write(dot, to: folder + "/map.dot")
    do {
        let renderer = try GraphvizRenderer.locate()
        let warnings = try renderer.render(dot: dot, format: .svg, layout: .dot, to: folder + "/map.svg")
        if !warnings.isEmpty { print("Graphviz: " + warnings) }
        print("wrote \(folder)/map.svg")
    } catch {
        throw Failure(description: error.description)
    }

    // 5. The map for Markdown tools and for other programs.
    try write(MermaidWriter().mermaid(for: parsed.map), to: folder + "/map.mmd")
    try write(GraphJSON.encode(parsed.map).serialized(), to: folder + "/map.graph.json")
}

do {
    try run()
} catch {
    print("embedding: \(error)")
    exit(1)
}
