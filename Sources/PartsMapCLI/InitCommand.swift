import PartsMap
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `partsmap init`: a new workbook folder, private and ready for git.
enum InitCommand {
    static let spec = CommandSpec(
        name: "init",
        summary: "Start a new workbook: a folder with map.parts, ready for git.",
        synopsis: "[DIR] [--title TITLE]",
        discussion: """
            Creates DIR (default: here) readable by you only, a map.parts that teaches the format
            in its comments, a .gitignore for rendered pictures, a .gitattributes, and runs
            'git init' when git is installed and the folder is not already in a repository.
            Never overwrites an existing map.
            """,
        options: [OptionSpec("--title", value: "TITLE", help: "The map's title.")],
        examples: [("partsmap init my-parts --title \"My parts\"", "A new workbook in my-parts/.")])

    static func template(title: String) -> String {
        """
        # A parts map, read by partsmap (docs/format.md has everything; this is the short version).
        #
        #   part ID: Name                 a part; fields are indented below it:
        #     role: manager               manager | firefighter | protector | exile | unknown
        #     age: 12                     feelings: flat, tired     beliefs: "feeling is dangerous"
        #     intent: ...   fears: ...    burden legacy: "..."      status: known
        #   fog protects little           relationships: protects, polarized, allied, blends, triggers, alternates
        #   session 2026-11-19: Title     a session; present:, self: calm 5, status fog: known -> befriended
        #
        # Add parts with 'partsmap part add', sessions with 'partsmap session add', or edit by hand.
        partsmap 1
        title: \(MapText.inline(title))

        self
          note: What helps Self come forward: places, people, practices.

        """
    }

    static let gitignore = """
        # Pictures are made from map.parts: keep the map in git, not its renderings.
        *.svg
        *.png
        *.pdf
        *.html
        *.report.md
        # partsmap's lock files, and temporary files a killed partsmap left (removed by the next run)
        .*.lock
        .*.partsmap-*

        """

    static let gitattributes = """
        # Maps are text with LF line endings; partsmap shows their diffs and merges them part by part.
        \(GitCommands.attributes)

        """

    static func run(_ arguments: ParsedArguments) throws(CommandError) {
        let folder = arguments.positionals.first ?? "."
        if !FileSystem.exists(folder) {
            guard mkdir(folder, 0o700) == 0 else {
                throw CommandError(.cannotCreate, "\(folder): cannot create the folder: \(errnoDescription())")
            }
        }
        let mapPath = folder + "/map.parts"
        if FileSystem.exists(mapPath) {
            throw CommandError(.cannotCreate, "\(mapPath) already exists; partsmap init never overwrites a map")
        }
        do {
            try FileSystem.writeAtomically(template(title: arguments.value("--title") ?? "My parts map"), to: mapPath)
            for (name, text) in [(".gitignore", gitignore), (".gitattributes", gitattributes)]
            where !FileSystem.exists(folder + "/" + name) {
                try FileSystem.writeAtomically(text, to: folder + "/" + name)
            }
        } catch {
            throw CommandError(.cannotCreate, error.description)
        }
        Console.message("created \(mapPath)")
        if let git = ExecutableSearch.find("git") {
            var inRepository = Subprocess.runAttached(git, ["-C", folder, "rev-parse", "--is-inside-work-tree"], quiet: true) == .exited(0)
            var started = false
            if !inRepository, Subprocess.runAttached(git, ["init", "--quiet", folder], quiet: true) == .exited(0) {
                Console.message("started a git repository in \(folder)")
                inRepository = true
                started = true
            }
            if inRepository {
                // Semantic diffs and merges (see 'partsmap git-setup'); not fatal if it cannot be set.
                if (try? GitCommands.configure(folder: folder)) != nil {
                    Console.message("git diff and git merge read maps part by part here; the repository is private")
                }
                // The first commit should carry .gitignore and .gitattributes too, or a clone
                // diffs maps line by line and commits rendered pictures.
                if started, Subprocess.runAttached(git, ["-C", folder, "add", "--", "map.parts", ".gitignore", ".gitattributes"], quiet: true) == .exited(0) {
                    Console.message("staged map.parts, .gitignore and .gitattributes; commit them to start the history: "
                                    + "git commit -m \"Start the workbook\"")
                }
            }
        }
        Console.message("next: 'partsmap part add ID --name NAME --role ROLE', then 'partsmap render'")
    }
}
