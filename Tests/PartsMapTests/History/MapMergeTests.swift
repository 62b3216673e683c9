import Foundation
import Testing
@testable import PartsMap

@Suite("MapMerge")
struct MapMergeTests {
    static let base = """
        partsmap 1
        part fog: The Fog
          role: manager
          age: 12
        part little: Little One
          role: exile
        fog protects little
        """

    func merge(_ ours: String, _ theirs: String) -> MapMerge.Result {
        MapMerge.merge(base: TestSupport.parseValid(Self.base), ours: TestSupport.parseValid(ours),
                       theirs: TestSupport.parseValid(theirs))
    }

    @Test func bothSidesAddDifferentThings() {
        let ours = Self.base + "\npart critic: Critic\n  role: manager\ncritic protects little\n"
        let theirs = Self.base + "\npart scroller: Scroller\n  role: firefighter\nsession 2026-11-20\n  present: scroller\n"
        let result = merge(ours, theirs)
        #expect(result.conflicts.isEmpty)
        #expect(Set(result.map.parts.map(\.id.rawValue)) == ["fog", "little", "critic", "scroller"])
        #expect(result.map.relationships.count == 2)
        #expect(result.map.sessions.count == 1)
        #expect(!MapParser.parse(MapPrinter.print(result.map)).hasErrors)
    }

    @Test func differentFieldsOfOnePartMerge() throws {
        let ours = Self.base.replacingOccurrences(of: "  age: 12", with: "  age: 13")
        let theirs = Self.base.replacingOccurrences(of: "  role: manager", with: "  role: manager\n  status: befriended")
        let result = merge(ours, theirs)
        #expect(result.conflicts.isEmpty)
        let fog = try #require(result.map.part(PartID(unchecked: "fog")))
        #expect(fog.age == "13")
        #expect(fog.status == .befriended)
    }

    @Test func removalOnOneSideApplies() {
        let theirs = Self.base.replacingOccurrences(of: "fog protects little", with: "")
        let result = merge(Self.base, theirs)
        #expect(result.conflicts.isEmpty)
        #expect(result.map.relationships.isEmpty)
    }

    @Test func sameFieldChangedDifferentlyIsAConflict() {
        let ours = Self.base.replacingOccurrences(of: "  age: 12", with: "  age: 13")
        let theirs = Self.base.replacingOccurrences(of: "  age: 12", with: "  age: 14")
        #expect(!merge(ours, theirs).conflicts.isEmpty)
        let removed = Self.base.replacingOccurrences(of: "part little: Little One\n  role: exile\nfog protects little", with: "")
        let changed = Self.base.replacingOccurrences(of: "  role: exile", with: "  role: exile\n  age: 7")
        #expect(!merge(removed, changed).conflicts.isEmpty)
    }
}
