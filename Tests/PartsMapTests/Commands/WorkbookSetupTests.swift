import Foundation
import Testing
@testable import PartsMap

#if canImport(Glibc)
import Glibc
#endif

/// `init` and `git-setup` as a new user meets them: git finds `partsmap` by name, the
/// repository is private whatever the umask, and a fresh workbook explains itself.
@Suite("Workbook setup")
struct WorkbookSetupTests {
    /// A folder with a `partsmap` link to the built binary, for PATH.
    static func binFolder(in folder: URL) throws -> String {
        let bin = folder.appendingPathComponent("bin").path
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: bin + "/partsmap", withDestinationPath: TestSupport.partsmapBinary)
        return bin
    }

    static func gitConfig(_ key: String, in folder: String) throws -> String {
        guard let git = ExecutableSearch.find("git") else { return "" }
        return try TestSupport.run(git, ["-C", folder, "config", "--get", key]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static let systemPath = "/usr/local/bin:/usr/bin:/bin"

    @Test("init writes partsmap by name when it is on PATH, and says so when it is not")
    func gitFindsPartsmapByName() throws {
        guard ExecutableSearch.find("git") != nil else { return }
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        let bin = try Self.binFolder(in: folder)
        let named = try TestSupport.partsmap(["init", "named"], environment: ["PATH": bin + ":" + Self.systemPath], in: folder)
        #expect(named.status == 0, "\(named.stderr)")
        #expect(try Self.gitConfig("diff.partsmap.textconv", in: folder.path + "/named") == "partsmap textconv")
        #expect(try Self.gitConfig("merge.partsmap.driver", in: folder.path + "/named") == "partsmap merge-driver %O %A %B %P")

        let unnamed = try TestSupport.partsmap(["init", "unnamed"], environment: ["PATH": Self.systemPath], in: folder)
        #expect(unnamed.status == 0, "\(unnamed.stderr)")
        #expect(unnamed.stderr.contains("not on your PATH"), "\(unnamed.stderr)")
        #expect(try Self.gitConfig("diff.partsmap.textconv", in: folder.path + "/unnamed").hasSuffix("partsmap' textconv"))

        // git-setup repairs a workbook whose config names a program that no longer exists.
        guard let git = ExecutableSearch.find("git") else { return }
        _ = try TestSupport.run(git, ["-C", folder.path + "/unnamed", "config", "diff.partsmap.textconv", "'/gone/.build/release/partsmap' textconv"])
        let repaired = try TestSupport.partsmap(["git-setup"], environment: ["PATH": bin + ":" + Self.systemPath],
                                                in: folder.appendingPathComponent("unnamed"))
        #expect(repaired.status == 0, "\(repaired.stderr)")
        #expect(try Self.gitConfig("diff.partsmap.textconv", in: folder.path + "/unnamed") == "partsmap textconv")
    }

    @Test("The repository is private, even under umask 000 in a world-readable folder")
    func privateRepository() throws {
        guard let git = ExecutableSearch.find("git") else { return }
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        let book = folder.appendingPathComponent("book").path
        try FileManager.default.createDirectory(atPath: book, withIntermediateDirectories: false)
        chmod(folder.path, 0o755)
        chmod(book, 0o777)
        let bin = try Self.binFolder(in: folder)
        let script = """
            umask 000
            partsmap init . >/dev/null 2>&1 || exit 1
            git -c user.name=T -c user.email=t@example.invalid add map.parts && \
            git -c user.name=T -c user.email=t@example.invalid commit -q -m one
            """
        let result = try TestSupport.run("/bin/sh", ["-c", script], environment: ["PATH": bin + ":" + Self.systemPath],
                                         in: URL(fileURLWithPath: book))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.gitConfig("core.sharedRepository", in: book) == "0600")
        var open: [String] = []
        let gitFolder = book + "/.git"
        var info = stat()
        #expect(stat(gitFolder, &info) == 0 && info.st_mode & 0o777 == 0o700)
        let walker = FileManager.default.enumerator(atPath: gitFolder)
        while let name = walker?.nextObject() as? String {
            // git writes COMMIT_EDITMSG without core.sharedRepository; .git itself (0700) keeps it in.
            if name == "COMMIT_EDITMSG" { continue }
            if lstat(gitFolder + "/" + name, &info) == 0, info.st_mode & S_IFMT != S_IFLNK, info.st_mode & 0o077 != 0 {
                open.append(String(format: "%@ %o", name, info.st_mode & 0o777))
            }
        }
        #expect(open.isEmpty, "readable by others: \(open.prefix(10))")
        // Another user cannot read the committed map.
        if getuid() == 0, let runuser = ExecutableSearch.find("runuser") {
            let other = try TestSupport.run(runuser, ["-u", "nobody", "--", git, "-C", book, "show", "HEAD:map.parts"])
            #expect(other.status != 0)
            #expect(!other.stdout.contains("partsmap 1"))
        }
    }

    @Test("init puts .gitignore and .gitattributes in the first commit's index")
    func initStagesItsFiles() throws {
        guard let git = ExecutableSearch.find("git") else { return }
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        let result = try TestSupport.partsmap(["init", "book"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let staged = try TestSupport.run(git, ["-C", folder.path + "/book", "diff", "--cached", "--name-only"]).stdout
        #expect(staged.split(separator: "\n").sorted() == [".gitattributes", ".gitignore", "map.parts"], "\(staged)")
        #expect(result.stderr.contains("git commit"), "\(result.stderr)")
    }

    @Test("A fresh workbook explains what is missing, never exit 70", arguments: [
        ["history"], ["timeline", "-o", "frames", "--by", "commit"], ["diff"], ["self-chart"], ["journey", "fog"],
    ])
    func freshWorkbook(arguments: [String]) throws {
        guard ExecutableSearch.find("git") != nil else { return }
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        let made = try TestSupport.partsmap(["init", "book"], in: folder)
        #expect(made.status == 0)
        let book = folder.appendingPathComponent("book")
        _ = try TestSupport.partsmap(["part", "add", "fog", "--role", "manager"], in: book)
        let result = try TestSupport.partsmap(arguments, in: book)
        #expect(result.status != 70, "\(arguments): \(result.stderr)")
        #expect(!result.stderr.contains("fatal:"), "\(arguments): \(result.stderr)")
        #expect(!result.stderr.contains("git log failed"), "\(arguments): \(result.stderr)")
        if arguments[0] == "self-chart" {
            #expect(result.stderr.contains("session add"), "\(result.stderr)")
        } else {
            #expect((result.stdout + result.stderr).contains("git commit"), "\(arguments): \(result.stderr)")
        }
    }
}
