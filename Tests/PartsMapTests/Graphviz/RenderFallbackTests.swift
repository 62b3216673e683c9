import Foundation
import Testing
@testable import PartsMap

/// A valid map always gets a picture: where Graphviz fails on the picture as asked, a simpler
/// one is drawn and the change said on stderr (`RenderAttempt.chain`).
@Suite("Graphviz: falling back instead of failing")
struct RenderFallbackTests {
    /// The map from the issue: Debian's Graphviz 2.42 stops with "trouble in init_rank" on it
    /// with the legend (report and `render --legend` exited 70).
    static let initRank = """
        partsmap 1
        part critic: The Critic
          role: manager
        part little: Little One
          role: exile
        part scroller: The Scroller
          role: firefighter
        critic triggers little: calls her stupid

        """

    @Test(arguments: [["render", "map.parts", "--legend", "-o", "out.svg"], ["report", "map.parts", "-o", "out.html"],
                      ["render", "map.parts", "--legend", "--layout", "dot", "-o", "out.svg"]])
    func aMapGraphvizFailsOnStillDraws(arguments: [String]) throws {
        #expect(TestSupport.dotPath != nil, "Graphviz is needed")
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        try Self.initRank.write(to: folder.appendingPathComponent("map.parts"), atomically: true, encoding: .utf8)
        let result = try TestSupport.partsmap(arguments, in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let written = try String(contentsOf: folder.appendingPathComponent(arguments[arguments.count - 1]), encoding: .utf8)
        #expect(written.contains("<svg"))
        #expect(written.contains("The Critic") && written.contains("Little One"))
        if result.stderr.contains("could not draw") {  // Graphviz 2.42 fails; a current one draws it as asked
            #expect(result.stderr.contains("drew it "), "\(result.stderr)")
        }
    }

    @Test func theChainGetsSimplerAndSaysHow() {
        let map = TestSupport.parseValid(Self.initRank)
        let writer = DOTWriter(options: DOTOptions(showsLegend: true, layout: .dot))
        let attempts = RenderAttempt.chain(writer: writer, map: map)
        #expect(attempts.first?.dot == writer.dot(for: map) && attempts.first?.change == nil, "first the picture as asked")
        #expect(attempts.map(\.change) == [nil, "with notes beside their lines", "with straight lines", "without the legend",
                                           "without the legend, with straight lines", "with the neato layout and straight lines, without the legend"])
        // In the layered layout, notes go on their lines; the first fallback puts them beside.
        #expect(attempts[0].dot.contains(" label=\"calls her stupid\"") && attempts[1].dot.contains(" xlabel=\"calls her stupid\""))
        #expect(attempts[2].dot.hasSuffix("  graph [splines=\"line\"];\n}\n"))
        #expect(!attempts[3].dot.contains("legend_") && attempts[0].dot.contains("legend_"))
        #expect(attempts.last?.layout == .neato)
        // A large map drawn by the automatic layout starts with straight lines.
        let large = RenderAttempt.chain(writer: writer, map: map, straightFirst: true)
        #expect(large[0].dot.contains("splines=\"line\"") && large[0].change == nil)
        #expect(large[1].dot.contains("splines=\"line\"") && large[1].change == "with notes beside their lines")
        #expect(large[2].change == "with curved lines")
        // Pinned pictures (timeline frames) keep their positions: no other layout.
        #expect(RenderAttempt.chain(writer: writer, map: map, pinned: true).allSatisfy { $0.pinned && $0.layout == .dot })
    }

    @Test func adviceNeverNamesTheLayoutThatFailed() {
        for layout in LayoutEngine.allCases {
            for error in [RenderError.timedOut(seconds: 5, layout: layout),
                          RenderError.graphvizCrashed(signal: SIGSEGV, message: "", layout: layout)] {
                #expect(!error.description.contains("--layout \(layout.rawValue)"), "\(error.description)")
                #expect(error.description.contains("--layout "), "still gives advice: \(error.description)")
            }
        }
    }

    @Test func progressLineGroupsThousands() {
        #expect(PictureSettings.progressLine(parts: 1_000, layout: .sfdp) == "laying out 1,000 parts with sfdp…")
        #expect(PictureSettings.progressLine(parts: 1_234_567, layout: .dot) == "laying out 1,234,567 parts with dot…")
        #expect(PictureSettings.progressLine(parts: 1, layout: .neato) == "laying out 1 part with neato…")
    }

    @Test func smallFontsAreRaisedForPaper() {
        let dot = "digraph { node [fontsize=\"11\"]; a [fontsize=\"9\"]; b [fontsize=\"14\"]; }"
        #expect(RenderAttempt.smallestFontSize(in: dot) == 9)
        let raised = RenderAttempt.raisingFontSizes(dot, to: 10.04)
        #expect(raised == "digraph { node [fontsize=\"11\"]; a [fontsize=\"10.1\"]; b [fontsize=\"14\"]; }")
        #expect(RenderAttempt.smallestFontSize(in: "digraph { a }") == 14, "Graphviz's default")
    }
}
