import PartsMap
/// `partsmap render`: draws the map as SVG, PNG or PDF through Graphviz.
enum RenderCommand {
    static let spec = CommandSpec(
        name: "render",
        summary: "Draw a map as a picture (SVG, PNG or PDF) with Graphviz.",
        synopsis: "[MAP] [-o FILE] [--format svg|png|pdf] [VIEW OPTIONS] [--theme T] [--redact] [--watch]",
        discussion: """
            Writes the picture next to the map (same name, .svg) unless -o names another file.
            The picture is replaced only when Graphviz succeeds: a failed render leaves no
            half-written file. An unchanged map drawn with the same options is not drawn again.
            Needs Graphviz ('dot'): apt-get install graphviz / brew install graphviz.
            Views (--focus, --only, --hide, --session, --tag, --group) never change the map.
            """,
        options: [
            .map,
            OptionSpec("--output", short: "-o", value: "FILE", help: "Where to write the picture ('-' for standard output)."),
            OptionSpec("--format", short: "-T", value: "FORMAT", choices: OutputFormat.allCases.map(\.rawValue),
                       help: "svg, png or pdf (default: from the -o name, else svg)."),
        ] + PictureOptions.specs + [
            OptionSpec("--watch", help: "Draw again whenever the map changes, until Ctrl-C."),
            OptionSpec("--force", help: "Draw even if the picture is up to date."),
        ] + GraphvizOptions.specs,
        examples: [
            ("partsmap render Examples/numbness.parts", "Writes Examples/numbness.svg."),
            ("partsmap render map.parts -o session-12.pdf --page a4 --theme print --legend", "A black-and-white page to print."),
            ("partsmap render --focus fog --depth 2 -o fog.svg", "The Fog and what is around it."),
            ("partsmap render --redact -o supervision.pdf", "For consultation: no names, no free text."),
            ("partsmap render --watch", "Redraw on every save."),
        ])

    static func run(_ arguments: ParsedArguments) throws(CommandError) {
        let path = MapFile.path(from: arguments)
        let (format, output) = try destination(arguments, mapPath: path)
        let picture = try PictureOptions(arguments, spec)
        let renderer = try GraphvizOptions(arguments, spec).renderer(output: output)
        let job = RenderJob(renderer: renderer, picture: picture, format: format, output: output, force: arguments.has("--force"))
        if arguments.has("--watch") {
            try RenderWatcher(mapPath: path, job: job).run()
        } else {
            try job.run(mapPath: path)
        }
    }

    /// The format and file to write, from `-o` and `--format`, defaulting to MAP.svg.
    static func destination(_ arguments: ParsedArguments, mapPath: String) throws(CommandError) -> (OutputFormat, String) {
        let named = arguments.value("--format").flatMap(OutputFormat.init(rawValue:))
        if let output = arguments.value("--output") {
            if Console.isStandardOutput(output) { return (named ?? .svg, output) }
            let implied = OutputFormat(fileName: FileSystem.fileName(of: output))
            if let named, let implied, named != implied {
                throw spec.usageError("'\(output)' ends in .\(implied.rawValue) but --format is \(named.rawValue)")
            }
            guard let format = named ?? implied else {
                throw spec.usageError("cannot tell the format from '\(output)'; add --format svg|png|pdf")
            }
            return (format, output)
        }
        let format = named ?? .svg
        var base = mapPath
        if base.hasSuffix(".parts") { base.removeLast(".parts".count) }
        return (format, base + "." + format.rawValue)
    }
}
