import PartsMap
/// The `partsmap` command line: finds the command, parses its arguments, runs it, and turns
/// failures into a message on standard error and an exit code.
public enum CommandLineTool {
    public static let version = partsMapVersion

    /// Every command, in the order `partsmap --help` lists them.
    static let commands: [Command] = [
        Command(spec: InitCommand.spec, run: InitCommand.run),
        Command(spec: PartCommands.add, run: PartCommands.runAdd),
        Command(spec: PartCommands.set.completing(.parts), run: PartCommands.runSet),
        Command(spec: PartCommands.unset.completing(.parts), run: PartCommands.runUnset),
        Command(spec: PartCommands.rename.completing(.parts), run: PartCommands.runRename),
        Command(spec: PartCommands.remove.completing(.parts), run: PartCommands.runRemove),
        Command(spec: PartCommands.list, run: PartCommands.runList),
        Command(spec: PartCommands.show.completing(.parts), run: PartCommands.runShow),
        Command(spec: RelateCommands.relate.completing(.parts), run: RelateCommands.runRelate),
        Command(spec: RelateCommands.unrelate.completing(.parts), run: RelateCommands.runUnrelate),
        Command(spec: BurdenCommands.add, run: BurdenCommands.runAdd),
        Command(spec: SessionCommands.add, run: SessionCommands.runAdd),
        Command(spec: SessionCommands.list, run: SessionCommands.runList),
        Command(spec: SessionCommands.show.completing(.sessions), run: SessionCommands.runShow),
        Command(spec: SessionCommands.edit.completing(.sessions), run: SessionCommands.runEdit),
        Command(spec: SessionCommands.remove.completing(.sessions), run: SessionCommands.runRemove),
        Command(spec: ExploreCommand.spec.completing(.parts), run: ExploreCommand.run),
        Command(spec: ExportImportCommands.export, run: ExportImportCommands.runExport),
        Command(spec: ExportImportCommands.importing, run: ExportImportCommands.runImport),
        Command(spec: RenderCommand.spec, run: RenderCommand.run),
        Command(spec: DotCommand.spec, run: DotCommand.run),
        Command(spec: ReportCommand.spec, run: ReportCommand.run),
        Command(spec: WorksheetCommand.spec.completing(.parts), run: WorksheetCommand.run),
        Command(spec: CheckCommand.spec, run: CheckCommand.run),
        Command(spec: FormatCommand.spec, run: FormatCommand.run),
        Command(spec: DiffCommand.spec, run: DiffCommand.run),
        Command(spec: HistoryCommands.history, run: HistoryCommands.runHistory),
        Command(spec: HistoryCommands.journey.completing(.parts), run: HistoryCommands.runJourney),
        Command(spec: TimelineCommands.timeline, run: TimelineCommands.runTimeline),
        Command(spec: TimelineCommands.selfChart, run: TimelineCommands.runSelfChart),
        Command(spec: FeelingsChartCommand.spec, run: FeelingsChartCommand.run),
        Command(spec: GitCommands.setup, run: GitCommands.runSetup),
        Command(spec: GitCommands.textconv, run: GitCommands.runTextconv),
        Command(spec: GitCommands.mergeDriver, run: GitCommands.runMergeDriver),
        Command(spec: CompletionsCommand.spec, run: CompletionsCommand.run),
        Command(spec: ManualCommand.spec, run: ManualCommand.run),
    ]

    /// The command `arguments` start with (`part add` before `part`), and how many words named it.
    static func command(for arguments: [String]) -> (Command, Int)? {
        if arguments.count >= 2, let command = commands.first(where: { $0.spec.name == "\(arguments[0]) \(arguments[1])" }) {
            return (command, 2)
        }
        if let first = arguments.first, let command = commands.first(where: { $0.spec.name == first }) {
            return (command, 1)
        }
        return nil
    }

    /// Command groups (`part`, `session`) and their subcommands.
    static func subcommands(of group: String) -> [Command] {
        commands.filter { $0.spec.name.hasPrefix(group + " ") }
    }

    struct Command: Sendable {
        var spec: CommandSpec
        var run: @Sendable (ParsedArguments) throws(CommandError) -> Void
    }

    public static var commandSpecs: [CommandSpec] { commands.map(\.spec) }

    /// Runs `partsmap` with `arguments` (without the program name) and returns the exit code.
    public static func run(_ arguments: [String]) -> Int32 {
        do {
            try dispatch(arguments)
            return ExitCode.success.rawValue
        } catch {
            if !error.message.isEmpty { Console.message("partsmap: " + error.message) }
            return error.code.rawValue
        }
    }

    private static func dispatch(_ arguments: [String]) throws(CommandError) {
        guard let name = arguments.first else {
            Console.message(overview)
            throw CommandError(.usage, "")
        }
        switch name {
        case "--help", "-h":
            Console.output(overview)
            return
        case "--version", "-V", "version":
            Console.output("partsmap \(version)\n")
            return
        case "help":
            guard arguments.count > 1 else { Console.output(overview); return }
            let topic = Array(arguments.dropFirst())
            if let (command, _) = command(for: topic) {
                Console.output(command.spec.helpText)
            } else if !subcommands(of: topic[0]).isEmpty {
                Console.output(groupHelp(topic[0]))
            } else {
                throw unknownCommand(topic.joined(separator: " "))
            }
            return
        default:
            break
        }
        guard let (command, words) = command(for: arguments) else {
            if !subcommands(of: name).isEmpty {
                let sub = arguments.count > 1 ? arguments[1] : nil
                if let sub, !sub.hasPrefix("-") {
                    throw unknownCommand("\(name) \(sub)")
                }
                if sub == "--help" || sub == "-h" { Console.output(groupHelp(name)); return }
                throw CommandError(.usage, "'\(name)' needs a subcommand\n" + groupHelp(name))
            }
            throw unknownCommand(name)
        }
        let parsed = try command.spec.parse(Array(arguments.dropFirst(words)))
        if parsed.has("--help") {
            Console.output(command.spec.helpText)
            return
        }
        try command.run(parsed)
    }

    static func groupHelp(_ group: String) -> String {
        let members = subcommands(of: group)
        let width = (members.map(\.spec.name.count).max() ?? 0) + 3
        return "Usage: partsmap \(group) SUBCOMMAND ...\n\n" + members.map { command in
            "  " + command.spec.name + String(repeating: " ", count: width - command.spec.name.count) + command.spec.summary
        }.joined(separator: "\n") + "\n"
    }

    private static func unknownCommand(_ name: String) -> CommandError {
        let hint = Suggestions.closest(to: name, in: commands.map(\.spec.name) + ["help"])
        return CommandError(.usage, "unknown command '\(name)'" + (hint.map { "; did you mean '\($0)'?" } ?? "")
                            + "\nSee 'partsmap --help'.")
    }

    /// How `partsmap --help` groups the commands (every command appears in one group).
    static let sections: [(title: String, names: [String])] = [
        ("Start and edit", ["init", "part add", "part set", "part unset", "part rename", "part rm", "relate", "unrelate"]),
        ("Sessions", ["session add", "session list", "session show", "session edit", "session rm", "explore"]),
        ("Look", ["part list", "part show", "check", "fmt"]),
        ("Draw and share", ["render", "dot", "report", "worksheet", "export", "import"]),
        ("Over time (git)", ["diff", "history", "journey", "timeline", "self-chart", "feelings-chart", "git-setup"]),
        ("Plumbing", ["textconv", "merge-driver", "completions", "manpage"]),
    ]

    static var overview: String {
        var out = """
            partsmap \(version): a workbook for mapping an inner system of parts (Internal Family Systems).

            Usage: partsmap COMMAND [OPTIONS]

            """
        let width = (commands.map(\.spec.name.count).max() ?? 0) + 3
        var listed: Set<String> = []
        func line(_ spec: CommandSpec) -> String {
            listed.insert(spec.name)
            return "  " + spec.name + String(repeating: " ", count: width - spec.name.count) + spec.summary + "\n"
        }
        for section in sections {
            out += "\n\(section.title):\n"
            for name in section.names {
                if let command = commands.first(where: { $0.spec.name == name }) { out += line(command.spec) }
            }
        }
        let others = commands.filter { !listed.contains($0.spec.name) }
        if !others.isEmpty {
            out += "\nMore:\n"
            for command in others { out += line(command.spec) }
        }
        out += """

            Run 'partsmap COMMAND --help' for a command's options and examples.
            Maps are plain-text .parts files; see docs/format.md. Nothing ever leaves this machine.

            """
        return out
    }
}
