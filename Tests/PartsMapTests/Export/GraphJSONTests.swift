import Foundation
import Testing
@testable import PartsMap

/// `GraphJSON` (`export --format graph-json`, `part list --json`): the map as data, checked by
/// Foundation's JSON reader and against docs/partsmap-graph.schema.json with Python's jsonschema.
@Suite("Export: graph JSON")
struct GraphJSONTests {
    static func object(_ json: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    static func example() throws -> SystemMap { TestSupport.parseValid(try TestSupport.exampleText("numbness.parts")) }

    @Test func partsAreObjectsWithTheirFieldsAsKeys() throws {
        let map = TestSupport.parseValid("""
            partsmap 1
            title: A "map"
            x-client: someone
            self
              note: calm at the allotment
            part fog: The Fog
              role: manager
              age: 8
              feelings: flat, tired
              feelings: watchful
              note: one
              note: two
              burden legacy witnessed: We don't cry.
              status: known
              x-colour: grey
            part little
              role: exile
            fog protects little: keeps grief away
            fog blends self
            session 2026-11-19: First
              present: fog
              self: calm 5, curiosity 6
              status fog: noticed -> known
              note: it came
            """)
        let root = try Self.object(GraphJSON.encode(map).serialized())
        #expect(root["format"] as? String == "partsmap-graph" && root["version"] as? Int == 1)
        #expect(root["title"] as? String == "A \"map\"")
        #expect((root["fields"] as? [String: [String]]) == ["x-client": ["someone"]])
        #expect((root["self"] as? [String: [String]]) == ["note": ["calm at the allotment"]])
        let parts = try #require(root["parts"] as? [[String: Any]])
        let fog = parts[0]
        #expect(fog["id"] as? String == "fog" && fog["name"] as? String == "The Fog" && fog["role"] as? String == "manager")
        #expect(fog["age"] as? String == "8" && fog["status"] as? String == "known" && fog["self-like"] as? Bool == false)
        #expect(fog["feelings"] as? [String] == ["flat", "tired", "watchful"], "list fields are one flat array")
        #expect(fog["note"] as? [String] == ["one", "two"], "repeated fields keep every value, in order")
        #expect((fog["burden"] as? [[String: String]]) == [["kind": "legacy", "state": "witnessed", "text": "We don't cry."]])
        #expect(fog["x-colour"] as? [String] == ["grey"])
        #expect(fog["lastSeen"] as? String == "2026-11-19")
        let little = parts[1]
        #expect(little["name"] as? String == "little" && little["role"] as? String == "exile" && little["lastSeen"] == nil)
        #expect(Set(little.keys) == ["id", "name", "role", "self-like"])
        let relationships = try #require(root["relationships"] as? [[String: String]])
        #expect(relationships == [["from": "fog", "kind": "protects", "to": "little", "note": "keeps grief away"],
                                  ["from": "fog", "kind": "blends", "to": "self"]])
        let session = try #require((root["sessions"] as? [[String: Any]])?.first)
        #expect(session["date"] as? String == "2026-11-19" && session["number"] as? Int == 1 && session["title"] as? String == "First")
        #expect(session["present"] as? [String] == ["fog"])
        #expect((session["self"] as? [String: Int]) == ["calm": 5, "curiosity": 6])
        #expect((session["status"] as? [[String: String]]) == [["part": "fog", "from": "noticed", "to": "known"]])
        #expect(session["note"] as? [String] == ["it came"])
    }

    /// Every field a part has shows up under its key, whatever the field: the writer goes over
    /// the part's fields, so a field added to the model cannot be left out silently.
    @Test func everyFieldOfEveryGeneratedPartHasItsKey() throws {
        var generator = MapGenerator(seed: 31)
        for _ in 0..<60 {
            let map = generator.map()
            let root = try Self.object(GraphJSON.encode(map).serialized())
            let parts = try #require(root["parts"] as? [[String: Any]])
            #expect(parts.count == map.parts.count)
            for (part, object) in zip(map.parts, parts) {
                var keys = Set(part.fields.map(\.value.key)).union(["id", "name", "role", "self-like"])
                if map.lastSession(mentioning: part.id) != nil { keys.insert("lastSeen") }
                #expect(Set(object.keys) == keys)
                #expect(object["role"] as? String == part.role.rawValue)
                #expect(object["lastSeen"] as? String == map.lastSession(mentioning: part.id)?.description)
                #expect(object["note"] as? [String] ?? [] == part.notes)
            }
            // Foundation's JSON reader on Linux drops U+FEFF inside strings: compare the tags
            // through the library's own reader, which keeps every character.
            guard case .object(let graph) = try JSONValue.parse(Array(GraphJSON.encode(map).serialized().utf8)),
                  case .array(let encodedParts)? = graph["parts"] else { Issue.record("no parts array"); continue }
            for (part, encoded) in zip(map.parts, encodedParts) {
                guard case .object(let members) = encoded else { Issue.record("a part is not an object"); continue }
                let tags: [String] = if case .array(let values)? = members["tags"] {
                    values.compactMap { if case .string(let text) = $0 { text } else { nil } }
                } else { [] }
                #expect(tags == part.tags)
            }
            #expect((root["sessions"] as? [Any])?.count == map.sessions.count)
            #expect((root["relationships"] as? [Any])?.count == map.relationships.count)
            #expect(GraphJSON.encode(map).serialized() == GraphJSON.encode(map).serialized(), "deterministic")
        }
    }

    /// The schema names every field the model has, so a new field cannot go undocumented.
    @Test func theSchemaNamesEveryField() throws {
        let url = TestSupport.packageRoot.appendingPathComponent("docs/partsmap-graph.schema.json")
        let schema = try Self.object(try String(contentsOf: url, encoding: .utf8))
        let definitions = try #require(schema["$defs"] as? [String: [String: Any]])
        let partKeys = Set((definitions["part"]?["properties"] as? [String: Any])?.keys ?? [:].keys)
        #expect(Set(PartField.Value.knownKeys).subtracting(partKeys).isEmpty, "\(Set(PartField.Value.knownKeys).subtracting(partKeys))")
        let sessionKeys = Set((definitions["session"]?["properties"] as? [String: Any])?.keys ?? [:].keys)
        #expect(Set(SessionField.Value.knownKeys).subtracting(sessionKeys).isEmpty, "\(Set(SessionField.Value.knownKeys).subtracting(sessionKeys))")
        let kinds = ((definitions["relationship"]?["properties"] as? [String: Any])?["kind"] as? [String: Any])?["enum"] as? [String]
        #expect(kinds == Relationship.Kind.allCases.map(\.rawValue))
    }

    /// The example, generated maps and `part list --json` validate against the documented schema.
    @Test func outputValidatesAgainstTheSchema() throws {
        let check = """
            import json, sys
            import jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            parts = {"$schema": schema["$schema"], "$defs": schema["$defs"], "type": "array", "items": {"$ref": "#/$defs/part"}}
            for path in sys.argv[2:]:
                value = json.load(open(path))
                jsonschema.validate(value, parts if path.endswith(".list.json") else schema)
            print("ok")
            """
        guard let python = ExecutableSearch.find("python3"),
              (try? TestSupport.run(python, ["-c", "import jsonschema"]).status) == 0 else {
            if ProcessInfo.processInfo.environment["PARTSMAP_CI"] == "1" { Issue.record("python3 with jsonschema is needed") }
            return
        }
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        var files: [String] = []
        var generator = MapGenerator(seed: 8)
        let maps = [try Self.example(), Reliability.HostileTextTests.map(with: HostileText.corpus[5])] + (0..<30).map { _ in generator.map() }
        for (index, map) in maps.enumerated() {
            let path = folder.appendingPathComponent("\(index).json").path
            try GraphJSON.encode(map).serialized().write(toFile: path, atomically: true, encoding: .utf8)
            files.append(path)
        }
        try FileManager.default.copyItem(at: TestSupport.example("numbness.parts"), to: folder.appendingPathComponent("map.parts"))
        let list = try TestSupport.partsmap(["part", "list", "--json"], in: folder)
        #expect(list.status == 0, "\(list.stderr)")
        try list.stdout.write(to: folder.appendingPathComponent("parts.list.json"), atomically: true, encoding: .utf8)
        files.append(folder.appendingPathComponent("parts.list.json").path)
        let schema = TestSupport.packageRoot.appendingPathComponent("docs/partsmap-graph.schema.json").path
        let result = try TestSupport.run(python, ["-c", check, schema] + files)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "ok\n")
    }

    /// `export --format graph-json` and `--format mermaid` through the real binary: the same as the
    /// library writes, and with `--redact` no word the person wrote.
    @Test func theCommandWritesEveryFormatAndRedacts() throws {
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        try FileManager.default.copyItem(at: TestSupport.example("numbness.parts"), to: folder.appendingPathComponent("map.parts"))
        let map = try Self.example()
        let graph = try TestSupport.partsmap(["export", "--format", "graph-json"], in: folder)
        #expect(graph.status == 0 && graph.stdout == GraphJSON.encode(map).serialized(), "\(graph.stderr)")
        let mermaid = try TestSupport.partsmap(["export", "map.parts", "--format", "mermaid", "-o", "map.mmd"], in: folder)
        #expect(mermaid.status == 0, "\(mermaid.stderr)")
        #expect(try String(contentsOf: folder.appendingPathComponent("map.mmd"), encoding: .utf8) == MermaidWriter().mermaid(for: map))
        let lossless = try TestSupport.partsmap(["export"], in: folder)
        #expect(lossless.stdout == MapJSON.encode(map).serialized(), "json stays the default")
        let wrong = try TestSupport.partsmap(["export", "--format", "mermeid"], in: folder)
        #expect(wrong.status == 64 && wrong.stderr.contains("did you mean 'mermaid'?"), "\(wrong.stderr)")

        let texts = ReportRedactionTests.freeText(of: map)
        for format in ["graph-json", "mermaid"] {
            let result = try TestSupport.partsmap(["export", "--format", format, "--redact"], in: folder)
            #expect(result.status == 0)
            // Compared as written and with JSON and Mermaid escapes undone.
            var decoded = MermaidWriterTests.decoded(result.stdout)
            if format == "graph-json" {
                let object = try Self.object(result.stdout)
                decoded = String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes]), as: UTF8.self)
                    .replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\n", with: "\n")
            }
            let leaks = texts.filter { result.stdout.contains($0) || decoded.contains($0) }
            #expect(leaks.isEmpty, "\(format) shows: \(leaks)")
        }
    }
}
