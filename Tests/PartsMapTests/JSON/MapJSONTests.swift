import Testing
@testable import PartsMap

@Suite("JSON")
struct MapJSONTests {
    @Test func exampleRoundTripsThroughJSON() throws {
        for name in ["numbness.parts", "first-map.parts"] {
            let map = TestSupport.parseValid(try TestSupport.exampleText(name))
            let json = MapJSON.encode(map).serialized()
            let back = try MapJSON.decode(try JSONValue.parse(Array(json.utf8)))
            #expect(back == map)
            #expect(MapJSON.encode(back).serialized() == json, "deterministic")
        }
    }

    @Test func stringsWithEveryKindOfCharacterRoundTrip() throws {
        let texts = ["quote \" backslash \\ slash /", "line\nbreak\r\ttab", "\u{0}\u{1F}\u{7F}", "\u{2028}\u{2029}",
                     "😀 emoji 👩‍👩‍👧", "עברית", ""]
        let value = JSONValue.array(texts.map(JSONValue.string))
        #expect(try JSONValue.parse(Array(value.serialized().utf8)) == value)
        #expect(try JSONValue.parse(Array("\"\\ud83d\\ude00\"".utf8)) == .string("😀"))
    }

    @Test(arguments: [
        ("", 1, 1, "expected a value"),
        ("{\"a\": 1,}", 1, 9, "expected a key in quotes"),
        ("[1, 2", 1, 6, "never closed"),
        ("{\"a\": 1, \"a\": 2}", 1, 10, "appears twice"),
        ("\"\\ud800\"", 1, 8, "lone surrogate"),
        ("1.5", 1, 2, "whole numbers"),
        ("\"tab\there\"", 1, 5, "control character"),
        ("[] x", 1, 4, "unexpected text"),
    ])
    func malformedJSONIsReportedWithAPosition(text: String, line: Int, column: Int, message: String) {
        #expect {
            try JSONValue.parse(Array(text.utf8))
        } throws: { error in
            guard let error = error as? JSONError else { return false }
            return error.line == line && error.column == column && error.message.contains(message)
        }
    }

    @Test func deepNestingIsRefusedNotCrashed() {
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: JSONError.self) { try JSONValue.parse(Array(deep.utf8)) }
    }

    @Test(arguments: [
        ("{\"format\": \"other\", \"version\": 1, \"items\": []}", "format"),
        ("{\"format\": \"partsmap\", \"version\": 2, \"items\": []}", "version"),
        ("{\"format\": \"partsmap\", \"version\": 1, \"items\": [{\"type\": \"thing\"}]}", "items[0].type"),
        ("{\"format\": \"partsmap\", \"version\": 1, \"items\": [{\"type\": \"part\", \"id\": \"a\", \"fields\": [{\"key\": \"rol\", \"value\": \"x\"}]}]}",
         "items[0].fields[0].key"),
        ("{\"format\": \"partsmap\", \"version\": 1, \"items\": [], \"extra\": 1}", "extra"),
    ])
    func invalidMapsNameThePath(text: String, path: String) {
        #expect {
            try MapJSON.decode(try JSONValue.parse(Array(text.utf8)))
        } throws: { error in
            (error as? MapJSONError)?.path == path
        }
    }
}

import Foundation

@Suite("JSON schema")
struct MapJSONSchemaTests {
    /// Exported JSON validates against docs/partsmap.schema.json, checked by Python's jsonschema
    /// (present on the project's machines; CI requires it).
    @Test func exportsValidateAgainstTheSchema() throws {
        let check = """
            import json, sys
            import jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            for path in sys.argv[2:]:
                jsonschema.validate(json.load(open(path)), schema)
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
        var generator = MapGenerator(seed: 7)
        let maps = [TestSupport.parseValid(try TestSupport.exampleText("numbness.parts"))] + (0..<20).map { _ in generator.map() }
        for (index, map) in maps.enumerated() {
            let path = folder.appendingPathComponent("\(index).json").path
            try MapJSON.encode(map).serialized().write(toFile: path, atomically: true, encoding: .utf8)
            files.append(path)
        }
        let schema = TestSupport.packageRoot.appendingPathComponent("docs/partsmap.schema.json").path
        let result = try TestSupport.run(python, ["-c", check, schema] + files)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "ok\n")
    }
}
