import PartsMap
/// `partsmap export` and `partsmap import`: the map as JSON, for scripts and other tools.
enum ExportImportCommands {
    static let export = CommandSpec(
        name: "export",
        summary: "Write the map as JSON (lossless), data-shaped JSON or a Mermaid diagram: deterministic.",
        synopsis: "[MAP] [--format json|graph-json|mermaid] [-o FILE] [--redact]",
        discussion: """
            json (the default) holds everything, comments and order included, for round trips with
            'partsmap import' (docs/json.md). graph-json is for other programs: parts as objects with
            their fields as keys, relationships, sessions and the Self (docs/json.md). mermaid is a
            Mermaid flowchart that GitHub, Obsidian and other Markdown tools draw (docs/mermaid.md).
            """,
        options: [
            .map,
            OptionSpec("--format", value: "FORMAT", choices: ["json", "graph-json", "mermaid"],
                       help: "json (lossless, the default), graph-json (for other programs) or mermaid."),
            OptionSpec("--output", short: "-o", value: "FILE", help: "Write to FILE instead of standard output ('-' is standard output)."),
            OptionSpec("--redact", help: "For supervision: aliases for names, no free text, age bands."),
        ],
        examples: [("partsmap export --format json > map.json", "The map as JSON."),
                   ("partsmap export --format graph-json | jq '.parts[] | select(.role==\"exile\") | .name'", "The exiles' names."),
                   ("partsmap export --format mermaid -o map.mmd", "A diagram for Markdown notes."),
                   ("partsmap export --redact -o case.json", "A redacted copy for consultation.")])

    static func runExport(_ arguments: ParsedArguments) throws(CommandError) {
        let file = try MapFile.load(MapFile.path(from: arguments))
        let map = arguments.has("--redact") ? Redaction.apply(to: file.map) : file.map
        let text: String
        switch arguments.value("--format") ?? "json" {
        case "graph-json": text = GraphJSON.encode(map).serialized()
        case "mermaid": text = MermaidWriter().mermaid(for: map)
        default: text = MapJSON.encode(map).serialized()
        }
        try Console.deliver(text, to: arguments.value("--output"))
    }

    static let importing = CommandSpec(
        name: "import",
        summary: "Make a map from partsmap JSON (the form 'partsmap export' writes).",
        synopsis: "FILE.json [--map PATH] [--force]",
        discussion: "Writes map.parts (or --map PATH); an existing map is replaced only with --force.",
        options: [.map, OptionSpec("--force", help: "Replace an existing map.")],
        examples: [("partsmap import backup.json --map restored.parts", "Restore a map from its JSON.")])

    static func runImport(_ arguments: ParsedArguments) throws(CommandError) {
        guard let input = arguments.positionals.first else { throw importing.usageError("name the JSON file to import") }
        let target = PartCommands.mapPath(arguments)
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.readBytes(at: input)
        } catch {
            throw CommandError(.noInput, error.description)
        }
        let map: SystemMap
        do {
            map = try MapJSON.decode(try JSONValue.parse(bytes))
        } catch let error as JSONError {
            throw CommandError(.dataError, "\(input):\(error.line):\(error.column): error: \(error.message)")
        } catch let error as MapJSONError {
            throw CommandError(.dataError, "\(input): error: \(error.description)")
        } catch {
            throw CommandError(.software, "\(error)")
        }
        let text = MapPrinter.print(map)
        let check = MapParser.parse(text)
        guard !check.hasErrors, check.map == map else {
            let details = DiagnosticFormatter(fileName: target, source: SourceText(text)).format(check.errors)
            throw CommandError(.dataError, "\(input) does not make a valid map:\n\(details)")
        }
        let lock: FileLock
        do { lock = try FileLock(for: target) } catch { throw CommandError(.cannotCreate, error.description) }
        defer { lock.release() }
        if FileSystem.exists(target) && !arguments.has("--force") {
            throw CommandError(.cannotCreate, "\(target) already exists; add --force to replace it")
        }
        FileSystem.removeStaleTemporaryFiles(beside: target)
        do {
            try FileSystem.writeAtomically(text, to: target)
        } catch {
            throw CommandError(.cannotCreate, error.description)
        }
        Console.message("wrote \(target)")
    }
}
