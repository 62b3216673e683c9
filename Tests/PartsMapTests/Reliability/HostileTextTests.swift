import Foundation
import Testing
@testable import PartsMap
@testable import PartsMapCLI

extension Reliability {
    /// Hostile text (HostileText.corpus and the 100,000-character HostileText.long) in every text
    /// slot of a map: part names, notes, beliefs, burdens, relationship notes, session titles and
    /// notes, status-change notes, the title, the self block. Through the `.parts` text and through
    /// JSON it comes back exactly; through the real `partsmap` commands too.
    @Suite("Reliability: hostile text round-trips")
    struct HostileTextTests {
        struct Sample: CustomTestStringConvertible, Sendable {
            var index: Int
            var text: String
            var testDescription: String { "#\(index) " + Reliability.escaped(Array(text.utf8), limit: 40) }
        }

        static let samples: [Sample] = (HostileText.corpus + [HostileText.long]).enumerated().map { Sample(index: $0, text: $1) }

        /// A map with `text` in every slot that holds free text.
        static func map(with text: String) -> SystemMap {
            let a = PartID("a")!, b = PartID("b")!
            let partA = Part(id: a, name: text, fields: [
                PartField(.role(.manager)),
                PartField(.beliefs(text)),
                PartField(.burden(Burden(.legacy, text, state: .witnessed))),
                PartField(.burden(Burden(.personal, text))),
                PartField(.note(text)),
                PartField(.job(text)),
                PartField(.age(text)),
                PartField(.feelings([text, "flat"])),
                PartField(.tags([text])),
                PartField(.custom(key: "x-hostile", value: text)),
            ])
            let partB = Part(id: b, name: text + text, fields: [PartField(.role(.exile)), PartField(.fears(text))])
            let session = Session(date: CalendarDate(year: 2026, month: 11, day: 19)!, title: text, fields: [
                SessionField(.present([a, b])),
                SessionField(.statusChange(StatusChange(part: a, from: .known, to: .befriended, note: text))),
                SessionField(.homework(text)),
                SessionField(.note(text)),
                SessionField(.custom(key: "x-hostile", value: text)),
            ])
            return SystemMap(items: [
                .field(MapField(key: "title", value: text)),
                .selfBlock(SelfBlock(fields: [SelfField(.note(text))])),
                .part(partA),
                .part(partB),
                .relationship(Relationship(.part(a), .protects, .part(b), note: text)),
                .relationship(Relationship(.part(a), .blends, .theSelf, note: text)),
                .session(session),
            ])
        }

        @Test(arguments: samples)
        func throughTheTextFormat(sample: Sample) {
            let map = Self.map(with: sample.text)
            let printed = MapPrinter.print(map)
            let parsed = MapParser.parse(printed)
            #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics.map { "\($0.location) \($0.message)" })")
            #expect(parsed.map == map)
            #expect(parsed.map.parts.first?.name == sample.text, "the name comes back exactly")
            #expect(parsed.map.sessions.first?.notes == [sample.text])
            #expect(MapPrinter.print(parsed.map) == printed)
            #expect(MapChecker.check(parsed.map).allSatisfy { $0.severity == .warning })
        }

        @Test(arguments: samples)
        func throughJSON(sample: Sample) throws {
            let map = Self.map(with: sample.text)
            let json = MapJSON.encode(map).serialized()
            let back = try MapJSON.decode(try JSONValue.parse(Array(json.utf8)))
            #expect(back == map)
            #expect(back.relationships.map(\.note) == [sample.text, sample.text])
            // Another JSON reader sees the same strings: the escaping is standard JSON.
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            let items = try #require(object["items"] as? [[String: Any]])
            let title = items.first { $0["type"] as? String == "field" }
            #expect(title?["value"] as? String == sample.text)
        }

        /// The data-shaped JSON gives every slot back exactly, read by another JSON reader.
        @Test(arguments: samples)
        func throughGraphJSON(sample: Sample) throws {
            let json = GraphJSON.encode(Self.map(with: sample.text)).serialized()
            let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            #expect(root["title"] as? String == sample.text)
            #expect((root["self"] as? [String: [String]])?["note"] == [sample.text])
            let parts = try #require(root["parts"] as? [[String: Any]])
            let a = parts[0]
            #expect(a["name"] as? String == sample.text && a["age"] as? String == sample.text)
            for key in ["beliefs", "note", "job", "x-hostile", "tags"] { #expect(a[key] as? [String] == [sample.text], "\(key)") }
            #expect(a["feelings"] as? [String] == [sample.text, "flat"])
            #expect((a["burden"] as? [[String: String]])?.map { $0["text"] } == [sample.text, sample.text])
            #expect(parts[1]["fears"] as? [String] == [sample.text])
            #expect((root["relationships"] as? [[String: String]])?.map { $0["note"] } == [sample.text, sample.text])
            let session = try #require((root["sessions"] as? [[String: Any]])?.first)
            #expect(session["title"] as? String == sample.text)
            for key in ["homework", "note", "x-hostile"] { #expect(session[key] as? [String] == [sample.text], "\(key)") }
            #expect((session["status"] as? [[String: String]])?.first?["note"] == sample.text)
        }

        /// In the Mermaid diagram the text stays inside its quoted labels and reads back as written
        /// (cut to the label's length); the real Mermaid draws these in MermaidWriterTests.
        @Test(arguments: samples)
        func throughMermaid(sample: Sample) {
            let map = Self.map(with: sample.text)
            let diagram = MermaidWriter().mermaid(for: map)
            let (labels, rest) = MermaidWriterTests.split(diagram)
            #expect(!rest.contains(sample.text) || sample.text.count < 4, "text outside a label")
            #expect(labels.allSatisfy { !$0.contains("\n") && !$0.contains("\"") })
            let joiner = { (text: String) in text.replacingOccurrences(of: "\u{2060}", with: "") }
            let shown = Set(labels.map { joiner(MermaidWriterTests.decoded($0)) })
            for part in map.parts { #expect(shown.contains(joiner(MermaidWriterTests.visible(DOTWriter().label(for: part))))) }
            let note = joiner(MermaidWriterTests.visible(MermaidWriter.shortened(sample.text)))
            #expect(note.isEmpty || shown.contains(note))
        }

        /// The real commands: `part add` with the text in the name, a belief, a note and a burden;
        /// `relate --note`; `session add --title --note`. Then `export` gives back exactly the text
        /// (session notes are trimmed of blank lines and spaces at their ends, as documented),
        /// `check` finds no errors, and `fmt --check` finds the edited file already canonical or
        /// formats it without changing the map.
        @Test(arguments: samples)
        func throughTheCommands(sample: Sample) throws {
            let text = sample.text
            let folder = try TestSupport.makeTemporaryFolder()
            defer { TestSupport.cleanUp(folder) }
            try "partsmap 1\n\npart b: B\n  role: exile\n".write(to: folder.appendingPathComponent("map.parts"), atomically: true, encoding: .utf8)
            let commands: [[String]] = [
                ["part", "add", "a", "--name", text, "--role", "manager", "--belief", text, "--note", text,
                 "--burden", "legacy:witnessed:" + text, "--fear", text],
                ["relate", "a", "protects", "b", "--note", text],
                ["session", "add", "--date", "2026-11-19", "--title", text, "--present", "a,b", "--note", text],
            ]
            for arguments in commands {
                let result = try TestSupport.partsmap(arguments, in: folder)
                #expect(result.status == 0, "\(arguments.prefix(2)): \(result.stderr.prefix(500))")
            }
            let check = try TestSupport.partsmap(["check"], in: folder)
            #expect(check.status == 0 && check.stderr.contains(": 0 errors"), "\(check.stderr.prefix(500))")
            let export = try TestSupport.partsmap(["export"], in: folder)
            #expect(export.status == 0, "\(export.stderr.prefix(500))")
            let map = try MapJSON.decode(try JSONValue.parse(Array(export.stdoutData)))
            let part = try #require(map.part(PartID("a")!))
            #expect(part.name == text)
            #expect(part.beliefs == [text])
            #expect(part.fields.compactMap { if case .note(let t) = $0.value { return t } else { return nil } } == [text])
            #expect(part.fields.compactMap { if case .fears(let t) = $0.value { return t } else { return nil } } == [text])
            #expect(part.burdens == [Burden(.legacy, text, state: .witnessed)])
            #expect(map.relationships.map(\.note) == [text])
            let session = try #require(map.sessions.first)
            #expect(session.title == text)
            #expect(session.notes == [SessionCommands.trimmed(text)])
            // The file itself reads back to the same map, and formatting does not change the map.
            let file = folder.appendingPathComponent("map.parts")
            let before = TestSupport.parseValid(try String(contentsOf: file, encoding: .utf8))
            #expect(before == map)
            let formatted = try TestSupport.partsmap(["fmt", "--stdout"], in: folder)
            #expect(TestSupport.parseValid(formatted.stdout) == map)
        }
    }
}
