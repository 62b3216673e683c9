import Foundation
import Testing
@testable import PartsMap

extension Reliability {
    /// Every valid map draws: random valid maps (every role, every relationship kind, notes,
    /// self-like parts, long and blank names, hostile text) through the real `partsmap` and the
    /// real Graphviz, with a sample of every picture option: each view, --legend, themes,
    /// layouts, --page, PNG and PDF, `report`, `worksheet` (HTML and PDF) and a timeline.
    /// A run that exits non-zero, or writes no picture, is a failure; falling back to a simpler
    /// picture (said on stderr) is not.
    ///
    /// One map per partsmap run (Graphviz takes one graph per process), so the maps are small
    /// and the option combinations are sampled: seed N uses command N mod 8 with options drawn
    /// from its own generator, so every failure names a seed to replay (`RenderCase(seed:)`).
    @Suite("Reliability: every valid map draws")
    struct RenderPropertyTests {
        static let seeds: Range<UInt64> = 50_000..<52_000
        /// Seed ranges run as separate test cases, two at a time (the machines have two cores).
        static let ranges: [Range<UInt64>] = stride(from: seeds.lowerBound, to: seeds.upperBound, by: 250)
            .map { $0..<min($0 + 250, seeds.upperBound) }

        @Test func atLeastTwoThousandMaps() {
            #expect(Self.ranges.reduce(0) { $0 + $1.count } >= 2_000)
        }

        /// The sample covers what the issue names: every command, view and option appears.
        @Test func everyOptionIsSampled() {
            var seen: Set<String> = []
            var roles: Set<Role> = []
            var kinds: Set<Relationship.Kind> = []
            var longNames = 0, blankNames = 0, selfLike = 0, notes = 0
            for seed in Self.seeds {
                let test = RenderCase(seed: seed)
                seen.insert(test.arguments[0])
                for argument in test.arguments where argument.hasPrefix("-") { seen.insert(argument) }
                for argument in test.arguments { if ["a4", "letter", "protection", "tag", "protectors", "exiles"].contains(argument) { seen.insert(argument) } }
                for part in test.map.parts {
                    roles.insert(part.role)
                    if part.displayName.count > 1_000 { longNames += 1 }
                    if part.name?.allSatisfy(\.isWhitespace) ?? false { blankNames += 1 }
                    if part.isSelfLike { selfLike += 1 }
                }
                for relationship in test.map.relationships {
                    kinds.insert(relationship.kind)
                    if relationship.note != nil { notes += 1 }
                }
            }
            let wanted: Set<String> = ["render", "report", "worksheet", "timeline", "--legend", "--focus", "--depth", "--only",
                                       "--hide", "--session", "--tag", "--group", "--redact", "--theme", "--page", "--layout",
                                       "a4", "letter", "protection", "tag", "protectors", "exiles"]
            #expect(wanted.subtracting(seen).isEmpty, "never sampled: \(wanted.subtracting(seen).sorted())")
            #expect(roles == Set(Role.allCases))
            #expect(kinds == Set(Relationship.Kind.allCases))
            #expect(longNames >= 50 && blankNames >= 50 && selfLike >= 50 && notes >= 500,
                    "long \(longNames), blank \(blankNames), self-like \(selfLike), notes \(notes)")
        }

        @Test(arguments: ranges)
        func everyValidMapDraws(seeds: Range<UInt64>) throws {
            try Self.expectDrawn(seeds.map { RenderCase(seed: $0) })
        }

        /// Runs each case in a folder of its own: none may fail (falling back is not failing).
        static func expectDrawn(_ cases: [RenderCase]) throws {
            guard TestSupport.dotPath != nil else {
                Issue.record("Graphviz 'dot' is not installed (scripts/install-graphviz.sh)")
                return
            }
            let folder = try TestSupport.makeTemporaryFolder()
            defer { TestSupport.cleanUp(folder) }
            var failures: [String] = []
            var fallbacks = 0
            for test in cases {
                let outcome = try test.run(in: folder.appendingPathComponent("s\(test.seed)"))
                if let failure = outcome.failure { failures.append("seed \(test.seed): partsmap \(test.arguments.joined(separator: " ")): \(failure)") }
                if outcome.fellBack { fallbacks += 1 }
            }
            let first = failures.prefix(3).joined(separator: "\n")
            #expect(failures.isEmpty, "\(failures.count) of \(cases.count) maps failed to draw (\(fallbacks) fell back); first:\n\(first)")
        }

        /// Maps of 61 to 200 parts, which the automatic layout draws in the clinical layout since
        /// stop 19 (the layered layout before): every one draws with the sampled views, legend,
        /// themes and formats, in the automatic layout, within the timeout. (Not `--page`:
        /// sharing such a map out over pages takes a debug build minutes.)
        @Test func largeValidMapsDraw() throws {
            let cases = (UInt64(60_000)..<60_008).map { RenderCase(seed: $0, parts: 61...200) }
            for test in cases { #expect((61...200).contains(test.map.parts.count) && !test.arguments.contains("--page")) }
            try Self.expectDrawn(cases)
        }
    }
}

/// One generated map and one partsmap command to draw it.
struct RenderCase {
    let seed: UInt64
    let map: SystemMap
    let arguments: [String]
    /// The file or folder the command writes, relative to its folder.
    let output: String

    /// `parts`: a map of that many parts (the generator's maps have up to 6), drawn with
    /// `render` and the automatic layout.
    init(seed: UInt64, parts large: ClosedRange<Int>? = nil) {
        self.seed = seed
        var generator = MapGenerator(seed: seed)
        var map = generator.map()
        if let large {
            var ids: [PartID] = []
            var seen: Set<PartID> = []
            let count = generator.int(large)
            while ids.count < count {
                let id = generator.partID()
                if seen.insert(id).inserted { ids.append(id) }
            }
            map.items = ids.map { .part(generator.part($0)) } + (0..<(ids.count * 3 / 2)).map { _ in .relationship(generator.relationship(ids)) }
        }
        // Long and blank names, and tags to view by: what the general generator rarely makes.
        var index = 0
        map.items = map.items.map { item in
            guard case .part(var part) = item else { return item }
            index += 1
            switch generator.int(0...19) {
            case 0: part.name = String(repeating: generator.pick(["long name ", "x", "Ünïcode "]), count: generator.int(200...1_500))
            case 1: part.name = generator.pick(["", " ", "  "])
            default: break
            }
            if generator.chance(0.1) { part.fields.append(PartField(.selfLike(true))) }
            if generator.chance(0.3) {
                let tag = generator.chance(0.05) ? String(repeating: "t", count: 12_000) : generator.pick(["work", "teen", "body"])
                part.fields.append(PartField(.tags([tag])))
            }
            return .part(part)
        }
        // What partsmap reads back is the map the options must fit.
        let parsed = MapParser.parse(MapPrinter.print(map))
        self.map = parsed.map
        let parts = parsed.map.parts
        let sessions = parsed.map.sessions

        var arguments: [String]
        let command = large != nil ? 0 : Int(seed % 8)
        switch command {
        case 2: arguments = ["report", "map.parts", "-o", "out.html"]; output = "out.html"
        case 3 where !parts.isEmpty, 4 where !parts.isEmpty:
            let format = command == 3 ? "pdf" : "html"
            arguments = ["worksheet", generator.pick(parts).id.rawValue, "map.parts", "-o", "sheet." + format]
            if generator.chance(0.5) { arguments += ["--page", generator.pick(["a4", "letter"])] }
            output = "sheet." + format
            self.arguments = arguments
            return
        case 5 where !sessions.isEmpty:
            self.arguments = ["timeline", "map.parts", "--by", "session", "--frames", "-o", "frames"]
            output = "frames/frame-001.svg"
            return
        case 6:
            let format = generator.pick(["png", "pdf"])
            arguments = ["render", "map.parts", "-o", "out." + format]
            output = "out." + format
            if generator.chance(0.8) { arguments += ["--page", generator.pick(["a4", "letter"])] }
        default:
            arguments = ["render", "map.parts", "-o", "out.svg"]
            output = "out.svg"
        }
        // View options, sampled.
        if generator.chance(0.5) || command == 1 { arguments.append("--legend") }
        if generator.chance(0.15), !parts.isEmpty {
            arguments += ["--focus", generator.pick(parts).id.rawValue]
            if generator.chance(0.5) { arguments += ["--depth", String(generator.int(0...3))] }
        }
        if generator.chance(0.1) { arguments += ["--only", "protectors"] }
        if generator.chance(0.1) { arguments += ["--hide", "exiles"] }
        if generator.chance(0.15), !sessions.isEmpty {
            arguments += ["--session", generator.chance(0.5) ? String(generator.int(1...sessions.count)) : generator.pick(sessions).date.description]
        }
        let tags = parts.flatMap(\.tags)
        if generator.chance(0.1), let tag = tags.first { arguments += ["--tag", tag] }
        if generator.chance(0.3) { arguments += ["--group", generator.pick(["protection", "tag"])] }
        if generator.chance(0.15) { arguments.append("--redact") }
        if generator.chance(0.3) { arguments += ["--theme", generator.pick(VisualStyle.Theme.allCases).rawValue] }
        if generator.chance(0.25), large == nil { arguments += ["--layout", generator.pick(["auto"] + LayoutEngine.allCases.map(\.rawValue))] }
        self.arguments = arguments
    }

    struct Outcome {
        var failure: String?
        var fellBack: Bool
    }

    /// Writes the map into `folder`, runs partsmap there, and checks what it wrote.
    func run(in folder: URL) throws -> Outcome {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { TestSupport.cleanUp(folder) }
        try Data(MapPrinter.print(map).utf8).write(to: folder.appendingPathComponent("map.parts"))
        let timeout = arguments[0] == "timeline" ? [] : ["--timeout", "60"]
        let result = try TestSupport.partsmap(arguments + timeout, in: folder)
        let fellBack = result.stderr.contains("could not draw this picture as asked")
        guard result.status == 0 else {
            return Outcome(failure: "exit \(result.status): \(result.stderr.prefix(600))", fellBack: fellBack)
        }
        var written = (try? Data(contentsOf: folder.appendingPathComponent(output))) ?? Data()
        if written.isEmpty, arguments.contains("--page"), result.stderr.contains("pages by protective system") {
            // Split over pages (out-1.pdf, out-2.pdf, …): check the first.
            let split = PageSplit.fileName(output, page: 1)
            written = (try? Data(contentsOf: folder.appendingPathComponent(split))) ?? Data()
        }
        let signatures: [String: [UInt8]] = ["svg": Array("<?xml".utf8), "pdf": Array("%PDF".utf8), "png": [0x89, 0x50, 0x4E, 0x47],
                                             "html": Array("<!DOCTYPE html>".utf8)]
        let wanted = signatures[String(output.split(separator: ".").last ?? "")] ?? []
        guard written.count > 0, Array(written.prefix(wanted.count)) == wanted else {
            return Outcome(failure: "exit 0 but \(output) is \(written.isEmpty ? "missing or empty" : "not a picture: \(String(decoding: written.prefix(80), as: UTF8.self))")",
                           fellBack: fellBack)
        }
        if arguments[0] == "report", !String(decoding: written, as: UTF8.self).contains("<svg") {
            return Outcome(failure: "the report has no picture of the map", fellBack: fellBack)
        }
        return Outcome(failure: nil, fellBack: fellBack)
    }
}

