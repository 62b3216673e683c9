#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Remembers what a picture was drawn from, so drawing an unchanged map with the same options
/// skips Graphviz. The records live in the person's cache folder (`$XDG_CACHE_HOME/partsmap`,
/// else `~/.cache/partsmap`, private), one small file per picture named by a hash of the
/// picture's absolute path: never beside the picture, where they would clutter the folder.
///
/// The record holds a hash of the DOT and options, and the picture's size and modification
/// time: a picture changed or replaced by something else is drawn again. Without a cache
/// folder (no HOME), every render draws.
package struct RenderCache {
    let output: String
    let hash: String

    let recordPath: String?

    package init(output: String, key: [String]) {
        self.output = output
        hash = RenderCache.hash(key)
        recordPath = RenderCache.folder().flatMap { folder in
            // The picture's absolute path (its folder resolved), so every picture has its own record.
            guard output != "-", let absolute = FileSystem.resolvedPath(FileSystem.directory(of: FileSystem.editTarget(output))) else {
                return nil
            }
            return folder + "/" + RenderCache.hash([absolute + "/" + FileSystem.fileName(of: FileSystem.editTarget(output))])
        }
    }

    static func hash(_ key: [String]) -> String {
        var hash = FNV1a()
        for part in key {
            // In place when the text is stored as UTF-8 (the DOT, 60 kB for 60 parts, is hashed
            // before Graphviz gets it).
            let done: Void? = part.utf8.withContiguousStorageIfAvailable { bytes in for byte in bytes { hash.add(UInt64(byte)) } }
            if done == nil {
                for byte in part.utf8 { hash.add(UInt64(byte)) }
            }
            hash.add(0xFF)
        }
        return String(hash.value, radix: 16)
    }

    /// The private folder for render records, made (0700) when missing; nil without one.
    static func folder() -> String? {
        let base: String
        if let cache = environmentValue("XDG_CACHE_HOME"), cache.hasPrefix("/") {
            base = cache
        } else if let home = environmentValue("HOME"), home.hasPrefix("/") {
            base = home + "/.cache"
            if !FileSystem.exists(base) { mkdir(base, 0o700) }
        } else {
            return nil
        }
        if !FileSystem.exists(base) { mkdir(base, 0o700) }
        let folder = base + "/partsmap"
        if !FileSystem.exists(folder) { mkdir(folder, 0o700) }
        var info = stat()
        guard stat(folder, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
        return folder
    }

    private var fingerprint: String? {
        FileSystem.stamp(output).map { "\(hash) \($0)\n" }
    }

    /// Whether the picture on disk was drawn from exactly this DOT and these options.
    package var isCurrent: Bool {
        guard let fingerprint, let recordPath, let recorded = try? FileSystem.readBytes(at: recordPath, limit: 4096) else { return false }
        return String(decoding: recorded, as: UTF8.self) == fingerprint
    }

    /// Notes that the picture now on disk was drawn from this DOT.
    ///
    /// Written in place, not replaced: a record cut short (a killed process, two renders of
    /// one picture at once) matches no fingerprint, which only means one more drawing. A safe
    /// replacement's temporary file would have the folder, one record per picture ever drawn,
    /// read through for leftovers at every render.
    package func record() {
        guard let fingerprint, let recordPath else { return }
        let descriptor = open(recordPath, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0o600)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return }
        try? FileSystem.writeAll(Array(fingerprint.utf8), to: descriptor, path: recordPath)
    }
}
