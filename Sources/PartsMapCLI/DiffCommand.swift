import PartsMap
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `partsmap diff`: what changed between two versions of a map, by part.
enum DiffCommand {
    static let formats = ["text", "json", "dot"] + OutputFormat.allCases.map(\.rawValue)

    static let spec = CommandSpec(
        name: "diff",
        summary: "Show what changed between two versions of a map, part by part.",
        synopsis: "[OLD [NEW]] [--rev A [--rev B]] [--format text|json|dot|svg|png|pdf] [-o FILE]",
        discussion: """
            OLD and NEW are files or REV:PATH (e.g. HEAD~3:map.parts). With no arguments: the
            working map against HEAD. One file: that file against HEAD. --rev A compares the map
            at A with the working map; --rev A --rev B compares two revisions.
            --format svg|png|pdf|dot draws a diff map: new parts with a thick outline and "NEW",
            removed ones dashed and grey with "REMOVED", changed ones with "CHANGED".
            Exit status: 0 no changes, 1 changes (like diff).
            """,
        options: [
            .map,
            OptionSpec("--rev", value: "REV", help: "A git revision to compare (give one or two)."),
            OptionSpec("--format", value: "FORMAT", choices: formats, help: "text (default), json, or a diff map: dot, svg, png, pdf."),
            OptionSpec("--output", short: "-o", value: "FILE", help: "Write to FILE (needed for svg, png, pdf)."),
            OptionSpec("--layout", short: "-K", value: "ENGINE", choices: LayoutEngine.allCases.map(\.rawValue), help: "Graphviz layout for a diff map."),
        ] + GraphvizOptions.specs,
        maximumPositionals: 2,
        examples: [
            ("partsmap diff", "What changed since the last commit."),
            ("partsmap diff --rev HEAD~4", "Since four commits ago."),
            ("partsmap diff old.parts new.parts --format json", "Two files, for a script."),
            ("partsmap diff --rev v1 --format svg -o changes.svg", "A picture of the changes."),
        ])

    static func versions(_ arguments: ParsedArguments) throws(CommandError) -> (MapVersion, MapVersion) {
        let revisions = arguments.values["--rev"] ?? []
        let positionals = arguments.positionals
        if revisions.count > 2 { throw spec.usageError("give at most two --rev") }
        if !revisions.isEmpty && positionals.count > 1 { throw spec.usageError("with --rev, name at most one map") }
        let mapPath = positionals.first ?? arguments.value("--map") ?? "map.parts"
        switch (revisions.count, positionals.count) {
        case (2, _):
            return (try MapVersion.load(mapPath, at: revisions[0]), try MapVersion.load(mapPath, at: revisions[1]))
        case (1, _):
            return (try MapVersion.load(mapPath, at: revisions[0]), try MapVersion.load(mapPath))
        case (0, 2):
            return (try MapVersion.load(positionals[0]), try MapVersion.load(positionals[1]))
        default:
            let new = try MapVersion.load(mapPath)
            if new.label.contains(":") && !FileSystem.exists(mapPath) {
                let path = String(mapPath[mapPath.index(after: mapPath.firstIndex(of: ":") ?? mapPath.startIndex)...])
                return (new, try MapVersion.load(path))
            }
            return (try MapVersion.load(mapPath, at: "HEAD"), new)
        }
    }

    static func run(_ arguments: ParsedArguments) throws(CommandError) {
        let graphviz = try GraphvizOptions(arguments, spec)
        let (old, new) = try versions(arguments)
        let diff = MapDiff(from: old.map, to: new.map)
        let format = arguments.value("--format") ?? "text"
        switch format {
        case "text":
            let colored = isatty(1) == 1 && (environmentValue("NO_COLOR") ?? "").isEmpty
            try emit(DiffReport(diff, colored: colored && arguments.value("--output") == nil).text, arguments)
        case "json":
            var json = DiffReport(diff).json
            if case .object(var members) = json {
                members["old"] = .string(old.label)
                members["new"] = .string(new.label)
                json = .object(members)
            }
            try emit(json.serialized(), arguments)
        default:
            let layout = arguments.value("--layout").flatMap(LayoutEngine.init(rawValue:)) ?? .clinical
            let (union, decorations) = DiffMap.make(from: old.map, to: new.map,
                                                    subtitle: DiffMap.subtitle(from: old.map, old.label, to: new.map, new.label))
            let writer = DOTWriter(options: DOTOptions(showsLegend: true, layout: layout), decorations: decorations)
            let dot = writer.dot(for: union)
            if format == "dot" {
                try emit(dot, arguments)
            } else {
                guard let output = arguments.value("--output"), let picture = OutputFormat(rawValue: format) else {
                    throw spec.usageError("--format \(format) needs -o FILE")
                }
                do {
                    let renderer = try GraphvizRenderer.locate(explicit: graphviz.program, timeout: graphviz.timeout)
                    let outcome = try renderer.render(RenderAttempt.chain(writer: writer, map: union), format: picture, to: output)
                    if let fallback = outcome.fallback { Console.message("partsmap: " + fallback) }
                } catch {
                    throw CommandError(error, output: output)
                }
                Console.message("wrote \(output)")
            }
        }
        if !diff.isEmpty { throw CommandError(.checkFailed, "") }
    }

    static func emit(_ text: String, _ arguments: ParsedArguments) throws(CommandError) {
        try Console.deliver(text, to: arguments.value("--output"), announce: false)
    }
}
