/// How to put a drawing on exactly one page: scaled down to fit inside half-inch margins,
/// turned to landscape when it is wider than tall, and centred by the margins.
///
/// Graphviz's PDF output is as big as the drawing, so the page size comes from the margins:
/// drawing + 2 × margin = page.
public struct PageFit: Sendable, Equatable {
    public struct Size: Sendable, Equatable {
        public var width: Double
        public var height: Double
    }

    public var drawing: Size
    public var margin: Size

    /// The fit for a drawing of `width` × `height` inches (from a first layout) on `page`.
    public init(width: Double, height: Double, page: DOTOptions.PageSize) {
        var paper = page.inches
        if width > height { paper = (paper.height, paper.width) }  // landscape
        let scale = min(1, (paper.width - 1) / max(width, 0.01), (paper.height - 1) / max(height, 0.01))
        drawing = Size(width: width * scale, height: height * scale)
        margin = Size(width: (paper.width - drawing.width) / 2, height: (paper.height - drawing.height) / 2)
    }
}
