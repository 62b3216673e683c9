/// What a picture of a map shows and how it looks: the view (focus, filters, grouping),
/// redaction, theme, page, legend and layout. `prepare` turns a map into the DOT writer that
/// draws it, in the one order every picture takes: redact, then view, then choose the layout.
public struct PictureSettings: Sendable, Equatable {
    /// Which parts the picture shows and how they are grouped.
    public var view = MapView()
    /// For supervision: aliases for names, no free text, age bands.
    public var redact = false
    /// Colours and line styles.
    public var theme = VisualStyle.Theme.standard
    /// Fit the picture on this paper size.
    public var page: DOTOptions.PageSize?
    /// Add a legend of the shapes and lines in view.
    public var legend = false
    /// The Graphviz layout; nil chooses one by the map's size.
    public var layout: LayoutEngine?

    /// The default picture: the whole map, default theme, automatic layout, no legend.
    public init() {}

    /// The fonts, at their sizes, that pictures drawn with these settings set their words in.
    public var fontFaces: [VisualStyle.FontFace] {
        VisualStyle(theme: theme).fontFaces(legend: legend, boxes: view.grouping != nil)
    }

    /// Parts above which the automatic choice leaves dot: measured here, dot takes ~0.2 s at
    /// 200 parts but ~25 s at 1,000, while sfdp takes ~0.4 s at 1,000.
    public static let automaticLimit = 300

    /// Parts up to which the automatic choice draws the clinical layout (Self at the centre,
    /// protective systems round it), on screen and on a page: every map up to `automaticLimit`.
    /// Above 60 parts it chose the layered layout (`dot`) before, whose lines from the parts
    /// blending with Self hung down one side like a curtain. Measured on generated maps of 80,
    /// 100 and 200 parts: 7, 7 and 106 crossings against dot's 224, 191 and 574, drawn in 0.03
    /// to 0.06 s against 0.13 to 0.33 s.
    public static let clinicalLimit = automaticLimit

    /// The layout to use for `map`, and a note for the person when the automatic choice was
    /// other than the clinical layout or dot.
    public func layout(for map: SystemMap) -> (LayoutEngine, note: String?) {
        if let layout { return (layout, nil) }
        let parts = map.parts.count
        if parts <= PictureSettings.clinicalLimit { return (.clinical, nil) }
        return (.sfdp, "\(parts) parts: using the sfdp layout with straight lines (dot would take tens of seconds at this size)")
    }

    /// Seconds the automatic layout gives each attempt before drawing the simplest picture
    /// instead: a map another engine or straight lines draw in a second never waits out the
    /// whole timeout.
    public static let automaticBudget = 10.0

    /// The budget for `GraphvizRenderer.render(_:)`: `automaticBudget` when the layout is automatic.
    public var budget: Double? { layout == nil ? PictureSettings.automaticBudget : nil }

    /// The pictures to try, best first (`RenderAttempt.chain`). A large map drawn by the
    /// automatic layout gets straight lines first: sfdp's curved lines take minutes there.
    public func attempts(_ prepared: Prepared) -> [RenderAttempt] {
        attempts(writer: prepared.writer, map: prepared.map)
    }

    /// The pictures `writer` makes of `map`, best first (see `attempts(_:)`).
    public func attempts(writer: DOTWriter, map: SystemMap) -> [RenderAttempt] {
        RenderAttempt.chain(writer: writer, map: map,
                            straightFirst: layout == nil && map.parts.count > PictureSettings.automaticLimit)
    }

    /// The line to say when a layout takes more than a second: "laying out 1,000 parts with sfdp…".
    public static func progressLine(parts: Int, layout: LayoutEngine) -> String {
        var digits = String(parts)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return "laying out \(digits + grouped) part\(parts == 1 ? "" : "s") with \(layout.rawValue)…"
    }

    /// A map made ready to draw: the map as the view shows it, the writer for its DOT, the
    /// layout engine to run, and a note worth telling the person (the automatic layout choice).
    public struct Prepared: Sendable {
        /// The map as the view shows it, ready for the writer.
        public var map: SystemMap
        /// The writer for the picture's DOT, with the view's marks and options set.
        public var writer: DOTWriter
        /// The Graphviz layout engine to run on the DOT.
        public var layout: LayoutEngine
        /// Something worth telling the person (why another layout was chosen), or `nil`.
        public var note: String?

        /// The DOT text of the picture.
        public var dot: String { writer.dot(for: map) }
    }

    /// The map as this picture shows it, and the writer that draws it. Fails only when the
    /// view names something the map does not have (an unknown part or session).
    public func prepare(_ map: SystemMap) throws(MapView.ViewError) -> Prepared {
        let source = redact ? Redaction.apply(to: map) : map
        var view = self.view
        if redact, let focus = view.focus {
            // IDs are aliases in a redacted map: focus may name the alias ("manager-1") or the original.
            let aliases = Dictionary(zip(map.parts.map(\.id), source.parts.map(\.id)), uniquingKeysWith: { first, _ in first })
            view.focus = aliases[focus] ?? focus
        }
        let viewed = try view.apply(to: source)
        var (engine, note) = layout(for: viewed.map)
        // The legend is placed beside the map by the clinical layout and by dot's clusters; the
        // other engines would scatter its samples over the map, so there it is left out, and said.
        let legendDrawn = legend && (engine == .clinical || engine == .dot)
        if legend && !legendDrawn {
            let left = "the legend is drawn with the clinical and dot layouts only, so it is left out with \(engine.rawValue)"
            note = note.map { $0 + "; " + left } ?? left
        }
        var options = DOTOptions(showsLegend: legendDrawn, layout: engine)
        options.clusters = viewed.clusters
        options.page = page
        let writer = DOTWriter(options: options, style: VisualStyle(theme: theme), decorations: viewed.decorations)
        return Prepared(map: viewed.map, writer: writer, layout: engine, note: note)
    }
}
