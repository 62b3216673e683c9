import PartsMap
/// `partsmap worksheet ID`: a printable page for one part, for sessions on paper: its card,
/// the 6 Fs questions with the answers recorded so far, and ruled space for the rest.
enum WorksheetCommand {
    enum Format: String, CaseIterable {
        case html, pdf

        init?(fileName: String) {
            guard let dot = fileName.lastIndex(of: ".") else { return nil }
            switch fileName[fileName.index(after: dot)...].lowercased() {
            case "html", "htm": self = .html
            case "pdf": self = .pdf
            default: return nil
            }
        }
    }

    static let spec = CommandSpec(
        name: "worksheet",
        summary: "Print a one-page worksheet for a part: its card and the 6 Fs, with room to write (HTML or PDF).",
        synopsis: "ID [MAP] [-o FILE.pdf|FILE.html|-] [--format html|pdf] [--page a4|letter]",
        discussion: """
            The page shows what is known about the part, the six questions of the 6 Fs (find, focus,
            flesh out, feel toward, befriend, fears) with the answers the map records so far, and
            ruled lines for the rest. An exile's page asks exile questions instead: its protectors'
            permission, feel toward, what it wants Self to know, where it is stuck, what it needs. HTML is self-contained (print it from a browser); PDF is drawn
            by Graphviz. The format comes from --format, else the -o name, else HTML; by default
            ID.worksheet.html beside the map; '-o -' writes either format to standard output.
            Long text is shortened to keep to one page; the map keeps all of it.
            """,
        options: [
            .map,
            OptionSpec("--output", short: "-o", value: "FILE", help: "Where to write: a .html or .pdf file ('-' for standard output)."),
            OptionSpec("--format", short: "-T", value: "FORMAT", choices: Format.allCases.map(\.rawValue),
                       help: "html or pdf (default: from the -o name, else html)."),
            OptionSpec("--page", value: "SIZE", choices: DOTOptions.PageSize.allCases.map(\.rawValue), help: "Paper size: a4 (default) or letter."),
        ] + GraphvizOptions.specs,
        maximumPositionals: 2,
        examples: [
            ("partsmap worksheet fog", "Writes fog.worksheet.html beside map.parts."),
            ("partsmap worksheet fog Examples/numbness.parts -o fog.pdf --page letter", "A PDF on letter paper."),
            ("partsmap worksheet fog --format pdf -o - | lp", "Straight to the printer."),
        ])

    static func run(_ arguments: ParsedArguments) throws(CommandError) {
        guard let idText = arguments.positionals.first else { throw spec.usageError("say which part, e.g. 'partsmap worksheet fog'") }
        let path = arguments.positionals.count > 1 ? arguments.positionals[1] : (arguments.value("--map") ?? "map.parts")
        let page = arguments.value("--page").flatMap(DOTOptions.PageSize.init(rawValue:)) ?? .a4
        let graphviz = try GraphvizOptions(arguments, spec)
        let map = try MapFile.load(path).map
        let part = try map.resolvePart(idText, spec)
        let (format, output) = try destination(arguments, id: part.id, mapPath: path)
        let sheet = Worksheet(part: part, map: map, page: page)
        switch format {
        case .html:
            try Console.deliver(WorksheetHTML.html(sheet), to: output, announce: false)
        case .pdf:
            do {
                let renderer = try GraphvizRenderer.locate(explicit: graphviz.program, timeout: graphviz.timeout)
                let warnings = try renderer.render(dot: WorksheetPDF.dot(sheet), format: .pdf, layout: .dot, to: output)
                if !warnings.isEmpty { Console.message("Graphviz: " + warnings) }
            } catch {
                throw CommandError(error, output: output)
            }
        }
        if !Console.isStandardOutput(output) { Console.message("wrote \(output)") }
    }

    /// The format and file to write, from `--format` and `-o` (as `render` reads them), else
    /// ID.worksheet.html beside the map.
    static func destination(_ arguments: ParsedArguments, id: PartID, mapPath: String) throws(CommandError) -> (Format, String) {
        let named = arguments.value("--format").flatMap(Format.init(rawValue:))
        guard let output = arguments.value("--output") else {
            let format = named ?? .html
            let folder = FileSystem.directory(of: mapPath)
            let name = id.rawValue + ".worksheet." + format.rawValue
            return (format, mapPath.contains("/") ? folder + "/" + name : name)
        }
        if Console.isStandardOutput(output) { return (named ?? .html, output) }
        let implied = Format(fileName: FileSystem.fileName(of: output))
        if let named, let implied, named != implied {
            throw spec.usageError("'\(output)' ends in .\(implied.rawValue) but --format is \(named.rawValue)")
        }
        guard let format = named ?? implied else {
            throw spec.usageError("cannot tell the format from '\(output)'; name a .html or .pdf file, or add --format html|pdf")
        }
        return (format, output)
    }
}
