// The command line's argument parser at its edges: `--x=v`, `--`, a flag given a value, a
// missing value, a value outside the choices. Asserts on the parsed result or the usage error.
@testable import PartsMapCLI
import Testing

@Suite("Argument parsing")
struct ArgumentParsingTests {
    static let spec = CommandSpec(
        name: "demo", summary: "A command for the tests.", synopsis: "partsmap demo [MAP]",
        options: [
            .map,
            OptionSpec("--output", short: "-o", value: "FILE", help: "Where to write."),
            OptionSpec("--theme", value: "THEME", choices: ["default", "print"], help: "The theme."),
            OptionSpec("--force", help: "A flag."),
        ])

    @Test func inlineValueWithEquals() throws {
        let parsed = try Self.spec.parse(["--output=a=b.svg", "--theme=print"])
        #expect(parsed.value("--output") == "a=b.svg", "only the first '=' separates name and value")
        #expect(parsed.value("--theme") == "print")
    }

    @Test func shortOptionTakesTheNextWord() throws {
        let parsed = try Self.spec.parse(["-o", "x.svg", "m.parts"])
        #expect(parsed.value("--output") == "x.svg")
        #expect(parsed.positionals == ["m.parts"])
    }

    @Test func doubleDashEndsOptions() throws {
        let parsed = try Self.spec.parse(["--", "--force"])
        #expect(parsed.positionals == ["--force"])
        #expect(!parsed.has("--force"))
    }

    @Test func aLoneDashIsAPositional() throws {
        #expect(try Self.spec.parse(["-"]).positionals == ["-"])
    }

    @Test func errorsNameTheProblem() {
        for (arguments, fragment) in [
            (["--force=yes"], "'--force' takes no value"),
            (["--output"], "'--output' needs a value"),
            (["--theme", "prnt"], "did you mean 'print'"),
            (["--forse"], "did you mean '--force'"),
            (["a.parts", "b.parts"], "unexpected argument 'b.parts'"),
        ] {
            do {
                _ = try Self.spec.parse(arguments)
                Issue.record("\(arguments) parsed")
            } catch {
                #expect(error.code == .usage)
                #expect(error.message.contains(fragment), "\(arguments): \(error.message)")
            }
        }
    }

    @Test func repeatedOptionsKeepEveryValueInOrder() throws {
        let parsed = try Self.spec.parse(["--output", "a", "--output=b"])
        #expect(parsed.values["--output"] == ["a", "b"])
    }
}
