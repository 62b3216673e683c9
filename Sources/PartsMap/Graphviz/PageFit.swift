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

    /// The fit for a drawing of `width` × `height` inches (from a first layout) on `page`.
    public init(width: Double, height: Double, page: DOTOptions.PageSize) {
        var paper = page.inches
        if width > height { paper = (paper.height, paper.width) }  // landscape
        let scale = min(1, (paper.width - 1) / max(width, 0.01), (paper.height - 1) / max(height, 0.01))
        drawing = Size(width: width * scale, height: height * scale)
        margin = Size(width: (paper.width - drawing.width) / 2, height: (paper.height - drawing.height) / 2)
    }
}
