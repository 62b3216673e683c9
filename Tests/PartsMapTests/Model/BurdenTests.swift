import Foundation
import Testing
@testable import PartsMap

/// Burdens as therapists see them: a lineage for a legacy burden, burdens without words, and
/// burdens not yet attached to a part; every place a burden goes carries them.
@Suite("Burdens: lineage, forms, unattached")
struct BurdenTests {
    /// A `partsmap 1` map written before lineage and forms existed, in canonical form.
    static let oldMap = """
        partsmap 1

        part little: Little One
          role: exile
          burden personal: "I don't matter."
          burden legacy witnessed: "Don't be a bother."
          burden cultural released: "Your worth is what you produce."
          burden legacy:

        part burden: The Burden Bearer
          role: manager

        burden protects little

        """

    static let newMap = """
        partsmap 1

        part little: Little One
          role: exile
          burden legacy from mother, grandmother: "We don't cry in this family."
          burden personal preverbal: terror before there were words
          burden personal bodily witnessed: a held breath, a locked jaw  # felt, never said
          burden personal wordless:

        part fog: The Fog
          role: manager

        fog protects little

        # sensed in the system; which part carries it is not known yet
        burden legacy from father, paternal-grandfather: "Men manage alone."
        burden cultural bodily:
          tight shoulders around money

        """

    @Test func oldMapsReadExactlyAsBefore() {
        let map = TestSupport.parseValid(Self.oldMap)
        let little = map.part(PartID(unchecked: "little"))
        #expect(little?.burdens == [
            Burden(.personal, "I don't matter."),
            Burden(.legacy, "Don't be a bother.", state: .witnessed),
            Burden(.cultural, "Your worth is what you produce.", state: .released),
            Burden(.legacy, ""),
        ])
        #expect(little?.burdens.allSatisfy { $0.form == .words && $0.lineage.isEmpty } == true)
        // A part may still be called `burden`, and a line starting with it is a relationship.
        #expect(map.relationships.map(\.identity) == [Relationship(.part(PartID(unchecked: "burden")), .protects,
                                                                   .part(PartID(unchecked: "little"))).identity])
        #expect(map.unattachedBurdens.isEmpty)
        #expect(MapPrinter.print(map) == Self.oldMap)
        #expect(MapJSON.encode(map).serialized().contains("\"form\"") == false, "old burdens write no new JSON keys")
    }

    @Test func lineageFormsAndUnattachedBurdensAreRead() throws {
        let map = TestSupport.parseValid(Self.newMap)
        let little = try #require(map.part(PartID(unchecked: "little")))
        #expect(little.burdens == [
            Burden(.legacy, "We don't cry in this family.", lineage: ["mother", "grandmother"]),
            Burden(.personal, "terror before there were words", form: .preverbal),
            Burden(.personal, "a held breath, a locked jaw", state: .witnessed, form: .bodily),
            Burden(.personal, "", form: .wordless),
        ])
        #expect(map.unattachedBurdens.map(\.burden) == [
            Burden(.legacy, "Men manage alone.", lineage: ["father", "paternal-grandfather"]),
            Burden(.cultural, "tight shoulders around money", form: .bodily),
        ])
        #expect(map.unattachedBurdens.first?.comments.leading == [" sensed in the system; which part carries it is not known yet"])
        // Canonical printing: words quoted, a description bare, the state before the form.
        let printed = MapPrinter.print(map)
        #expect(printed.contains("  burden personal witnessed bodily: a held breath, a locked jaw  # felt, never said\n"))
        #expect(printed.contains("\nburden legacy from father, paternal-grandfather: \"Men manage alone.\"\n"))
        #expect(printed.contains("\nburden cultural bodily: tight shoulders around money\n"))
        #expect(MapParser.parse(printed).map == map)
        #expect(MapParser.parse(MapJSON.encode(map).serialized()).map != map, "JSON is not text")
        #expect(try MapJSON.decode(JSONValue.parse(Array(MapJSON.encode(map).serialized().utf8))) == map)
    }

    @Test func anEditKeepsTheBytesOfUntouchedBurdenLines() throws {
        let text = Self.newMap.replacingOccurrences(of: "from mother, grandmother:", with: "from  mother ,grandmother :")
        let source = SourceText(text)
        let parsed = MapParser.parse(source)
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
        var map = parsed.map
        map.updatePart(PartID(unchecked: "fog")) { $0.setSingle(.status(.known)) }
        let edited = MapEditor.text(for: map, original: parsed, source: source)
        #expect(edited == text.replacingOccurrences(of: "  role: manager\n", with: "  role: manager\n  status: known\n"))
    }

    @Test func theCommandLineTakesTheMapLinesWords() {
        func burden(_ text: String) -> Burden? { try? PartFieldSpec.burden(fromText: text).get() }
        #expect(burden("legacy:we don't cry") == Burden(.legacy, "we don't cry"))
        #expect(burden("legacy:witnessed: we don't cry") == Burden(.legacy, " we don't cry", state: .witnessed))
        #expect(burden("legacy witnessed from mother, grandmother: we don't cry")
                == Burden(.legacy, "we don't cry", state: .witnessed, lineage: ["mother", "grandmother"]))
        #expect(burden("personal preverbal") == Burden(.personal, "", form: .preverbal))
        #expect(burden("personal bodily:terror in the chest") == Burden(.personal, "terror in the chest", form: .bodily))
        #expect(burden("personal") == nil, "a burden in words needs its words")
        #expect(burden("legacy, witnessed:x") == nil, "a comma only in a lineage, as in the map")
        let typo = PartFieldSpec.burden(fromText: "legacy preverbl:x")
        #expect(typo.failure?.message == "unknown burden state or form 'preverbl'; did you mean 'preverbal'?")
        let lineage = PartFieldSpec.burden(fromText: "legacy from mother's mother:x")
        #expect(lineage.failure?.message.contains("cannot be a step of a lineage") == true)
    }

    @Test func jsonRefusesALineageTheTextCannotWrite() throws {
        let json = #"{"format":"partsmap","version":1,"items":[{"type":"burden","kind":"legacy","state":"carried","text":"x","lineage":["my mother"]}]}"#
        #expect(throws: MapJSONError.self) { try MapJSON.decode(JSONValue.parse(Array(json.utf8))) }
        let good = #"{"format":"partsmap","version":1,"items":[{"type":"burden","kind":"legacy","state":"carried","text":"x","form":"bodily"}]}"#
        #expect(try MapJSON.decode(JSONValue.parse(Array(good.utf8))).unattachedBurdens.map(\.burden) == [Burden(.legacy, "x", form: .bodily)])
    }

    @Test func checksReadEveryForm() {
        let text = """
            partsmap 1

            part fog
              role: manager
            part little
              role: exile
              burden personal bodily: terror in the belly
              burden personal from mother: "I am too much."
              status: unburdened

            fog protects little

            burden cultural from grandmother: "Girls stay small."
            burden legacy from grandmother: "Girls stay small."
            """
        let parsed = MapParser.parse(text)
        let warnings = MapChecker.check(parsed.map, locations: parsed.locations)
        #expect(warnings.map { "\($0.location.line) \($0.rule ?? "")" }.sorted() == [
            "7 burden-still-carried", "8 burden-still-carried", "8 lineage-not-legacy", "13 lineage-not-legacy",
        ].sorted())
        #expect(warnings.first?.message.contains("(burden personal released bodily: ...)") == true)
    }

    @Test func reportsWorksheetsAndTooltipsShowLineageAndForm() throws {
        let map = TestSupport.parseValid(Self.newMap)
        let model = ReportModel(map: map, view: MapView(), redacted: false)
        let html = ReportHTML.html(model, picture: .missing("test"))
        #expect(html.contains("We don&#39;t cry in this family. <small>(legacy, carried, from mother, grandmother)</small>")
                || html.contains("We don’t cry in this family. <small>(legacy, carried, from mother, grandmother)</small>")
                || html.contains("We don't cry in this family. <small>(legacy, carried, from mother, grandmother)</small>"))
        #expect(html.contains("<li>personal, carried, wordless</li>"))
        #expect(html.contains("<h3 id=\"unattached-burdens\">Burdens not yet attached to a part</h3>"))
        #expect(html.contains("Men manage alone. <small>(legacy, carried, from father, paternal-grandfather)</small>"))
        let markdown = ReportMarkdown.markdown(model)
        #expect(markdown.contains("### Burdens not yet attached to a part\n\n- Men manage alone. (legacy, carried, from father, paternal-grandfather)\n"))

        let little = try #require(map.part(PartID(unchecked: "little")))
        let sheet = Worksheet(part: little, map: map)
        let burdens = try #require(sheet.card.first { $0.label == "Burdens" })
        #expect(burdens.text.contains("terror before there were words (personal, carried, preverbal)"))
        #expect(burdens.text.contains("personal, carried, wordless"))

        let dot = DOTWriter().dot(for: map)
        #expect(dot.contains("Burdens: a held breath, a locked jaw (personal, witnessed, bodily)"))
        #expect(dot.contains("Burdens: We don't cry in this family. (legacy, carried, from mother, grandmother)"))
    }

    @Test func diffsAndHistoryFollowTheNewForms() {
        let old = TestSupport.parseValid(Self.newMap)
        let new = TestSupport.parseValid(Self.newMap
            .replacingOccurrences(of: "from mother, grandmother:", with: "witnessed from mother, grandmother:")
            .replacingOccurrences(of: "burden cultural bodily:", with: "burden cultural bodily released:"))
        let diff = MapDiff(from: old, to: new)
        #expect(diff.changedParts.first?.burdens.map { "\($0.description): \($0.old?.rawValue ?? "") → \($0.new?.rawValue ?? "")" }
                == ["burden (legacy, from mother, grandmother) \"We don't cry in this family.\": carried → witnessed"])
        #expect(diff.unattachedBurdens.map(\.new) == [.released])
        let report = DiffReport(diff)
        #expect(report.text.contains("~ burdens not attached to a part:\n    burden (cultural, bodily) \"tight shoulders around money\": carried → released\n"))
        #expect(report.summary.contains("unattached burden released"))
        let semantic = SemanticText.text(for: new)
        #expect(semantic.contains("part little: burden legacy (witnessed, from mother, grandmother): We don't cry in this family.\n"))
        #expect(semantic.contains("unattached burden cultural (released, bodily): tight shoulders around money\n"))
    }

    @Test func redactionDropsWordsAndLineageButKeepsTheForm() throws {
        let map = TestSupport.parseValid(Self.newMap)
        let redacted = Redaction.apply(to: map)
        let burdens = redacted.parts.flatMap(\.burdens) + redacted.unattachedBurdens.map(\.burden)
        #expect(burdens.allSatisfy { $0.text.isEmpty && $0.lineage.isEmpty })
        #expect(burdens.map(\.form) == [.words, .preverbal, .bodily, .wordless, .words, .bodily])
    }
}

extension Result {
    /// The error, when there is one.
    var failure: Failure? { if case .failure(let error) = self { return error } else { return nil } }
}
