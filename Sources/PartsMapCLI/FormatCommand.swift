import PartsMap
/// `partsmap fmt`: rewrites maps in canonical form, keeping order and comments.
enum FormatCommand {
    static let spec = CommandSpec(
        name: "fmt",
        summary: "Rewrite maps in canonical form (layout only: order and comments are kept).",
        synopsis: "[MAP...] [--check | --stdout]",
        discussion: """
            A map with errors is never rewritten. A map already in canonical form is not touched.
            With --check nothing is written: exit status 1 lists the maps that would change.
            """,
        options: [
            .map,
            OptionSpec("--check", help: "Only report maps that are not canonical (exit 1), for hooks and CI."),
            OptionSpec("--stdout", help: "Print the canonical form instead of rewriting the file."),
        ],
        maximumPositionals: Int.max,
        examples: [
            ("partsmap fmt map.parts", "Tidy the map in place."),
            ("partsmap fmt --check *.parts", "Fail if any map needs tidying."),
        ])

    static func run(_ arguments: ParsedArguments) throws(CommandError) {
        let paths = arguments.positionals.isEmpty ? [MapFile.path(from: arguments)] : arguments.positionals
        var unformatted: [String] = []
        for path in paths {
            // Hold the map's lock so a concurrent edit is not lost between reading and writing.
            let lock: FileLock?
            if arguments.has("--check") || arguments.has("--stdout") {
                lock = nil
            } else {
                do { lock = try FileLock(for: path) } catch { throw CommandError(.cannotCreate, error.description) }
            }
            defer { lock?.release() }
            let file = try MapFile.load(path)
            let canonical = MapPrinter.print(file.map)
            if arguments.has("--stdout") {
                Console.output(canonical)
                continue
            }
            guard !canonical.utf8.elementsEqual(file.source.bytes) else {
                if !arguments.has("--check") { Console.message("\(path) is already tidy") }
                continue
            }
            if arguments.has("--check") {
                unformatted.append(path)
                continue
            }
            FileSystem.removeStaleTemporaryFiles(beside: path)
            do {
                try FileSystem.writeAtomically(canonical, to: path)
            } catch {
                throw CommandError(.cannotCreate, error.description)
            }
            Console.message("formatted \(path)")
        }
        if !unformatted.isEmpty {
            throw CommandError(.checkFailed, unformatted.map { "\($0): not in canonical form; run 'partsmap fmt \($0)'" }
                .joined(separator: "\n"))
        }
    }
}
