#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure reading or writing a file, with the path and the system's reason.
public enum FileError: Error, Equatable, Sendable, CustomStringConvertible {
    case notFound(path: String)
    case cannotRead(path: String, reason: String)
    case cannotWrite(path: String, reason: String)
    case tooLarge(path: String, limit: Int)
    /// A FIFO, device or socket where a map or other file to read was expected.
    case notRegularFile(path: String, kind: String)
    /// The file exists but its permissions say it is not to be changed.
    case readOnly(path: String)

    public var description: String {
        switch self {
        case .notFound(let path): return "\(path): no such file"
        case .cannotRead(let path, let reason): return "\(path): cannot read: \(reason)"
        case .cannotWrite(let path, let reason): return "\(path): cannot write: \(reason)"
        case .tooLarge(let path, let limit):
            return "\(path): larger than \(limit / 1_048_576) MiB; a parts map this big is probably not a map"
        case .notRegularFile(let path, let kind):
            return "\(path): not a regular file (it is \(kind)); partsmap reads maps from plain files"
        case .readOnly(let path):
            return "\(path) is read-only, so partsmap leaves it as it is; nothing was written "
                + "(to change it, make it writable first: chmod u+w '\(path)')"
        }
    }
}

/// File access through the C library: PartsMap avoids Foundation to start fast.
///
/// Maps are clinical data, so every file PartsMap creates is readable by its owner only, and
/// every write goes to a temporary file in the same folder that is renamed over the target, so
/// a crash or a full disk never leaves a half-written map or picture.
public enum FileSystem {
    /// Maps larger than this are refused rather than read into memory.
    public static let maximumMapBytes = 64 * 1_048_576

    /// Reads a whole file. Anything but a regular file (a FIFO, a device) is refused without
    /// waiting for it, unless `regularOnly` is false (a note read from `<(command)`).
    public static func readBytes(at path: String, limit: Int = maximumMapBytes,
                                 regularOnly: Bool = true) throws(FileError) -> [UInt8] {
        // O_NONBLOCK: opening a FIFO nobody writes to would otherwise wait forever.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { throw .notFound(path: path) }
            throw .cannotRead(path: path, reason: errnoDescription(code))
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .cannotRead(path: path, reason: errnoDescription()) }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw .cannotRead(path: path, reason: "it is a folder")
        }
        if (info.st_mode & S_IFMT) != S_IFREG {
            if regularOnly { throw .notRegularFile(path: path, kind: kind(of: info.st_mode)) }
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        }
        if Int(info.st_size) > limit { throw .tooLarge(path: path, limit: limit) }
        return try readAll(descriptor, path: path, sizeHint: Int(info.st_size), limit: limit)
    }

    static func readAll(_ descriptor: Int32, path: String, sizeHint: Int = 0, limit: Int) throws(FileError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(sizeHint + 1)  // one allocation for a regular file
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .cannotRead(path: path, reason: errnoDescription())
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit { throw .tooLarge(path: path, limit: limit) }
        }
        return bytes
    }

    /// What a file that is not a regular file is, for messages.
    static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: return "a FIFO"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFDIR: return "a folder"
        case S_IFLNK: return "a symbolic link"
        default: return "not a plain file"
        }
    }

    /// Where a write to `path` really goes. A symbolic link is followed, so the link stays and
    /// its target is written; a FIFO or device is written to directly (renaming over it would
    /// replace the node); a read-only file or a folder is refused.
    package enum WriteTarget: Equatable {
        /// Replace this regular file (or create it) by renaming a finished temporary file over it.
        case replace(String)
        /// Open this node and write to it.
        case direct(String)
    }

    package static func writeTarget(_ path: String) throws(FileError) -> WriteTarget {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .replace(path) }
        var target = path
        if (info.st_mode & S_IFMT) == S_IFLNK {
            guard let resolved = resolvedPath(path), stat(resolved, &info) == 0 else { return .replace(path) }
            target = resolved
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            // Mode bits too: root may write anything, but a 0444 map says "do not change me".
            if (info.st_mode & 0o222) == 0 || access(target, W_OK) != 0 { throw .readOnly(path: path) }
            return .replace(target)
        case S_IFDIR:
            throw .cannotWrite(path: path, reason: "it is a folder")
        default:
            return .direct(target)
        }
    }

    /// The path with every symbolic link resolved (nil when it does not exist).
    public static func resolvedPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The file a map edit locks and writes: the target of a link, else the path itself.
    public static func editTarget(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return path }
        return resolvedPath(path) ?? path
    }

    /// Writes `bytes` straight into a FIFO or device at `path` (shown as `shown`), without
    /// waiting for a FIFO nobody reads.
    static func writeDirectly(_ bytes: [UInt8], to path: String, shown: String) throws(FileError) {
        let descriptor = path == "-" ? dup(1) : open(path, O_WRONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            let reason = errno == ENXIO ? "it is \(kindOfNode(path)) and nothing is reading from it" : errnoDescription()
            throw .cannotWrite(path: shown, reason: reason)
        }
        defer { close(descriptor) }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        try writeAll(bytes, to: descriptor, path: shown)
    }

    private static func kindOfNode(_ path: String) -> String {
        var info = stat()
        return stat(path, &info) == 0 ? kind(of: info.st_mode) : "not a plain file"
    }

    package static func writeAll(_ data: [UInt8], to descriptor: Int32, path: String) throws(FileError) {
        var offset = 0
        while offset < data.count {
            let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress.map { $0 + offset }, data.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw .cannotWrite(path: path, reason: errnoDescription())
            }
            offset += written
        }
    }

    /// What identifies one version of a file on disk: size, modification time, inode.
    package struct Stamp: Equatable, CustomStringConvertible {
        var size: Int64
        var seconds: Int
        var nanoseconds: Int
        var inode: UInt64

        package var description: String { "\(size) \(seconds).\(nanoseconds) \(inode)" }
    }

    package static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let modified = info.st_mtimespec
        #else
        let modified = info.st_mtim
        #endif
        return Stamp(size: Int64(info.st_size), seconds: Int(modified.tv_sec), nanoseconds: Int(modified.tv_nsec),
                     inode: UInt64(info.st_ino))
    }

    /// Whether anything exists at `path` (file, folder or other).
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// The folder part of a path ("." when there is none).
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// The last component of a path.
    public static func fileName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// Creates a private temporary file beside `path` (same folder, so rename is atomic); for
    /// `-` (standard output), in the temporary folder. Returns its descriptor and path.
    ///
    /// The descriptor holds an exclusive `flock` until it is closed: that is how a later
    /// `partsmap` tells a file a killed process left behind (nobody holds its lock) from one
    /// another process is still writing. Leftovers are removed here, before a new one is made.
    ///
    /// `removingLeftovers: false` leaves that to the caller (`removeStaleTemporaryFiles`), which
    /// reads the whole folder: a render does it while Graphviz starts.
    package static func makeTemporaryFile(beside path: String, removingLeftovers: Bool = true) throws(FileError) -> (descriptor: Int32, path: String) {
        let base = temporaryBase(path)
        if removingLeftovers { removeStaleTemporaryFiles(beside: base) }
        let template = directory(of: base) + "/." + fileName(of: base) + ".partsmap-XXXXXX"
        for _ in 0..<8 {
            var buffer = Array(template.utf8CString)
            let descriptor = buffer.withUnsafeMutableBufferPointer { $0.baseAddress.map { mkstemp($0) } ?? -1 }
            guard descriptor >= 0 else { throw .cannotWrite(path: path, reason: errnoDescription()) }
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            let temporary = buffer.withUnsafeBufferPointer { $0.baseAddress.map { String(cString: $0) } ?? "" }
            // Locked, and still the file at that path (a cleaner may have taken it in between).
            var held = stat()
            var named = stat()
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0, fstat(descriptor, &held) == 0, lstat(temporary, &named) == 0,
               held.st_ino == named.st_ino, held.st_dev == named.st_dev {
                return (descriptor, temporary)
            }
            close(descriptor)
        }
        throw .cannotWrite(path: path, reason: "cannot make a temporary file beside it")
    }

    /// Whether the file system holding `folder` has no room left for an ordinary user.
    package static func isFull(_ folder: String) -> Bool {
        var info = statvfs()
        guard statvfs(folder, &info) == 0 else { return false }
        return info.f_bavail == 0
    }

    /// Takes every permission away from group and others, for `folder` and everything in it
    /// (symbolic links are not followed). Used to make a git repository private.
    package static func removeGroupAndOtherPermissions(under folder: String) {
        var info = stat()
        guard lstat(folder, &info) == 0, (info.st_mode & S_IFMT) != S_IFLNK else { return }
        chmod(folder, info.st_mode & 0o7700)
        guard (info.st_mode & S_IFMT) == S_IFDIR, let stream = opendir(folder) else { return }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        closedir(stream)
        for name in names { removeGroupAndOtherPermissions(under: folder + "/" + name) }
    }

    /// The file a temporary file for `path` is made beside: `path` itself, or for `-`
    /// (standard output) a name in the temporary folder.
    package static func temporaryBase(_ path: String) -> String {
        path == "-" ? temporaryFolder() + "/standard-output" : path
    }

    /// $TMPDIR, else /tmp.
    static func temporaryFolder() -> String {
        guard let folder = environmentValue("TMPDIR"), !folder.isEmpty else { return "/tmp" }
        return folder.count > 1 && folder.hasSuffix("/") ? String(folder.dropLast()) : folder
    }

    /// The permission bits to give a replacement for `path`: the existing file's, or owner-only.
    static func permissions(forReplacing path: String) -> mode_t {
        var info = stat()
        if stat(path, &info) == 0 { return info.st_mode & 0o7777 }
        return 0o600
    }

    /// Replaces `path` with `bytes` atomically: temp file, fsync, keep permissions, rename.
    /// `durable: false` skips the syncs, for files that can be made again (caches). A link is
    /// followed; a FIFO or device is written to directly; a read-only file is refused.
    public static func writeAtomically(_ bytes: some Collection<UInt8>, to path: String, durable: Bool = true) throws(FileError) {
        let target: String
        switch try writeTarget(path) {
        case .direct(let node):
            try writeDirectly(Array(bytes), to: node, shown: path)
            return
        case .replace(let file):
            target = file
        }
        let (descriptor, temporary) = try makeTemporaryFile(beside: target)
        // Closed (releasing its lock) only after the rename, or after the file is removed.
        defer { close(descriptor) }
        do throws(FileError) {
            try writeAll(Array(bytes), to: descriptor, path: path)
            guard fchmod(descriptor, permissions(forReplacing: target)) == 0, !durable || fsync(descriptor) == 0 else {
                throw .cannotWrite(path: path, reason: errnoDescription())
            }
            try commit(temporary, to: target, durable: durable)
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Renames a finished temporary file over `path`; with `durable`, also syncs the folder so
    /// the rename survives a power cut (maps need that; pictures, which can be redrawn, do not).
    /// `-` copies it to standard output; a link is followed; a FIFO or device gets a copy
    /// (never a rename over the node). The temporary file is gone afterwards either way.
    static func commit(_ temporary: String, to path: String, durable: Bool = true) throws(FileError) {
        let target: WriteTarget
        do {
            target = path == "-" ? .direct("-") : try writeTarget(path)
        } catch {
            unlink(temporary)
            throw error
        }
        switch target {
        case .direct(let node):
            defer { unlink(temporary) }
            let bytes = try readBytes(at: temporary, limit: Int.max)
            try writeDirectly(bytes, to: node, shown: path)
        case .replace(let file):
            guard rename(temporary, file) == 0 else {
                let reason = errnoDescription()
                unlink(temporary)
                throw .cannotWrite(path: path, reason: reason)
            }
            guard durable else { return }
            let folder = open(directory(of: file), O_RDONLY | O_CLOEXEC)
            if folder >= 0 {
                _ = fsync(folder)
                close(folder)
            }
        }
    }

    /// Removes temporary files left beside `path` by a `partsmap` that was killed mid-write:
    /// those whose lock nobody holds. One still being written is locked by its writer.
    public static func removeStaleTemporaryFiles(beside path: String) {
        let prefix = "." + fileName(of: path) + ".partsmap-"
        let folder = directory(of: path)
        guard let stream = opendir(folder) else { return }
        defer { closedir(stream) }
        var candidates: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(prefix) && name.utf8.count == prefix.utf8.count + 6 { candidates.append(name) }
        }
        for name in candidates {
            let candidate = folder + "/" + name
            let descriptor = open(candidate, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
            guard descriptor >= 0 else { continue }
            var held = stat()
            var named = stat()
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0, fstat(descriptor, &held) == 0, lstat(candidate, &named) == 0,
               held.st_ino == named.st_ino, (held.st_mode & S_IFMT) == S_IFREG {
                unlink(candidate)
            }
            close(descriptor)
        }
    }

    /// Writes `text` as UTF-8, atomically, the same way as the byte version above.
    public static func writeAtomically(_ text: String, to path: String, durable: Bool = true) throws(FileError) {
        try writeAtomically(text.utf8, to: path, durable: durable)
    }
}
