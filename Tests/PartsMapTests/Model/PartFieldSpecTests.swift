import Foundation
import Testing
@testable import PartsMap

@Suite("Table of part fields")
struct PartFieldSpecTests {
    /// A value for every field of the table, read from the text the `part` commands take.
    static func sampleText(_ spec: PartFieldSpec) -> String {
        switch spec.shape {
        case .choice(let words): return words[1]
        case .yesNo: return "yes"
        case .list: return "one, two"
        case .burden: return "legacy:witnessed:we don't cry"
        case .text, .ownWords: return "some text for \(spec.key)"
        }
    }

    @Test func everyFieldOfTheTableReadsPrintsAndRoundTripsThroughJSON() throws {
        var fields: [PartField] = []
        for spec in PartFieldSpec.all {
            guard case .success(let value) = spec.value(fromText: Self.sampleText(spec)) else {
                Issue.record("no value for \(spec.key)")
                continue
            }
            #expect(value.key == spec.key)
            fields.append(PartField(value))
        }
        let map = SystemMap(items: [.part(Part(id: try #require(PartID("fog")), fields: fields))])
        let text = MapPrinter.print(map)
        for spec in PartFieldSpec.all { #expect(text.contains("\n  \(spec.key)"), "printed \(spec.key)") }
        let parsed = TestSupport.parseValid(text)
        #expect(parsed == map)
        let json = MapJSON.encode(map).serialized()
        #expect(try MapJSON.decode(try JSONValue.parse(Array(json.utf8))) == map)
    }

    @Test func singleValuedKeysComeFromTheTable() {
        for spec in PartFieldSpec.all {
            #expect(PartField.Value.isSingleValued(spec.key) == spec.isSingle)
        }
        #expect(PartField.Value.knownKeys == PartFieldSpec.all.map(\.key))
        let text = "partsmap 1\npart fog\n  age: 7\n  age: 8\n"
        #expect(MapParser.parse(text).diagnostics.map(\.message) == ["'age' is already given for this part on line 3"])
    }

    @Test(arguments: ["x-", "x-a b", "x-é", "colour"])
    func everyReaderRefusesTheSameCustomKeys(key: String) throws {
        #expect(!CustomKey.isValid(key))
        let json = """
            {"format": "partsmap", "version": 1, "items": [{"type": "part", "id": "a", "fields": [{"key": "\(key)", "value": "v"}]}]}
            """
        #expect(throws: MapJSONError.self) { try MapJSON.decode(try JSONValue.parse(Array(json.utf8))) }
        let session = """
            {"format": "partsmap", "version": 1, "items": [{"type": "field", "key": "\(key)", "value": "v"}]}
            """
        #expect(throws: MapJSONError.self) { try MapJSON.decode(try JSONValue.parse(Array(session.utf8))) }
        if !key.contains(" ") && key.unicodeScalars.allSatisfy(\.isASCII) {
            #expect(MapParser.parse("partsmap 1\npart a\n  \(key): v\n").hasErrors)
        }
    }

    @Test func selfLikeIsYesOrNoEverywhere() throws {
        let spec = try #require(PartFieldSpec.named("self-like"))
        for word in ["true", "false", "Yes", "1"] {
            guard case .failure = spec.value(fromText: word) else { Issue.record("accepted \(word)"); continue }
            #expect(MapParser.parse("partsmap 1\npart a\n  self-like: \(word)\n").hasErrors)
        }
    }

    @Test func cardAndReportShowTheTableLabelsInTableOrder() throws {
        let map = TestSupport.parseValid(try TestSupport.exampleText("numbness.parts"))
        let id = try #require(PartID("fog"))
        let fog = try #require(map.part(id))
        let labels = fog.sections(for: .card).map(\.spec.label)
        #expect(labels == ["Body", "Feelings", "Beliefs", "Job", "Intent", "Fears", "Burdens", "Trailheads", "Tags", "Notes"])
        #expect(!fog.sections(for: .report, burdens: false).contains { $0.spec.key == "burden" })
    }
}
