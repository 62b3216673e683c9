import Testing
@testable import PartsMap

/// Documented tag vocabularies (`schema:`, `dbt:`, `act:`, `cbt:`) in views, the card and checks.
@Suite("Tag vocabularies")
struct TagVocabularyTests {
    static let map = """
        partsmap 1
        part fog: The Fog
          role: manager
          tags: numbness, schema:detached-protector
        part critic: The Critic
          role: manager
          tags: schema:demanding-critic, dbt:check-the-facts
        part helper
          role: manager
          tags: numbness
        """

    @Test func aVocabularySelectsGroupsAndReadsInWords() throws {
        let map = TestSupport.parseValid(Self.map)
        var view = MapView()
        view.tag = "schema:"
        #expect(try view.apply(to: map).map.parts.map(\.id.rawValue) == ["fog", "critic"])
        view.tag = "dbt:check-the-facts"
        #expect(try view.apply(to: map).map.parts.map(\.id.rawValue) == ["critic"])
        var grouped = MapView()
        grouped.grouping = .tag
        #expect(try grouped.apply(to: map).clusters.map(\.label)
                == ["#numbness", "schema mode: demanding critic"], "a part sits in the first box of its tags")
        let critic = try #require(map.parts.first { $0.id.rawValue == "critic" })
        #expect(critic.sections(for: .card).first { $0.spec.key == "tags" }?.values
                == ["schema mode: demanding critic, DBT skill: check the facts"])
        #expect(PartFilter(tags: ["schema:"]).parts(of: map).map(\.id.rawValue) == ["fog", "critic"])
    }

    @Test func aMisspeltTermIsSuggestedAndOtherTermsAreFine() {
        let parsed = MapParser.parse("partsmap 1\npart fog\n  tags: schema:detached-protecter, schema:my-own-mode, cbt:exposur\n")
        let found = MapChecker.check(parsed.map, locations: parsed.locations)
        #expect(found.map(\.message) == [
            "'schema:detached-protecter' is not a documented schema mode; did you mean 'schema:detached-protector'?",
            "'cbt:exposur' is not a documented CBT technique; did you mean 'cbt:exposure'?",
        ])
        #expect(found.allSatisfy { $0.rule == "tag-typo" && $0.location.line == 3 })
    }
}
