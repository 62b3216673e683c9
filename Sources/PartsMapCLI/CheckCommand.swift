import PartsMap
/// `partsmap check`: reports errors and IFS warnings without changing anything.
enum CheckCommand {
    static let spec = CommandSpec(
        name: "check",
        summary: "Check maps for errors and for things that look wrong in IFS terms.",
        synopsis: "[MAP...] [--strict]",
        discussion: """
            Errors make a map unreadable; warnings point at likely slips (an exile with no
            protector, a status that goes back without a note, a rating outside 0-10).
            Exit status: 0 fine, 65 errors, 1 warnings with --strict.
            """,
        options: [
            .map,
            OptionSpec("--strict", help: "Fail (exit 1) on warnings too."),
        ],
        maximumPositionals: Int.max,
        examples: [
            ("partsmap check map.parts", "Show errors and warnings."),
            ("partsmap check --strict *.parts", "Fail a git hook or CI run on any warning."),
        ])

    static func run(_ arguments: ParsedArguments) throws(CommandError) {
        let paths = arguments.positionals.isEmpty ? [MapFile.path(from: arguments)] : arguments.positionals
        var worst = ExitCode.success
        for path in paths {
            let file = try MapFile.read(path)
            ProcessLifetime.keepUntilExit(file)
            var diagnostics = file.parsed.diagnostics
            if !file.parsed.hasErrors {
                diagnostics += MapChecker.check(file.map, locations: file.parsed.locations)
            }
            let errors = diagnostics.filter { $0.severity == .error }.count
            let warnings = diagnostics.count - errors
            if !diagnostics.isEmpty { Console.message(file.formatter.format(diagnostics)) }
            Console.message("\(path): \(count(errors, "error")), \(count(warnings, "warning"))")
            if errors > 0 {
                worst = .dataError
            } else if warnings > 0 && arguments.has("--strict") && worst == .success {
                worst = .checkFailed
            }
        }
        if worst != .success { throw CommandError(worst, "") }
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
