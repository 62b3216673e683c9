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
            anywhere and has no scripts. Markdown (--format md) has the same text without pictures,
            for pasting into clinical notes. Written next to the map (MAP.report.html, MAP.report.md)
            unless -o names a file; '-o -' prints it. --redact leaves out everything written in words.
            The picture needs Graphviz; without it the report is written without the picture.
            """,
        options: [
            .map,
            OptionSpec("--output", short: "-o", value: "FILE", help: "Where to write the report ('-' for standard output)."),
            OptionSpec("--format", value: "FORMAT", choices: Format.allCases.map(\.rawValue),
                       help: "html or md (default: from the -o name, else html)."),
        ] + PictureOptions.specs + [
            OptionSpec("--graphviz", value: "PATH", help: "The Graphviz 'dot' program (default: $PARTSMAP_GRAPHVIZ, then PATH)."),
            OptionSpec("--timeout", value: "SECONDS", help: "Stop Graphviz after this long (default 120)."),
        ],
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
        let timeout = try WorksheetCommand.timeout(arguments, spec)
        let file = try MapFile.load(path)
        let prepared = try picture.prepare(file.map)
        let model = ReportModel(map: prepared.map, view: picture.view, redacted: picture.redact)
        let text: String
        switch format {
        case .md:
            text = ReportMarkdown.markdown(model)
        case .html:
            if let note = prepared.note { Console.message("partsmap: " + note) }
            let drawing = try draw(picture.attempts(prepared.writer, prepared.map), parts: prepared.map.parts.count, automatic: picture.layout == nil,
                                   arguments: arguments, timeout: timeout, output: output)
            text = ReportHTML.html(model, picture: drawing)
        }
        try Console.deliver(text, to: output)
    }

    /// The picture for the HTML report. Without Graphviz (and none named), the report goes
    /// without it; a Graphviz that fails stops the report, and nothing is written.
    static func draw(_ attempts: [RenderAttempt], parts: Int, automatic: Bool, arguments: ParsedArguments, timeout: Double,
                     output: String) throws(CommandError) -> ReportHTML.Picture {
        let renderer: GraphvizRenderer
        do {
            renderer = try GraphvizRenderer.locate(explicit: arguments.value("--graphviz"), timeout: timeout)
        } catch {
            let named = arguments.value("--graphviz") != nil || !(environmentValue("PARTSMAP_GRAPHVIZ") ?? "").isEmpty
            if case .graphvizNotFound = error, !named {
                Console.message("partsmap: Graphviz is not installed, so the report has no picture of the map "
                                + "(sudo apt-get install -y graphviz, or brew install graphviz)")
                return .missing("Graphviz was not installed when this report was made. Draw the map with 'partsmap render'.")
            }
            throw RenderCommand.commandError(error, output: output)
        }
        do {
            let progress = PictureOptions.progressLine(parts: parts, layout: attempts.first?.layout ?? .dot)
            let result = try ReportPicture.svg(attempts, renderer: renderer, budget: automatic ? PictureOptions.automaticBudget : nil,
                                               progress: { Console.message(progress) })
            if let fallback = result.outcome.fallback { Console.message("partsmap: " + fallback) }
            if !result.outcome.warnings.isEmpty { Console.message("Graphviz: " + result.outcome.warnings) }
            return .svg(result.svg)
        } catch {
            throw RenderCommand.commandError(error, output: output)
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
