/// How to put a drawing on exactly one page: scaled down to fit inside half-inch margins,
/// turned to landscape when it is wider than tall, and centred by the margins.
///
/// Graphviz's PDF output is as big as the drawing, so the page size comes from the margins:
/// drawing + 2 × margin = page.
public struct PageFit: Sendable, Equatable {
    /// A width and a height, in inches.
    public struct Size: Sendable, Equatable {
        /// Across, in inches.
        public var width: Double
        /// Down, in inches.
        public var height: Double
    }

    /// The drawing's size once scaled to fit.
    public var drawing: Size
    /// The margin on each side (left and right, top and bottom) that centres it on the page.
    public var margin: Size
    /// How much the drawing is shrunk (1: printed at its own size).
    public var scale: Double

    /// The smallest text a printed picture may have, in points: smaller is hard to read on paper.
    public static let smallestReadableText = 8.0

    /// The fit for a drawing of `width` × `height` inches (from a first layout) on `page`:
    /// landscape when that prints it larger, or (when both print it at full size) when it is
    /// wider than tall.
    public init(width: Double, height: Double, page: DOTOptions.PageSize) {
        var paper = page.inches
        let upright = PageFit.scale(width: width, height: height, paper: paper)
        let turned = PageFit.scale(width: width, height: height, paper: (paper.height, paper.width))
        if turned > upright + 0.0001 || (abs(turned - upright) <= 0.0001 && width > height) {
            paper = (paper.height, paper.width)  // landscape
        }
        scale = PageFit.scale(width: width, height: height, paper: paper)
        drawing = Size(width: width * scale, height: height * scale)
        margin = Size(width: (paper.width - drawing.width) / 2, height: (paper.height - drawing.height) / 2)
    }

    /// How much a drawing of `width` × `height` inches shrinks inside half-inch margins on
    /// `paper` (1 when it fits as it is).
    static func scale(width: Double, height: Double, paper: (width: Double, height: Double)) -> Double {
        min(1, (paper.width - 1) / max(width, 0.01), (paper.height - 1) / max(height, 0.01))
    }

    /// The scale of the best fit on `page`, upright or turned.
    static func bestScale(width: Double, height: Double, page: DOTOptions.PageSize) -> Double {
        PageFit(width: width, height: height, page: page).scale
    }

    /// Whether text of `fontSize` points stays readable (`smallestReadableText`) at this scale.
    public func keepsReadable(fontSize: Double) -> Bool {
        fontSize * scale >= PageFit.smallestReadableText - 0.01
    }

    /// The graph attributes that put the drawing on the page: scaled to `size`, with margins
    /// that make the whole drawing exactly one page.
    public var graphAttributes: [(name: String, value: String)] {
        [("pad", "0"), ("size", "\(DOTWriter.inches(drawing.width)),\(DOTWriter.inches(drawing.height))"),
         ("margin", "\(DOTWriter.inches(margin.width)),\(DOTWriter.inches(margin.height))")]
    }
}

/// A map too big for one page at readable size, split into its protective systems: each exile
/// with every part that protects it (a protector of two exiles is on both pages), then the
/// parts that are in no system. Each page keeps the relationships among its own parts and Self.
/// `packed` then puts small systems together and shares a large one out over several pages.
public enum PageSplit {
    /// Pages (protective systems) from which sharing a map out takes a second or more, so the
    /// command says what it is doing first: `packed` lays each page it tries out with Graphviz,
    /// about 40 ms a try and a few tries a page (1 s for 5 systems, 19 s for 60).
    public static let slowFromPages = 5

    /// One page of a split map: protective systems, or the parts in none.
    public struct Page: Sendable, Equatable {
        /// "Protecting Little One", "Protecting Little One and The Hidden One", or "Other parts".
        public var caption: String
        /// The parts drawn on this page.
        public var members: Set<PartID>
        /// What the caption names: each system's exile (with "1 of 2" when it is shared out),
        /// or nil for the parts in no system.
        var names: [String?] = []
        /// The members in the order the map writes them, a system's exile first.
        var order: [PartID] = []

        init(names: [String?], order: [PartID]) {
            self.names = names
            self.order = order
            members = Set(order)
            let systems = names.compactMap { $0 }
            func list(_ items: [String]) -> String {
                items.count < 2 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
            }
            caption = systems.isEmpty ? "Other parts"
                : "Protecting " + list(systems) + (names.contains { $0 == nil } ? ", and other parts" : "")
        }
    }

    /// The pages for `map`, in the order its exiles are written; empty when it has fewer than two.
    public static func pages(of map: SystemMap) -> [Page] {
        var pages: [Page] = []
        var placed: Set<PartID> = []
        for exile in map.parts where exile.role == .exile {
            var protectors: [PartID] = []
            for relationship in map.relationships where relationship.kind == .protects && relationship.to == .part(exile.id) {
                if let from = relationship.from.partID, from != exile.id, !protectors.contains(from) { protectors.append(from) }
            }
            placed.formUnion([exile.id] + protectors)
            pages.append(Page(names: [DOTWriter.shortened(exile.displayName, to: 60)], order: [exile.id] + protectors))
        }
        let others = map.parts.map(\.id).filter { !placed.contains($0) }
        if !others.isEmpty { pages.append(Page(names: [nil], order: others)) }
        return pages.count >= 2 ? pages : []
    }

    /// `pages` made ready for paper, so that each prints at readable size on as few pages as
    /// that allows: a system that does not fit one page is shared out over several (its exile
    /// on each, its protectors divided in the order written), and neighbouring pages are put
    /// together while the page they make stays readable. `readable` lays a page out to tell
    /// (a Graphviz run each); a single part that does not fit is left as it is.
    public static func packed(_ pages: [Page], readable: (Page) -> Bool) -> [Page] {
        var shared: [Page] = []
        for page in pages {
            guard !readable(page) else {
                shared.append(page)
                continue
            }
            // The exile stays on every piece of its system; the parts in no system are divided.
            let (kept, rest) = page.names == [nil] ? ([], page.order) : (Array(page.order.prefix(1)), Array(page.order.dropFirst()))
            var pieces = [page]
            if rest.count > 1 {
                for count in 2...rest.count {
                    let size = (rest.count + count - 1) / count
                    pieces = stride(from: 0, to: rest.count, by: size).enumerated().map { number, start in
                        let name = page.names.first.flatMap { $0 }.map { "\($0) (\(number + 1) of \(count))" }
                        return Page(names: [name], order: kept + rest[start..<min(rest.count, start + size)])
                    }
                    if pieces.allSatisfy(readable) { break }
                }
            }
            shared += pieces
        }
        var packed: [Page] = []
        for page in shared {
            if let last = packed.last {
                let together = Page(names: last.names + page.names, order: last.order + page.order.filter { !last.members.contains($0) })
                if readable(together) {
                    packed[packed.count - 1] = together
                    continue
                }
            }
            packed.append(page)
        }
        return packed
    }

    /// The file for page `page` of a split picture: `map.pdf` → `map-2.pdf`.
    public static func fileName(_ output: String, page: Int) -> String {
        let slash = output.lastIndex(of: "/").map { output.index(after: $0) } ?? output.startIndex
        guard let dot = output[slash...].lastIndex(of: "."), dot > slash else { return output + "-\(page)" }
        return String(output[..<dot]) + "-\(page)" + String(output[dot...])
    }

    /// `map` with only `page`'s parts and the relationships among them (and Self); its title
    /// says which page it is.
    public static func map(_ map: SystemMap, page: Page, number: Int, of count: Int) -> SystemMap {
        var items: [MapItem] = []
        for item in map.items {
            switch item {
            case .part(let part):
                if page.members.contains(part.id) { items.append(item) }
            case .relationship(let relationship):
                let ends = [relationship.from, relationship.to].compactMap(\.partID)
                if ends.allSatisfy(page.members.contains) { items.append(item) }
            case .field(let field) where field.key == "title":
                continue
            default:
                items.append(item)
            }
        }
        let title = (map.title.map { DOTWriter.shortened($0, to: 80) + ": " } ?? "") + page.caption + " (page \(number) of \(count))"
        items.insert(.field(MapField(key: "title", value: title)), at: 0)
        return SystemMap(items: items)
    }
}
