/// The options that choose what a picture shows and how it looks, shared by `render`, `dot`
/// and `report`: views, redaction, theme, page and layout.
struct PictureOptions {
    var view = MapView()
    var redact = false
    var theme = VisualStyle.Theme.standard
    var page: DOTOptions.PageSize?
    var legend = false
    /// nil means `auto`: chosen by the map's size.
    var layout: LayoutEngine?

    static let specs: [OptionSpec] = [
        OptionSpec("--focus", value: "ID", help: "Only this part and its neighbourhood."),
        OptionSpec("--depth", value: "N", help: "How many relationships away --focus reaches (default 1)."),
        OptionSpec("--only", value: "WHAT", choices: ["protectors"], help: "Only protectors (and the Self)."),
        OptionSpec("--hide", value: "WHAT", choices: ["exiles"], help: "Show exiles as unnamed placeholders."),
        OptionSpec("--session", value: "DATE|N", help: "Highlight the parts present in that session; fade the rest."),
        OptionSpec("--tag", value: "TAG", help: "Only parts with this tag."),
        OptionSpec("--group", value: "HOW", choices: MapView.Grouping.allCases.map(\.rawValue),
                   help: "Box parts together: protection (each exile with its protectors) or tag."),
        OptionSpec("--redact", help: "For supervision: aliases for names, no free text, age bands."),
        OptionSpec("--theme", value: "THEME", choices: VisualStyle.Theme.allCases.map(\.rawValue),
                   help: "default, print (black and white), dark or high-contrast."),
        OptionSpec("--page", value: "SIZE", choices: DOTOptions.PageSize.allCases.map(\.rawValue), help: "Fit the picture on an a4 or letter page."),
        OptionSpec("--legend", help: "Add a legend of shapes and line styles."),
        OptionSpec("--layout", short: "-K", value: "ENGINE", choices: ["auto"] + LayoutEngine.allCases.map(\.rawValue),
                   help: "Graphviz layout: auto (default: by the map's size), dot, neato, fdp, sfdp, circo, twopi."),
    ]

    init(_ arguments: ParsedArguments, _ spec: CommandSpec) throws(CommandError) {
        if let focus = arguments.value("--focus") { view.focus = try spec.partID(focus) }
        if let depth = arguments.value("--depth") {
            guard let number = Int(depth), number >= 0 else { throw spec.usageError("'--depth' needs a whole number, e.g. --depth 2") }
            view.depth = number
        }
        view.onlyProtectors = arguments.value("--only") == "protectors"
        if arguments.value("--hide") == "exiles" { view.exiles = .placeholders }
        if let session = arguments.value("--session") {
            if let number = Int(session) { view.session = .number(number) } else { view.session = .date(try spec.date(session)) }
        }
        view.tag = arguments.value("--tag")
        view.grouping = arguments.value("--group").flatMap(MapView.Grouping.init(rawValue:))
        redact = arguments.has("--redact")
        theme = arguments.value("--theme").flatMap(VisualStyle.Theme.init(rawValue:)) ?? .standard
        page = arguments.value("--page").flatMap(DOTOptions.PageSize.init(rawValue:))
        legend = arguments.has("--legend")
        layout = arguments.value("--layout").flatMap(LayoutEngine.init(rawValue:))
    }

    /// Parts above which `auto` leaves dot: measured here, dot takes ~0.2 s at 200 parts but
    /// ~25 s at 1,000, while sfdp takes ~0.4 s at 1,000.
    static let automaticLimit = 300

    /// Seconds the automatic layout gives each attempt before trying a simpler one: a picture
    /// another engine or straight lines draw in a second never waits out the whole timeout.
    static let automaticBudget = 10.0

    /// The layout to use for `map`, and a note for stderr when `auto` chose other than dot.
    func layout(for map: SystemMap) -> (LayoutEngine, note: String?) {
        if let layout { return (layout, nil) }
        let parts = map.parts.count
        if parts > PictureOptions.automaticLimit {
            return (.sfdp, "\(parts) parts: using the sfdp layout with straight lines (dot would take tens of seconds at this size); "
                    + "choose one with --layout")
        }
        return (.dot, nil)
    }

    /// The pictures to try for `map`, best first (`RenderAttempt.chain`). A large map drawn by
    /// the automatic layout gets straight lines first: sfdp's curved lines take minutes there.
    func attempts(_ writer: DOTWriter, _ map: SystemMap) -> [RenderAttempt] {
        RenderAttempt.chain(writer: writer, map: map,
                            straightFirst: layout == nil && map.parts.count > PictureOptions.automaticLimit)
    }

    /// The line said on stderr when a layout takes more than a second: "laying out 1,000 parts with sfdp…".
    static func progressLine(parts: Int, layout: LayoutEngine) -> String {
        var digits = String(parts)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return "partsmap: laying out \(digits + grouped) part\(parts == 1 ? "" : "s") with \(layout.rawValue)…"
    }

    /// The map as this picture shows it, and the writer that draws it.
    func prepare(_ map: SystemMap) throws(CommandError) -> (map: SystemMap, writer: DOTWriter, layout: LayoutEngine, note: String?) {
        let source = redact ? Redaction.apply(to: map) : map
        var view = self.view
        if redact, let focus = view.focus {
            // IDs are aliases in a redacted map: --focus names the alias ("manager-1") or the original.
            let aliases = Dictionary(zip(map.parts.map(\.id), source.parts.map(\.id)), uniquingKeysWith: { first, _ in first })
            view.focus = aliases[focus] ?? focus
        }
        let viewed: (map: SystemMap, decorations: DOTDecorations, clusters: [MapView.Cluster])
        do {
            viewed = try view.apply(to: source)
        } catch {
            throw CommandError(.dataError, error.description)
        }
        let (engine, note) = layout(for: viewed.map)
        var options = DOTOptions(showsLegend: legend, layout: engine)
        options.clusters = viewed.clusters
        options.page = page
        let writer = DOTWriter(options: options, style: VisualStyle(theme: theme), decorations: viewed.decorations)
        return (viewed.map, writer, engine, note)
    }
}
