import PartsMap
/// `partsmap check`: reports errors and IFS warnings without changing anything.
enum CheckCommand {
    static let spec = CommandSpec(
        name: "check",
        summary: "Check maps for errors and for things that look wrong in IFS terms.",
        synopsis: "[MAP...] [--strict] [--ignore RULE]... | --explain [RULE...]",
        discussion: """
            Errors make a map unreadable; warnings point at likely slips (an exile with no
            protector, unburdening begun before a protector gave permission, a status that goes
            back without a note). Each warning names its rule: warning[exile-unprotected].
            Switch a rule off with --ignore, for one map with 'ignore-checks: RULE, ...', or for
            one item or field with a '# partsmap-ignore: RULE' comment. docs/checks.md has them all.
            Exit status: 0 fine, 65 errors, 1 warnings with --strict.
            """,
        options: [
            .map,
            OptionSpec("--strict", help: "Fail (exit 1) on warnings too."),
            OptionSpec("--ignore", value: "RULE", choices: CheckRule.all.map(\.id), help: "Do not report this rule (repeat)."),
            OptionSpec("--explain", help: "Explain the rules named (all rules without a name) instead of checking."),
        ],
        maximumPositionals: Int.max,
        examples: [
            ("partsmap check map.parts", "Show errors and warnings."),
            ("partsmap check --strict *.parts", "Fail a git hook or CI run on any warning."),
            ("partsmap check --explain permission-missing", "What a rule catches, why it matters, and the fix."),
        ])

    static func run(_ arguments: ParsedArguments) throws(CommandError) {
        if arguments.has("--explain") { return try explain(arguments.positionals) }
        var ignoring: Set<String> = []
        for id in arguments.values["--ignore"] ?? [] {
            guard CheckRule.named(id) != nil else {
                throw spec.usageError(Suggestions.unknown("rule", id, in: CheckRule.all.map(\.id),
                                                          otherwise: "'partsmap check --explain' lists the rules"))
            }
            ignoring.insert(id)
        }
        let paths = arguments.positionals.isEmpty ? [MapFile.path(from: arguments)] : arguments.positionals
        var worst = ExitCode.success
        for path in paths {
            let file = try MapFile.read(path)
            ProcessLifetime.keepUntilExit(file)
            try MapFile.refuseNonMap(file)
            var diagnostics = file.parsed.diagnostics
            if !file.parsed.hasErrors {
                diagnostics += MapChecker.check(file.map, locations: file.parsed.locations, ignoring: ignoring)
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

    /// `--explain [RULE...]`: every rule's ID and summary, or the named rules in full.
    private static func explain(_ ids: [String]) throws(CommandError) {
        guard !ids.isEmpty else {
            Console.output(table(["RULE", "WHAT IT CATCHES"], CheckRule.all.map { [$0.id, $0.summary] }))
            return
        }
        var texts: [String] = []
        for id in ids {
            guard let rule = CheckRule.named(id) else {
                throw spec.usageError(Suggestions.unknown("rule", id, in: CheckRule.all.map(\.id),
                                                          otherwise: "'partsmap check --explain' lists the rules"))
            }
            texts.append("\(rule.id): \(rule.summary)\n\n\(wrap(rule.explanation))\n")
        }
        Console.output(texts.joined(separator: "\n"))
    }

    /// Words wrapped at 80 columns.
    private static func wrap(_ text: String) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > 80 { lines.append(line); line = "" }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n")
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
