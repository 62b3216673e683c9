import PartsMap
/// `partsmap manpage`: the manual page (roff), generated from the same command table as
/// `--help` and the completions, so it never drifts from the commands. `make install` puts it
/// where `man partsmap` finds it.
enum ManualCommand {
    static let spec = CommandSpec(
        name: "manpage",
        summary: "Print the manual page (roff), made from the command table.",
        synopsis: "",
        discussion: "make install writes it to PREFIX/share/man/man1/partsmap.1.",
        maximumPositionals: 0,
        examples: [("partsmap manpage | man -l -", "Read it without installing.")])

    static func run(_ arguments: ParsedArguments) throws(CommandError) {
        Console.output(page(CommandLineTool.commandSpecs))
    }

    /// Text for roff: backslashes doubled, a leading '.' or '\'' escaped, '-' as a real hyphen-minus.
    static func roff(_ text: String) -> String {
        var out = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var escaped = ""
            for character in line {
                switch character {
                case "\\": escaped += "\\e"
                case "-": escaped += "\\-"
                case "\"": escaped += "\\(dq"
                default: escaped.append(character)
                }
            }
            if escaped.hasPrefix(".") || escaped.hasPrefix("'") { escaped = "\\&" + escaped }
            out += escaped + "\n"
        }
        return out
    }

    static func page(_ specs: [CommandSpec]) -> String {
        var out = """
            .TH PARTSMAP 1 "" "partsmap \(partsMapVersion)" "User Commands"
            .SH NAME
            partsmap \\- a workbook for mapping an inner system of parts (Internal Family Systems)
            .SH SYNOPSIS
            .B partsmap
            .I COMMAND
            [\\fIOPTIONS\\fR]
            .SH DESCRIPTION
            Maps are plain-text .parts files, checked against IFS practice and drawn with Graphviz.
            Nothing ever leaves this machine. Files partsmap creates are readable by their owner only.
            .SH COMMANDS

            """
        for spec in specs {
            out += ".SS \"\(roff(spec.usage).trimmingCharacters(in: "\n"))\"\n"
            out += roff(spec.summary)
            if !spec.discussion.isEmpty { out += ".PP\n" + roff(spec.discussion) }
            for option in spec.options where option.long != "--help" {
                var names = option.short.map { "\($0), " } ?? ""
                names += option.long
                if let value = option.valueName { names += " " + value }
                out += ".TP\n.B \(roff(names).trimmingCharacters(in: "\n"))\n" + roff(option.help)
            }
            for example in spec.examples {
                out += ".TP\n.B \(roff(example.command).trimmingCharacters(in: "\n"))\n" + roff(example.explanation)
            }
        }
        out += """
            .SH EXIT STATUS
            0 done; 1 check or fmt \\-\\-check found something; 64 wrong command line; 65 the map has errors;
            66 the map cannot be read; 69 Graphviz is missing; 70 Graphviz failed or an internal error;
            73 an output file cannot be written, or is read\\-only.
            .SH SEE ALSO
            .BR dot (1),
            .BR git (1)

            """
        return out
    }
}

private extension String {
    func trimmingCharacters(in set: Character) -> String {
        var text = self
        while text.last == set { text.removeLast() }
        return text
    }
}
