import PartsMap

/// The options that choose what a picture shows and how it looks, shared by `render`, `dot`
/// and `report`: declared once here, read into the library's `PictureSettings`.
typealias PictureOptions = PictureSettings

extension PictureSettings {
    static let specs: [OptionSpec] = [
        OptionSpec("--focus", value: "ID", help: "Only this part (its ID or name) and its neighbourhood."),
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
                   help: "Layout: auto (default: by the map's size), clinical, dot (layered), neato, fdp, sfdp, circo, twopi."),
    ]

    init(_ arguments: ParsedArguments, _ spec: CommandSpec) throws(CommandError) {
        self.init()
        // The words as typed; `prepareForCommand` resolves them against the map (`resolvePart`).
        if let focus = arguments.value("--focus") { view.focus = PartID(unchecked: focus) }
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

    /// The settings with `--focus` naming the map's own ID: the part typed as an ID in any
    /// letter case or as its display name (`SystemMap.resolvePart`).
    func resolved(in map: SystemMap) throws(CommandError) -> PictureSettings {
        guard let focus = view.focus else { return self }
        var settings = self
        do {
            settings.view.focus = try map.partID(focus.rawValue)
        } catch {
            // Redacted, the picture's IDs are aliases ("manager-1"): those are taken too.
            guard redact, let alias = try? Redaction.apply(to: map).partID(focus.rawValue) else { throw error }
            settings.view.focus = alias
        }
        return settings
    }

    /// `prepare` for commands: a view that names something the map lacks is a data error,
    /// and the automatic layout's note says how to choose another.
    func prepareForCommand(_ map: SystemMap) throws(CommandError) -> (map: SystemMap, writer: DOTWriter, layout: LayoutEngine, note: String?) {
        let prepared: Prepared
        let settings = try resolved(in: map)
        do {
            prepared = try settings.prepare(map)
        } catch {
            throw CommandError(.dataError, error.description)
        }
        return (prepared.map, prepared.writer, prepared.layout, prepared.note.map { $0 + "; choose one with --layout" })
    }
}
