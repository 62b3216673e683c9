import Foundation
import Testing
@testable import PartsMap
@testable import PartsMapCLI

/// `make install` and `make uninstall`, run for real into a temporary PREFIX (with the binary
/// the tests were built with, so no release build is needed).
@Suite("make install")
struct InstallTests {
    @Test("make install puts the binary, completions and man page in PREFIX; make uninstall takes them away")
    func installAndUninstall() throws {
        guard let make = ExecutableSearch.find("make") else { return }
        let prefix = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(prefix) }
        let arguments = ["-C", TestSupport.packageRoot.path, "PREFIX=" + prefix.path, "BINARY=" + TestSupport.partsmapBinary]
        let installed = try TestSupport.run(make, ["install"] + arguments)
        #expect(installed.status == 0, "\(installed.stderr)")
        let files = ["bin/partsmap", "share/bash-completion/completions/partsmap", "share/zsh/site-functions/_partsmap",
                     "share/fish/vendor_completions.d/partsmap.fish", "share/man/man1/partsmap.1"]
        for file in files {
            #expect(FileManager.default.fileExists(atPath: prefix.path + "/" + file), "\(file) missing")
        }
        let version = try TestSupport.run(prefix.path + "/bin/partsmap", ["--version"])
        #expect(version.stdout.hasPrefix("partsmap "))
        let bash = try String(contentsOfFile: prefix.path + "/share/bash-completion/completions/partsmap", encoding: .utf8)
        #expect(bash.contains("complete -F _partsmap partsmap"))
        // The man page: made from the command table, every command in it, and man reads it cleanly.
        let page = try String(contentsOfFile: prefix.path + "/share/man/man1/partsmap.1", encoding: .utf8)
        #expect(page.hasPrefix(".TH PARTSMAP 1"))
        for spec in CommandLineTool.commandSpecs {
            #expect(page.contains(".SS \"partsmap " + spec.name.replacingOccurrences(of: "-", with: "\\-")), "\(spec.name) missing")
        }
        if let man = ExecutableSearch.find("man") {
            let shown = try TestSupport.run(man, ["--warnings", "-l", prefix.path + "/share/man/man1/partsmap.1"],
                                            environment: ["MANPAGER": "cat", "PAGER": "cat", "MANWIDTH": "80"])
            #expect(shown.status == 0, "\(shown.stderr)")
            #expect(shown.stderr.isEmpty, "\(shown.stderr)")
            #expect(shown.stdout.contains("partsmap init my-parts --title \"My parts\""), "\(shown.stdout.prefix(2000))")
        }
        let removed = try TestSupport.run(make, ["uninstall"] + arguments)
        #expect(removed.status == 0, "\(removed.stderr)")
        for file in files {
            #expect(!FileManager.default.fileExists(atPath: prefix.path + "/" + file), "\(file) left behind")
        }
    }

    @Test("README tells how to install, right under the two commands")
    func readmeSaysHowToInstall() throws {
        let readme = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        guard let test = readme.range(of: "make test") else {
            Issue.record("README has no 'make test'")
            return
        }
        let after = readme[test.upperBound...].prefix(1200)
        #expect(after.contains("make install"), "\(after)")
        #expect(after.contains("make uninstall"))
        #expect(after.contains("~/.local/bin") || after.contains("$HOME/.local/bin"))
    }
}
