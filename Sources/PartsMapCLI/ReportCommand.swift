import PartsMap
/// `partsmap report`: the whole map in one self-contained HTML page (picture, cards, session
/// log, Self-energy, journeys), or as Markdown for clinical notes.
enum ReportCommand {
    enum Format: String, CaseIterable {
        case html, md

        /// The format a file name asks for by its extension, if it is one of ours.
        init?(fileName: String) {
            guard let dot = fileName.lastIndex(of: ".") else { return nil }
            switch fileName[fileName.index(after: dot)...].lowercased() {
            case "html", "htm": self = .html
            case "md", "markdown": self = .md
            default: return nil
            }
        }
    }

    static let spec = CommandSpec(
        name: "report",
        summary: "Write a report of the map: picture, a card per part, sessions, Self-energy, journeys (HTML or Markdown).",
        synopsis: "[MAP] [-o FILE] [--format html|md] [VIEW OPTIONS] [--theme T] [--redact]",
        discussion: """
            HTML (the default) is one self-contained file to read in a browser or print to PDF: the
            map with its legend, a card per part with every field and relationship, the session log
            with notes, the Self-energy chart and each part's status journey. It loads nothing from
            anywhere and has no scripts. Markdown (--format md) has the same text, with the map as a
            Mermaid diagram (drawn by GitHub, Obsidian and others), for clinical notes. Written next to the map (MAP.report.html, MAP.report.md)
            unless -o names a file; '-o -' prints it. --redact leaves out everything written in words.
            The picture needs Graphviz; without it the report is written without the picture.
            """,
        options: [
            .map,
            OptionSpec("--output", short: "-o", value: "FILE", help: "Where to write the report ('-' for standard output)."),
            OptionSpec("--format", value: "FORMAT", choices: Format.allCases.map(\.rawValue),
                       help: "html or md (default: from the -o name, else html)."),
        ] + PictureOptions.specs + GraphvizOptions.specs,
        examples: [
            ("partsmap report Examples/numbness.parts", "Writes Examples/numbness.report.html."),
            ("partsmap report --format md -o - | less", "The report as Markdown, for clinical notes."),
            ("partsmap report --redact -o supervision.html", "For consultation: no names, no free text."),
            ("partsmap report --hide exiles -o for-client.html", "Exiles as unnamed placeholders."),
        ])

    static func run(_ arguments: ParsedArguments) throws(CommandError) {
        let path = MapFile.path(from: arguments)
        let (format, output) = try destination(arguments, mapPath: path)
        var picture = try PictureOptions(arguments, spec)
        picture.legend = true
        let graphviz = try GraphvizOptions(arguments, spec)
        let file = try MapFile.load(path)
        picture = try picture.resolved(in: file.map)
        let text: String
        switch format {
        case .md:
            do {
                text = try Report.markdown(for: file.map, settings: picture)
            } catch {
                throw CommandError(.dataError, error.description)
            }
        case .html:
            let prepared = try picture.prepareForCommand(file.map)
            if let note = prepared.note { Console.message("partsmap: " + note) }
            let renderer = try reportRenderer(graphviz, output: output)
            do {
                let progress = "partsmap: " + PictureSettings.progressLine(parts: prepared.map.parts.count, layout: prepared.layout)
                let report = try Report.html(for: file.map, settings: picture, renderer: renderer, progress: { Console.message(progress) })
                if let fallback = report.fallback { Console.message("partsmap: " + fallback) }
                if !report.warnings.isEmpty { Console.message("Graphviz: " + report.warnings) }
                text = report.html
            } catch {
                switch error {
                case .view(let failure): throw CommandError(.dataError, failure.description)
                case .render(let failure): throw CommandError(failure, output: output)
                }
            }
        }
        try Console.deliver(text, to: output)
    }

    /// The Graphviz for the HTML report. Without Graphviz (and none named), the report goes
    /// without a picture; a Graphviz that fails stops the report, and nothing is written.
    static func reportRenderer(_ graphviz: GraphvizOptions, output: String) throws(CommandError) -> GraphvizRenderer? {
        do {
            return try GraphvizRenderer.locate(explicit: graphviz.program, timeout: graphviz.timeout)
        } catch {
            if case .graphvizNotFound = error, !graphviz.isNamed {
                Console.message("partsmap: Graphviz is not installed, so the report has no picture of the map "
                                + "(sudo apt-get install -y graphviz, or brew install graphviz)")
                return nil
            }
            throw CommandError(error, output: output)
        }
    }

    /// The format and file to write, from `-o` and `--format`, defaulting to MAP.report.html.
    static func destination(_ arguments: ParsedArguments, mapPath: String) throws(CommandError) -> (Format, String) {
        let named = arguments.value("--format").flatMap(Format.init(rawValue:))
        if let output = arguments.value("--output") {
            if output == "-" { return (named ?? .html, output) }
            let implied = Format(fileName: FileSystem.fileName(of: output))
            if let named, let implied, named != implied {
                throw spec.usageError("'\(output)' ends in .\(implied.rawValue) but --format is \(named.rawValue)")
            }
            guard let format = named ?? implied else {
                throw spec.usageError("cannot tell the format from '\(output)'; name it .html or .md, or add --format html|md")
            }
            guard output != mapPath else { throw spec.usageError("'\(output)' is the map itself; name another file") }
            return (format, output)
        }
        let format = named ?? .html
        var base = mapPath
        if base.hasSuffix(".parts") { base.removeLast(".parts".count) }
        return (format, base + ".report." + format.rawValue)
    }
}
