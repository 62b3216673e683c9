/// The `partsmap` command line: finds the command, parses its arguments, runs it, and turns
/// failures into a message on standard error and an exit code.
public enum CommandLineTool {
    public static let version = "0.1.0"

    /// Every command, in the order `partsmap --help` lists them.
    static let commands: [Command] = [
        Command(spec: RenderCommand.spec, run: RenderCommand.run),
        Command(spec: DotCommand.spec, run: DotCommand.run),
        Command(spec: CheckCommand.spec, run: CheckCommand.run),
        Command(spec: FormatCommand.spec, run: FormatCommand.run),
    ]

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
            guard let command = commands.first(where: { $0.spec.name == arguments[1] }) else {
                throw unknownCommand(arguments[1])
            }
            Console.output(command.spec.helpText)
            return
        default:
            break
        }
        guard let command = commands.first(where: { $0.spec.name == name }) else { throw unknownCommand(name) }
        let parsed = try command.spec.parse(Array(arguments.dropFirst()))
        if parsed.has("--help") {
            Console.output(command.spec.helpText)
            return
        }
        try command.run(parsed)
    }

    private static func unknownCommand(_ name: String) -> CommandError {
        let hint = Suggestions.closest(to: name, in: commands.map(\.spec.name) + ["help"])
        return CommandError(.usage, "unknown command '\(name)'" + (hint.map { "; did you mean '\($0)'?" } ?? "")
                            + "\nSee 'partsmap --help'.")
    }

    static var overview: String {
        var out = """
            partsmap \(version): a workbook for mapping an inner system of parts (Internal Family Systems).

            Usage: partsmap COMMAND [OPTIONS]

            Commands:

            """
        let width = (commands.map(\.spec.name.count).max() ?? 0) + 3
        for command in commands {
            let name = command.spec.name
            out += "  " + name + String(repeating: " ", count: width - name.count) + command.spec.summary + "\n"
        }
        out += """

            Run 'partsmap COMMAND --help' for a command's options and examples.
            Maps are plain-text .parts files; see docs/format.md. Nothing ever leaves this machine.

            """
        return out
    }
}
