// An app's use of PartsMap, start to finish, with the public API only: build a map, save it,
// edit it safely under its lock, check it, write DOT, draw an SVG with Graphviz, export Mermaid
// and data-shaped JSON, write a report.
// Every failure is a value the app can show; nothing here prints on PartsMap's behalf.
import PartsMap

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func fail(_ message: String) -> Never {
    let line = Array("EmbeddingDemo: \(message)\n".utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(1)
}

let folder = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "."
let path = folder + "/embedded.parts"

// 1. Build a map in code: a numbing protector guarding a grieving exile.
guard let fog = PartID("fog"), let little = PartID("little") else { fail("invalid part IDs") }
var map = SystemMap(items: [
    .field(MapField(key: "title", value: "Built by an app")),
    .part(Part(id: fog, name: "The Fog", fields: [PartField(.role(.manager)), PartField(.job("numbs every feeling"))])),
    .part(Part(id: little, name: "Little One", fields: [PartField(.role(.exile))])),
    .relationship(Relationship(.part(fog), .protects, .part(little), note: "keeps the grief away")),
])

// 2. Save it as a .parts file (atomic, private: 0600).
do throws(FileError) {
    try FileSystem.writeAtomically(MapPrinter.print(map), to: path)
} catch {
    fail(error.description)
}

// 3. Edit it safely: read-modify-write under the map's lock, changing only the lines it must.
enum AppError: Error { case alreadyThere }
do throws(MapEditError<AppError>) {
    map = try MapDocument.edit(path) { (map: inout SystemMap) throws(AppError) in
        guard let critic = PartID("critic") else { return }
        if map.part(critic) != nil { throw .alreadyThere }
        map.items.append(.part(Part(id: critic, name: "The Critic", fields: [PartField(.role(.manager))])))
    }
} catch {
    switch error {
    case .document(let failure): fail(failure.description)
    case .change: fail("the critic was already on the map")
    }
}

// 4. Check it against IFS practice.
let document: MapDocument
do throws(MapDocumentError) {
    document = try MapDocument.load(path)
} catch {
    fail(error.description)
}
let findings = MapChecker.check(document.map, locations: document.parsed.locations)
print("checked: \(document.map.parts.count) parts, \(findings.count) findings")
for finding in findings { print(document.formatter.format(finding)) }

// 5. The picture: DOT text, then an SVG drawn by the system Graphviz.
var settings = PictureSettings()
settings.legend = true
let prepared: PictureSettings.Prepared
do throws(MapView.ViewError) {
    prepared = try settings.prepare(document.map)
} catch {
    fail(error.description)
}
let dot = prepared.dot
do throws(FileError) {
    try FileSystem.writeAtomically(dot, to: folder + "/embedded.dot")
} catch {
    fail(error.description)
}
print("dot: \(dot.utf8.count) bytes")
let renderer: GraphvizRenderer?
do throws(RenderError) {
    renderer = try GraphvizRenderer.locate()
} catch {
    print("Graphviz: \(error.description); drawing skipped")
    renderer = nil
}
if let renderer {
    do throws(RenderError) {
        _ = try renderer.render(dot: dot, format: .svg, layout: prepared.layout, to: folder + "/embedded.svg")
        print("svg: " + folder + "/embedded.svg")
    } catch {
        fail(error.description)
    }
}

// 6. Maps that travel: a Mermaid diagram for Markdown notes, data-shaped JSON for other programs.
do throws(FileError) {
    try FileSystem.writeAtomically(MermaidWriter().mermaid(for: document.map), to: folder + "/embedded.mmd")
    try FileSystem.writeAtomically(GraphJSON.encode(document.map).serialized(), to: folder + "/embedded.graph.json")
} catch {
    fail(error.description)
}

// 7. The report, one self-contained HTML page.
do {
    let report = try Report.html(for: document.map, settings: settings, renderer: renderer)
    try FileSystem.writeAtomically(report.html, to: folder + "/embedded.report.html")
    print("report: " + folder + "/embedded.report.html")
} catch let error as ReportError {
    fail(error.description)
} catch {
    fail("\(error)")
}
