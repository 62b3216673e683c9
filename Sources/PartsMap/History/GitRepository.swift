/// Reading a map's past from git, with as few git processes as possible: one `git log` for the
/// list of commits and one `git cat-file --batch` for all their contents.
public struct GitRepository: Sendable {
    /// One commit that touched the map.
    public struct Commit: Equatable, Sendable {
        public var hash: String
        public var date: String
        public var subject: String
        /// The first parent's hash (nil for a root commit): what this commit changed is measured
        /// against it, which stays right across merges.
        public var parent: String?

        public var shortHash: String { String(hash.prefix(8)) }
    }

    public enum GitError: Error, Equatable, Sendable, CustomStringConvertible {
        case gitNotFound
        case failed(command: String, message: String)

        public var description: String {
            switch self {
            case .gitNotFound:
                return "git is needed for history (install it: apt-get install git / brew install git)"
            case .failed(let command, let message):
                return "git \(command) failed" + (message.isEmpty ? "" : ": " + message)
            }
        }
    }

    /// The git program.
    public let git: String
    /// The folder git runs in: the map's folder, so `./NAME` paths work in any repository layout.
    public let folder: String

    public init(folder: String) throws(GitError) {
        guard let git = ExecutableSearch.find("git") else { throw .gitNotFound }
        self.git = git
        self.folder = folder
    }

    /// Runs git in the map's folder and returns its standard output.
    package func run(_ arguments: [String], input: [UInt8] = []) throws(GitError) -> [UInt8] {
        var process = Subprocess(executable: git, arguments: ["-C", folder] + arguments, timeout: 300)
        process.capturesOutput = true
        let result: Subprocess.Result
        do {
            result = try process.run(input: input)
        } catch {
            throw .failed(command: arguments.first ?? "", message: "\(error)")
        }
        guard result.termination == .exited(0) else {
            throw .failed(command: arguments.first ?? "",
                          message: String(decoding: result.standardError, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "")
        }
        return result.standardOutput
    }

    /// Whether the folder is inside a git work tree.
    public var isRepository: Bool {
        (try? run(["rev-parse", "--is-inside-work-tree"])) != nil
    }

    /// The commits that touched `file` (a name in `folder`), oldest first.
    public func commits(touching file: String, limit: Int? = nil) throws(GitError) -> [Commit] {
        var arguments = ["log", "--format=%H%x1f%ad%x1f%s%x1f%P%x1e", "--date=short"]
        if let limit { arguments.append("-n\(limit)") }
        arguments += ["--", file]
        let output = String(decoding: try run(arguments), as: UTF8.self)
        var commits: [Commit] = []
        for record in output.split(separator: "\u{1E}") {
            let fields = record.drop { $0 == "\n" }.split(separator: "\u{1F}", omittingEmptySubsequences: false)
            guard fields.count == 4 else { continue }
            let parent = fields[3].split(separator: " ").first.map(String.init)
            commits.append(Commit(hash: String(fields[0]), date: String(fields[1]), subject: String(fields[2]), parent: parent))
        }
        return commits.reversed()
    }

    /// The contents of `file` at each revision, in one `git cat-file --batch` run; nil where the
    /// file did not exist at that revision.
    public func contents(of file: String, at revisions: [String]) throws(GitError) -> [[UInt8]?] {
        guard !revisions.isEmpty else { return [] }
        let prefix = try relativePrefix()
        let request = revisions.map { "\($0):\(prefix)\(file)\n" }.joined()
        let output = try run(["cat-file", "--batch"], input: Array(request.utf8))
        var results: [[UInt8]?] = []
        var position = 0
        for _ in revisions {
            guard let newline = output[position...].firstIndex(of: UInt8(ascii: "\n")) else { break }
            let header = String(decoding: output[position..<newline], as: UTF8.self)
            position = newline + 1
            let words = header.split(separator: " ")
            if words.count == 3, words[1] == "blob", let size = Int(words[2]), position + size <= output.count {
                results.append(Array(output[position..<(position + size)]))
                position += size + 1
            } else {
                results.append(nil)  // "<object> missing", or not a file
            }
        }
        while results.count < revisions.count { results.append(nil) }
        return results
    }

    /// The contents of `file` at one revision.
    public func contents(of file: String, at revision: String) throws(GitError) -> [UInt8]? {
        try contents(of: file, at: [revision]).first ?? nil
    }

    /// Whether `revision` names a commit.
    public func isCommit(_ revision: String) -> Bool {
        (try? run(["rev-parse", "--verify", "--quiet", revision + "^{commit}"])) != nil
    }

    /// The folder's path inside the repository ("" at the top), for `rev:path` names.
    private func relativePrefix() throws(GitError) -> String {
        String(decoding: try run(["rev-parse", "--show-prefix"]), as: UTF8.self).filter { $0 != "\n" }
    }
}
