import Foundation
import Testing
@testable import PartsMap

/// `--group` in the clinical layout: each box is an outline round its parts, following the
/// rings round Self, with its name beside it; measured on Graphviz's own drawing (`-Tjson`).
@Suite("Boxes of the grouped views in the clinical layout")
struct ClinicalBoxesTests {
    /// The example grouped by protection and by tag, and generated maps of 10, 25 and 60 parts
    /// grouped by protection, as `render --group` prepares them.
    static func groupedMaps() throws -> [(name: String, prepared: PictureSettings.Prepared)] {
        var maps: [(String, SystemMap)] = [("numbness.parts", TestSupport.parseValid(try TestSupport.exampleText("numbness.parts")))]
        for count in [10, 25, 60] { maps.append(("\(count) parts", ReadabilityTests.generated(count, seed: UInt64(count)))) }
        var prepared: [(String, PictureSettings.Prepared)] = []
        for (name, map) in maps {
            for grouping in [MapView.Grouping.protection, .tag] where grouping == .protection || name.hasSuffix(".parts") {
                var settings = PictureSettings()
                settings.view.grouping = grouping
                settings.legend = true
                prepared.append(("\(name), --group \(grouping.rawValue)", try settings.prepare(map)))
            }
        }
        return prepared
    }

    struct Outline {
        var points: [(x: Double, y: Double)]

        /// Whether `point` is inside (even-odd rule).
        func contains(_ point: (x: Double, y: Double)) -> Bool {
            var inside = false
            for (a, b) in zip(points, points.dropFirst() + points.prefix(1)) where (a.y > point.y) != (b.y > point.y) {
                if point.x < (b.x - a.x) * (point.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
            }
            return inside
        }
    }

    /// Each box's outline by box number, from the edges Graphviz drew.
    static func outlines(_ dot: String) throws -> [String: Outline] {
        let dotPath = try #require(TestSupport.dotPath, "Graphviz must be installed (apt-get install graphviz)")
        let result = try TestSupport.run(dotPath, ["-Tjson"], input: Data(dot.utf8))
        try #require(result.status == 0, "dot failed: \(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        var names: [Int: String] = [:]
        for object in json["objects"] as? [[String: Any]] ?? [] {
            if let name = object["name"] as? String, let id = object["_gvid"] as? Int { names[id] = name }
        }
        var outlines: [String: Outline] = [:]
        for edge in json["edges"] as? [[String: Any]] ?? [] {
            guard let tail = (edge["tail"] as? Int).flatMap({ names[$0] }), tail.hasPrefix("box_corner_"),
                  let pos = edge["pos"] as? String else { continue }
            outlines[String(tail.dropFirst("box_corner_".count))] = Outline(points: ReadabilityTests.sampled(pos))
        }
        return outlines
    }

    @Test func eachBoxGoesRoundItsOwnPartsAndNoOthers() throws {
        var boxesSeen = 0
        for (name, prepared) in try Self.groupedMaps() {
            #expect(prepared.layout == .clinical, "\(name): the grouped views are drawn in the clinical layout")
            let dot = prepared.dot
            #expect(!dot.contains("subgraph"), "\(name): boxes are outlines, not Graphviz clusters")
            let drawing = try ReadabilityTests().drawing(dot)
            let outlines = try Self.outlines(dot)
            let clusters = prepared.writer.options.clusters
            var placed: Set<PartID> = []
            for (number, cluster) in clusters.enumerated() {
                let members = Set(cluster.members.filter { placed.insert($0).inserted }.map { DOTWriter.nodeName(.part($0)) })
                guard !members.isEmpty else { continue }
                let outline = try #require(outlines["\(number)"], "\(name): box \(number) (\(cluster.label)) has an outline")
                boxesSeen += 1
                for (node, box) in drawing.boxes where node == "self" || node.hasPrefix("p_") {
                    if members.contains(node) {
                        // The middle of the part and the middle of each side of its box.
                        let (x, y) = box.centre
                        let points = [(x, y), (box.minX + 1, y), (box.maxX - 1, y), (x, box.minY + 1), (x, box.maxY - 1)]
                        #expect(points.allSatisfy(outline.contains), "\(name): \(node) is not inside the box \"\(cluster.label)\"")
                    } else {
                        #expect(!outline.contains(box.centre), "\(name): \(node) is inside the box \"\(cluster.label)\", not its own")
                    }
                }
                // The box's name: beside the outline, over nothing.
                let label = try #require(drawing.boxes[ClinicalGeometry.boxLabelName(number)], "\(name): box \(number) is named")
                #expect(!outline.contains(label.centre), "\(name): the name \"\(cluster.label)\" is inside its box")
                for (node, box) in drawing.boxes where ReadabilityTests.isMapNode(node) || node.hasPrefix("box_label_") {
                    guard node != ClinicalGeometry.boxLabelName(number) else { continue }
                    #expect(!label.overlaps(box), "\(name): the name \"\(cluster.label)\" is laid over \(node)")
                }
                for line in drawing.lines where ReadabilityTests.isMapNode(line.tail) {
                    #expect(!line.points.contains { label.contains($0, inset: 2) },
                            "\(name): \(line.tail) -> \(line.head) runs through the name \"\(cluster.label)\"")
                }
            }
        }
        #expect(boxesSeen >= 20, "the maps have boxes to check")
    }

    /// A box whose rectangle takes in nothing but its own parts is drawn as that rectangle (with
    /// rounded corners): the example's tag boxes, one part each, were fans pointed at both ends.
    @Test func aBoxWithRoomIsARectangle() throws {
        var settings = PictureSettings()
        settings.view.grouping = .tag
        let prepared = try settings.prepare(TestSupport.parseValid(try TestSupport.exampleText("numbness.parts")))
        let outlines = try Self.outlines(prepared.dot)
        #expect(outlines.count >= 6)
        for (number, outline) in outlines {
            let (xs, ys) = (outline.points.map(\.x), outline.points.map(\.y))
            let box = ((xs.max() ?? 0) - (xs.min() ?? 0)) * ((ys.max() ?? 0) - (ys.min() ?? 0))
            // The shoelace formula: the area the outline encloses.
            let area = abs(zip(outline.points, outline.points.dropFirst() + outline.points.prefix(1))
                .map { a, b in a.x * b.y - b.x * a.y }.reduce(0, +)) / 2
            #expect(area >= 0.97 * box, "box \(number) fills \(Int(area / box * 100)) % of its bounding rectangle")
        }
    }

    /// Self stays the centre of a grouped picture, which stays near square, and every box's
    /// outline keeps clear of Self.
    @Test func selfStaysInTheMiddleOfAGroupedPicture() throws {
        for (name, prepared) in try Self.groupedMaps() {
            let dot = prepared.dot
            let drawing = try ReadabilityTests().drawing(dot)
            let selfBox = try #require(drawing.boxes["self"])
            for (number, outline) in try Self.outlines(dot) {
                let (x, y) = selfBox.centre
                let radius = (selfBox.maxX - selfBox.minX) / 2
                #expect(outline.points.allSatisfy { ($0.x - x) * ($0.x - x) + ($0.y - y) * ($0.y - y) > radius * radius },
                        "\(name): box \(number) reaches into Self")
            }
            let parts = drawing.boxes.filter { $0.key == "self" || $0.key.hasPrefix("p_") }.map(\.value)
            let bounds = ReadabilityTests.bounds(parts)
            let (width, height) = (bounds.maxX - bounds.minX, bounds.maxY - bounds.minY)
            let diagonal = (width * width + height * height).squareRoot()
            let (dx, dy) = (selfBox.centre.x - bounds.centre.x, selfBox.centre.y - bounds.centre.y)
            #expect((dx * dx + dy * dy).squareRoot() <= 0.15 * diagonal, "\(name): Self is off centre")
            if parts.count >= 6 { #expect(width / height >= 0.6 && width / height <= 1.6, "\(name): \(width) × \(height)") }
        }
    }
}
