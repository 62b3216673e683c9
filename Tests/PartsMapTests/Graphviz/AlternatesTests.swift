import Foundation
import Testing
@testable import PartsMap

/// `alternates`: two parts that take turns, symmetric and drawn apart from every other kind.
@Suite("Alternates relationship")
struct AlternatesTests {
    static let map = """
        partsmap 1
        part fog
          role: manager
        part flood
          role: firefighter
        part little
          role: exile
        fog protects little
        flood protects little
        fog alternates flood: numb, then overwhelmed

        """

    @Test func isSymmetricAndDrawnWithItsOwnStyle() throws {
        let parsed = TestSupport.parseValid(Self.map)
        #expect(MapChecker.check(parsed).isEmpty)
        let reversed = MapParser.parse(Self.map + "flood alternates fog\n")
        #expect(MapChecker.check(reversed.map, locations: reversed.locations).map(\.rule) == ["duplicate-relationship"])
        let dot = DOTWriter().dot(for: parsed)
        let edge = try #require(dot.split(separator: "\n").first { $0.contains("numb, then overwhelmed") })
        #expect(edge.contains("arrowhead=\"curve\"") && edge.contains("arrowtail=\"curve\"") && edge.contains("dir=\"both\""))
        // No other kind draws like it.
        let style = VisualStyle.standard
        for kind in Relationship.Kind.allCases where kind != .alternates {
            #expect(style.attributes(for: kind).map { "\($0.0)=\($0.1)" } != style.attributes(for: .alternates).map { "\($0.0)=\($0.1)" })
        }
        #expect(style.phrase(for: .alternates) == "takes turns with")
    }
}
