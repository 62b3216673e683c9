import Testing
@testable import PartsMap

@Suite("MapEditor")
struct MapEditorTests {
    static let original = """
        #  header comment
        partsmap 1
        title:   Spaced title

        part a:  Alpha    # kept
            role:   manager
            # about the age
            age: 3

            note:
                several
                lines

        a protects b
        part b: Beta
          role: exile

        # end

        """

    func splice(_ change: (inout SystemMap) -> Void) -> String {
        let source = SourceText(Self.original)
        let parsed = MapParser.parse(source)
        #expect(!parsed.hasErrors)
        var map = parsed.map
        change(&map)
        let text = MapEditor.text(for: map, original: parsed, source: source)
        #expect(MapParser.parse(text).map == map, "the spliced text reads back as the edited map")
        return text
    }

    @Test func unchangedMapGivesTheSameText() {
        #expect(splice { _ in } == Self.original)
    }

    @Test func changingOneFieldRewritesOnlyThatLine() {
        let text = splice { map in map.updatePart(PartID(unchecked: "a")) { $0.setSingle(.age("4")) } }
        #expect(text == Self.original.replacingOccurrences(of: "    age: 3", with: "  age: 4"))
    }

    @Test func addingAFieldAppendsToTheBlock() {
        let text = splice { map in map.updatePart(PartID(unchecked: "b")) { $0.fields.append(PartField(.age("7"))) } }
        #expect(text == Self.original.replacingOccurrences(of: "  role: exile\n", with: "  role: exile\n  age: 7\n"))
    }

    @Test func removingAnItemRemovesItsLinesAndComments() {
        let text = splice { map in map.items.removeAll { if case .relationship = $0 { return true } else { return false } } }
        #expect(text == Self.original.replacingOccurrences(of: "a protects b\n", with: ""))
    }

    @Test func renamingTouchesEveryMention() {
        let text = splice { map in map.renamePart(PartID(unchecked: "a"), to: PartID(unchecked: "alpha")) }
        #expect(text.contains("part alpha: Alpha  # kept\n    role:   manager"))
        #expect(text.contains("alpha protects b"))
    }

    @Test func newItemsUseCanonicalSpacing() {
        let text = splice { map in
            map.items.append(.relationship(Relationship(.part(PartID(unchecked: "b")), .triggers, .part(PartID(unchecked: "a")))))
        }
        #expect(text.hasSuffix("  role: exile\n\nb triggers a\n\n# end\n"))
    }
}
