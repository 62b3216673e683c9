import Testing
@testable import PartsMap

@Suite("MapDiff")
struct MapDiffTests {
    static let before = """
        partsmap 1
        title: Sam

        part fog: The Fog
          role: manager
          status: known
          age: 12
          burden legacy: we don't cry

        part little: Little One
          role: exile

        part gone: Gone
          role: manager

        fog protects little
        gone polarized fog

        session 2026-11-01: One
          self: calm 4, curiosity 5
        """

    static let after = """
        partsmap 1
        title: Sam

        # a comment moves nothing
        part fog: The Fog Bank
          role: manager
          status: befriended
          age: 12
          burden legacy witnessed: we don't cry
          burden personal: I must hold it all

        part little: Little One
          role: exile

        part scroller: Scroller
          role: firefighter

        fog polarized scroller
        fog protects little: from a distance

        session 2026-11-01: One
          self: calm 4, curiosity 5

        session 2026-11-08: Two
          self: calm 6, curiosity 5
        """

    let diff = MapDiff(from: TestSupport.parseValid(before), to: TestSupport.parseValid(after))

    @Test func partsAddedRemovedAndChangedByID() throws {
        #expect(diff.addedParts.map(\.id.rawValue) == ["scroller"])
        #expect(diff.removedParts.map(\.id.rawValue) == ["gone"])
        let fog = try #require(diff.changedParts.first)
        #expect(diff.changedParts.count == 1)
        #expect(fog.id.rawValue == "fog")
        #expect(fog.name == MapDiff.Change(old: "The Fog", new: "The Fog Bank"))
        #expect(fog.status == MapDiff.Change(old: "known", new: "befriended"))
        #expect(fog.burdens == [
            MapDiff.BurdenChange(text: "we don't cry", kind: .legacy, old: .carried, new: .witnessed),
            MapDiff.BurdenChange(text: "I must hold it all", kind: .personal, old: nil, new: .carried),
        ])
    }

    @Test func relationshipsSessionsAndSelfEnergy() {
        #expect(diff.addedRelationships.map(\.identity) == ["fog polarized scroller"])
        #expect(diff.removedRelationships.map(\.identity) == ["fog polarized gone"])
        #expect(diff.changedRelationships.map(\.new.note) == ["from a distance"])
        #expect(diff.addedSessions.map(\.date.description) == ["2026-11-08"])
        #expect(diff.selfEnergy == [MapDiff.RatingChange(quality: .calm, old: 4, new: 6)])
    }

    @Test func equalMapsAndMovedBlocksAreNoChange() {
        let map = TestSupport.parseValid(Self.before)
        #expect(MapDiff(from: map, to: map).isEmpty)
        var moved = map
        moved.items.swapAt(1, 2)
        let diff = MapDiff(from: map, to: moved)
        #expect(diff.addedParts.isEmpty && diff.removedParts.isEmpty && diff.changedParts.isEmpty)
    }

    @Test func reportAndSummaryInWords() {
        let report = DiffReport(diff)
        #expect(report.text.contains("+ part scroller (Scroller, firefighter)"))
        #expect(report.text.contains("- part gone (Gone, manager)"))
        #expect(report.text.contains("    status: known → befriended"))
        #expect(report.text.contains("    burden (legacy) \"we don't cry\": carried → witnessed"))
        #expect(report.text.contains("~ Self-energy: calm 4 → 6"))
        #expect(!report.text.contains("\u{1B}["), "no colour unless asked")
        #expect(DiffReport(diff, colored: true).text.contains("\u{1B}[32m+ part scroller"))
        #expect(report.summary.hasPrefix("+1 part, -1 part, fog: known → befriended"))
        #expect(report.summary.contains("Self calm 4 → 6"))
    }

    @Test func jsonIsDeterministicAndComplete() throws {
        let json = DiffReport(diff).json.serialized()
        #expect(json == DiffReport(diff).json.serialized())
        let value = try JSONValue.parse(Array(json.utf8))
        guard case .object(let root) = value else { Issue.record("not an object"); return }
        #expect(root["equal"] == .bool(false))
        #expect(root["addedParts"] == .array([.string("scroller")]))
    }
}
