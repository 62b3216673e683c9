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
